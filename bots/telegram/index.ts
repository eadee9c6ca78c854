import { parseKey } from '../../src/channels/keys'
import { parseSafely, verifySafely } from '../../src/channels/never-throws'
import type {
  AttachmentRef,
  ChannelAdapter,
  ChannelAdapterFactory,
  MediaResult,
  OutboundMessage,
  SendResult,
} from '../../src/channels/types'
import { safeEqual } from '../../src/lib/crypto'
import { apiBase, fetcherOf, postJson, redactSecret } from '../../src/lib/http'
import { downloadMedia } from '../../src/lib/media'
import { escapeHtml } from '../../src/lib/escape'
import { type Failure, networkFailure } from '../../src/lib/failure'
import { classify, inlineKeyboard, splitText } from './format'
import { isRecord } from '../../src/lib/guards'
import { isInt, parseUpdate, text } from './parse'

const DEFAULT_API_BASE = 'https://api.telegram.org'
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token'
// Sends run from the alarm, which has minutes of wall time: wait as long as the platform's own
// gateway would (about 30 s), so a slow answer is rarely mistaken for none (see retry.ts).
const TIMEOUT_MS = 30_000
// Telegram rejects empty text ("message text is empty"), e.g. a reply made of buttons only.
const PLACEHOLDER = '…'
// An old or already-answered query: https://core.telegram.org/bots/api#answercallbackquery
const QUERY_GONE = /query is too old|query id is invalid/i

/** `telegram:<chat>[:<thread>]` -> numeric ids for the Bot API; null when not a Telegram key. */
const targetOf = (key: string): { chatId: number; threadId?: number } | null => {
  const parsed = parseKey(key)
  if (!parsed || parsed.channel !== 'telegram' || parsed.ids.length > 2) return null
  const [chat, thread] = parsed.ids
  if (!chat || !/^-?\d+$/.test(chat) || (thread !== undefined && !/^\d+$/.test(thread))) return null
  const chatId = Number(chat)
  if (!Number.isSafeInteger(chatId)) return null
  return thread === undefined ? { chatId } : { chatId, threadId: Number(thread) }
}

/** The settings this adapter reads; unset or empty secrets leave the channel disabled. */
interface TelegramEnv {
  TELEGRAM_BOT_TOKEN?: string
  TELEGRAM_WEBHOOK_SECRET?: string
  TELEGRAM_API_BASE?: string
}

/** Telegram adapter: webhook secret header in, Bot API `sendMessage` out. */
export const telegram: ChannelAdapterFactory = (env, deps = {}) => {
  const vars = env as TelegramEnv
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secret } = vars
  if (!token || !secret) return null
  const base = apiBase(vars.TELEGRAM_API_BASE, DEFAULT_API_BASE)
  const doFetch = fetcherOf(deps.fetch)

  // The token is part of the URL; keep it out of stored failure reasons.
  const redact = (failure: Failure): Failure => redactSecret(failure, token)

  /** One Bot API call; the parsed `result` or a classified failure. Never throws. */
  const call = async (
    method: string,
    payload: Record<string, unknown>
  ): Promise<{ ok: true; result: unknown } | Failure> => {
    const answer = await postJson(doFetch, `${base}/bot${token}/${method}`, payload, {}, TIMEOUT_MS)
    if ('error' in answer) return redact(networkFailure(answer.error))
    const { body } = answer
    if (answer.ok && isRecord(body) && body.ok === true) return { ok: true, result: body.result }
    return redact(classify(answer.status, body))
  }

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const target = targetOf(message.to.conversationKey)
    if (!target) {
      const reason = `not a Telegram conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    let markup: unknown
    if (message.buttons && message.buttons.length > 0) {
      const keyboard = inlineKeyboard(message.buttons)
      if (!keyboard.ok) return keyboard
      markup = keyboard.markup
    }
    const chunks = splitText(message.text)
    if (chunks.length === 0) chunks.push(PLACEHOLDER)
    let externalId = ''
    for (const [index, chunk] of chunks.entries()) {
      const payload: Record<string, unknown> = {
        chat_id: target.chatId,
        text: escapeHtml(chunk),
        parse_mode: 'HTML',
      }
      if (target.threadId !== undefined) payload.message_thread_id = target.threadId
      if (markup !== undefined && index === chunks.length - 1) payload.reply_markup = markup
      const answer = await call('sendMessage', payload)
      if (!answer.ok) return answer
      const id = isRecord(answer.result) ? answer.result.message_id : undefined
      externalId = isInt(id) ? String(id) : ''
    }
    return { ok: true, externalId }
  }

  // Two steps: getFile names the path, then the file is read from /file/bot<token>/<path>.
  // Bots can download files up to 20 MB: https://core.telegram.org/bots/api#getfile
  const fetchMedia = async (ref: AttachmentRef): Promise<MediaResult> => {
    const answer = await call('getFile', { file_id: ref.ref })
    if (!answer.ok) {
      return /file is too big/i.test(answer.reason)
        ? { ok: false, retryable: false, tooLarge: true, reason: answer.reason }
        : answer
    }
    const path = isRecord(answer.result) ? text(answer.result.file_path) : undefined
    if (!path) return { ok: false, retryable: false, reason: 'getFile gave no file_path' }
    const result = await downloadMedia(
      doFetch,
      `${base}/file/bot${token}/${path}`,
      {},
      {
        ...(ref.mimeType ? { mimeType: ref.mimeType } : {}),
        ...(ref.name ? { name: ref.name } : {}),
      }
    )
    return result.ok ? result : redactSecret(result, token)
  }

  const acknowledge = async (ackHandle: string): Promise<SendResult> => {
    const answer = await call('answerCallbackQuery', { callback_query_id: ackHandle })
    if (answer.ok || (!answer.retryable && QUERY_GONE.test(answer.reason))) {
      return { ok: true, externalId: ackHandle }
    }
    return answer
  }

  const adapter: ChannelAdapter = {
    channel: 'telegram',
    verify: verifySafely(async (req) => {
      const header = req.headers.get(SECRET_HEADER)
      // A static shared secret, not a signature: https://core.telegram.org/bots/api#setwebhook
      return header !== null && (await safeEqual(header, secret))
    }),
    parse: parseSafely('update', (req) => parseUpdate(req.body, req.receivedAt)),
    send,
    fetchMedia,
    acknowledge,
  }
  return adapter
}
