import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { telegramSigned } from '../../test/support/signatures'
import textMessage from './fixtures/text-message.json'

const request = (secret: string, now: number): WebhookRequest =>
  webhookRequest(
    'telegram',
    JSON.stringify(textMessage),
    { 'content-type': 'application/json', ...telegramSigned(secret) },
    now
  )

const error = (status: number, description: string, parameters?: object) =>
  Response.json(
    { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
    { status }
  )

/** Telegram's side of the shared adapter contract suite. */
export const contract: AdapterContract = {
  channel: 'telegram',
  env: {
    TELEGRAM_BOT_TOKEN: '123:ABC',
    TELEGRAM_WEBHOOK_SECRET: 'contract-secret',
    TELEGRAM_API_BASE: 'https://tg.contract.test',
  },
  signed: async (now) => request('contract-secret', now),
  wrongSecret: async (now) => request('another-secret', now),
  keys: ['telegram:111111111', 'telegram:-1001234567890:42'],
  sendOk: () => Response.json({ ok: true, result: { message_id: 7, chat: { id: 1 }, date: 1 } }),
  sendErrors: {
    rateLimited: () => error(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
    server: () => error(502, 'Bad Gateway'),
    rejected: () => error(403, 'Forbidden: bot was blocked by the user'),
  },
  maxText: 4096,
  bodySigned: false,
  callsPlatform: true,
}
