import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { stubPlatform, urlOf } from './support/platform'
import { telegramSigned } from './support/signatures'
import type { Conversation, TestClockEnv } from './worker'

/** The secret the test config gives Telegram. */
export const TELEGRAM_SECRET = 'test-telegram-secret'
/** The admin token of the test config. */
export const ADMIN = { Authorization: 'Bearer test-admin-token' }

let updateSeq = 1000

/** A Telegram text update in a private chat, in the Bot API's real shape. */
export const telegramText = (chatId: number, text: string, updateId = ++updateSeq) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    from: { id: chatId, is_bot: false, first_name: 'Ada', language_code: 'en' },
    chat: { id: chatId, first_name: 'Ada', type: 'private' },
    date: 1_700_000_000,
    text,
  },
})

/** A Telegram button press on an earlier bot message. */
export const telegramCallback = (chatId: number, data: string, updateId = ++updateSeq) => ({
  update_id: updateId,
  callback_query: {
    id: `cbq-${updateId}`,
    from: { id: chatId, is_bot: false, first_name: 'Ada', language_code: 'en' },
    message: {
      message_id: 1,
      chat: { id: chatId, type: 'private' },
      date: 1_700_000_000,
      text: 'menu',
    },
    chat_instance: '42',
    data,
  },
})

/** POSTs a body to a webhook route through the Worker, as the platform would. */
export const postWebhook = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  exports.default.fetch(
    new Request(`https://engine.test/webhooks/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  )

/** POSTs a signed Telegram update. */
export const postTelegram = (update: unknown) =>
  postWebhook('telegram', update, telegramSigned(TELEGRAM_SECRET))

/** Calls the API through the Worker. */
export const api = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(new Request(`https://engine.test${path}`, init))

/** How far ahead of wall time the conversations' clocks run (the test config's offset). */
export const TEST_CLOCK_OFFSET_MS = Number((env as TestClockEnv).TEST_CLOCK_OFFSET_MS ?? 0)

/** The conversation object behind a key. */
export const conversation = (key: string) => env.CONVERSATION.getByName(key)

/** Moves one conversation's clock forward (lost on eviction, like any in-memory state). */
export const advance = (key: string, ms: number) =>
  runInDurableObject(conversation(key), (instance: Conversation) => {
    instance.skewMs += ms
  })

/** Fires the conversation's alarm until nothing is due (bounded). */
export const drain = async (key: string, rounds = 5) => {
  for (let i = 0; i < rounds; i++) {
    if (!(await runDurableObjectAlarm(conversation(key)))) return
  }
}

/** The platform stand-in answering as the Telegram Bot API, from a script; records every call. */
export const fakeTelegram = (
  script: ((body: Record<string, unknown>, method: string) => Response | undefined)[] = []
) => {
  const calls: { method: string; body: Record<string, unknown> }[] = []
  let messageId = 500
  stubPlatform(async (_, input, init) => {
    const method = urlOf(input).pathname.split('/').pop() ?? ''
    const body = JSON.parse(
      String(init?.body ?? (input instanceof Request ? await input.text() : '{}'))
    )
    calls.push({ method, body })
    const scripted = script.shift()?.(body, method)
    if (scripted) return scripted
    if (method === 'answerCallbackQuery') return Response.json({ ok: true, result: true })
    return Response.json({
      ok: true,
      result: { message_id: ++messageId, chat: { id: body.chat_id }, date: 1, text: body.text },
    })
  })
  return { calls, sends: () => calls.filter((c) => c.method === 'sendMessage') }
}

/** Telegram's error answer for a status. */
export const telegramError = (
  status: number,
  description: string,
  parameters?: Record<string, unknown>
) =>
  Response.json(
    { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
    { status }
  )

/** The conversation as the admin API shows it, with the whole transcript (every page). */
export const view = async (key: string) => {
  const result = await conversation(key).view({ limit: 200 })
  if (!result.ok) throw new Error(result.message)
  const value = result.value
  let before = value.nextBefore
  while (before !== null) {
    const page = await conversation(key).view({ limit: 200, before })
    if (!page.ok) break
    value.messages = [...page.value.messages, ...value.messages]
    before = page.value.nextBefore
  }
  return value
}
