import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { slackSigned } from '../../test/support/signatures'
import { MAX_MESSAGE_TEXT } from './format'
import messageIm from './fixtures/message-im.json'

const SECRET = 'contract-signing-secret'

const body = JSON.stringify(messageIm)
const request = async (secret: string, now: number, age = 0): Promise<WebhookRequest> => {
  const timestamp = String(Math.floor(now / 1000) - age)
  const signature = await slackSigned(secret, body, timestamp)
  return webhookRequest('slack', body, { 'content-type': 'application/json', ...signature }, now)
}

const error = (code: string, status = 200, headers: Record<string, string> = {}) =>
  Response.json({ ok: false, error: code }, { status, headers })

/** Slack's side of the shared adapter contract suite. */
export const contract: AdapterContract = {
  channel: 'slack',
  env: {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-contract-token',
    SLACK_API_BASE: 'https://slack.contract.test/api',
  },
  signed: (now) => request(SECRET, now),
  wrongSecret: (now) => request('another-secret', now),
  stale: (now) => request(SECRET, now, 6 * 60),
  keys: ['slack:T123ABC456:D024BE91L', 'slack:T123ABC456:C0SUPPORT01:1700000300.000300'],
  sendOk: () => Response.json({ ok: true, channel: 'D024BE91L', ts: '1700002000.002100' }),
  sendErrors: {
    rateLimited: () => error('ratelimited', 429, { 'Retry-After': '7' }),
    server: () => new Response('<html>Service Unavailable</html>', { status: 503 }),
    // Slack reports permanent failures with HTTP 200 and ok: false.
    rejected: () => error('channel_not_found'),
  },
  maxText: MAX_MESSAGE_TEXT,
  bodySigned: true,
  callsPlatform: true,
}
