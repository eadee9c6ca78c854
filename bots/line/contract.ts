import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { lineSigned } from '../../test/support/signatures'
import textMessage from './fixtures/text-message.json'

const body = JSON.stringify(textMessage)
const request = async (secret: string, now: number): Promise<WebhookRequest> =>
  webhookRequest(
    'line',
    body,
    { 'content-type': 'application/json; charset=utf-8', ...(await lineSigned(secret, body)) },
    now
  )

const error = (status: number, message: string) => Response.json({ message }, { status })

/** LINE's side of the shared adapter contract suite (no timestamps, so no stale check). */
export const contract: AdapterContract = {
  channel: 'line',
  env: {
    LINE_CHANNEL_SECRET: 'contract-line-secret',
    LINE_CHANNEL_ACCESS_TOKEN: 'contract-line-token',
    LINE_API_BASE: 'https://line.contract.test',
  },
  signed: (now) => request('contract-line-secret', now),
  wrongSecret: (now) => request('another-secret', now),
  keys: [
    'line:Uf5cb405ccffe6ee8519d59e9632f31d3',
    'line:Cd6fc36bc6bcbe1fc52b8c424276b8e72',
    'line:R298b90181d227e2d66d16c42d91b0e2e',
  ],
  sendOk: () => Response.json({ sentMessages: [{ id: '509283799000000002', quoteToken: 'q' }] }),
  sendErrors: {
    rateLimited: () => error(429, 'The API rate limit has been exceeded. Try again later.'),
    server: () => error(500, 'An error occurred in the server. Try again later.'),
    rejected: () => error(400, 'The request body has 1 error(s)'),
  },
  // One push request carries 5 text objects of 5000 UTF-16 code units each; send only makes a
  // second request beyond that (shorter overflow becomes more bubbles in the same request).
  maxText: 25_000,
  bodySigned: true,
  callsPlatform: true,
}
