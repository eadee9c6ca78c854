import { makeKey, parseKey } from '../../src/channels/keys'
import { parseSafely, verifySafely } from '../../src/channels/never-throws'
import type {
  AttachmentRef,
  ChannelAdapter,
  ChannelAdapterFactory,
  InboundEvent,
  MediaResult,
  OutboundMessage,
  ParseResult,
  SendResult,
  Sender,
} from '../../src/channels/types'
import { safeEqual } from '../../src/lib/crypto'
import { apiBase, fetcherOf, postJson, redactSecret } from '../../src/lib/http'
import { downloadMedia } from '../../src/lib/media'
import type { CallbackQuery, Chat, Message, User } from './api'
import { escapeHtml } from '../../src/lib/escape'
import { type Failure, networkFailure } from '../../src/lib/failure'
import { classify, inlineKeyboard, splitText } from './format'
import { isRecord } from '../../src/lib/guards'

const DEFAULT_API_BASE = 'https://api.telegram.org'
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token'
// Sends run from the alarm, which has minutes of wall time: wait as long as the platform's own
// gateway would (about 30 s), so a slow answer is rarely mistaken for none (see retry.ts).
const TIMEOUT_MS = 30_000
// Telegram rejects empty text ("message text is empty"), e.g. a reply made of buttons only.
const PLACEHOLDER = '…'
// An old or already-answered query: https://core.telegram.org/bots/api#answercallbackquery
const QUERY_GONE = /query is too old|query id is invalid/i

const isInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value)

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

const isUser = (value: unknown): value is User =>
  isRecord(value) && isInt(value.id) && typeof value.is_bot === 'boolean'

const isChat = (value: unknown): value is Chat => isRecord(value) && isInt(value.id)

const isMessage = (value: unknown): value is Message =>
  isRecord(value) && isInt(value.message_id) && isChat(value.chat)

const isCallbackQuery = (value: unknown): value is CallbackQuery =>
  isRecord(value) && typeof value.id === 'string' && isUser(value.from)

const isFile = (value: unknown): value is { file_id: string } =>
  isRecord(value) && typeof value.file_id === 'string' && value.file_id !== ''

/** `telegram:<chat>` plus `:<thread>` for forum topics only (replies also carry a thread id). */
const conversationKey = (message: Message): string =>
  message.is_topic_message === true && isInt(message.message_thread_id)
    ? makeKey('telegram', message.chat.id, message.message_thread_id)
    : makeKey('telegram', message.chat.id)

const senderOf = (user: User): Sender => {
  const full = [text(user.first_name), text(user.last_name)].filter(Boolean).join(' ').trim()
  const name = full || text(user.username)
  const sender: Sender = { id: String(user.id), isBot: user.is_bot }
  if (name) sender.name = name
  const language = text(user.language_code)
  if (language) sender.languageHint = language
  return sender
}

// Anonymous group admins and channel posts carry sender_chat instead of from:
// https://core.telegram.org/bots/api#message
const messageSender = (message: Message): Sender => {
  if (isUser(message.from)) return senderOf(message.from)
  const chat = isChat(message.sender_chat) ? message.sender_chat : message.chat
  const sender: Sender = { id: String(chat.id), isBot: false }
  const name = text(chat.title) ?? text(chat.first_name) ?? text(chat.username)
  if (name) sender.name = name
  return sender
}

const withMeta = (
  ref: AttachmentRef,
  file: { mime_type?: unknown; file_name?: unknown; file_size?: unknown }
): AttachmentRef => {
  const mimeType = text(file.mime_type)
  if (mimeType) ref.mimeType = mimeType
  const name = text(file.file_name)
  if (name) ref.name = name
  if (isInt(file.file_size) && file.file_size > 0) ref.size = file.file_size
  return ref
}

const attachmentsOf = (message: Message): AttachmentRef[] => {
  const attachments: AttachmentRef[] = []
  // A photo arrives as several sizes, smallest first: https://core.telegram.org/bots/api#message
  const sizes = Array.isArray(message.photo) ? message.photo.filter(isFile) : []
  const area = (size: { width?: unknown; height?: unknown }) =>
    (isInt(size.width) ? size.width : 0) * (isInt(size.height) ? size.height : 0)
  const largest = sizes.reduce<(typeof sizes)[number] | undefined>(
    (best, size) => (best === undefined || area(size) >= area(best) ? size : best),
    undefined
  )
  if (largest) attachments.push(withMeta({ kind: 'image', ref: largest.file_id }, largest))
  if (isFile(message.document)) {
    attachments.push(withMeta({ kind: 'file', ref: message.document.file_id }, message.document))
  }
  for (const file of [message.voice, message.audio]) {
    if (isFile(file)) attachments.push(withMeta({ kind: 'audio', ref: file.file_id }, file))
  }
  if (isFile(message.video)) {
    attachments.push(withMeta({ kind: 'video', ref: message.video.file_id }, message.video))
  }
  return attachments
}

interface Context {
  externalId: string
  receivedAt: number
  raw: unknown
}

const sentAt = (seconds: unknown, receivedAt: number): number =>
  isInt(seconds) && seconds > 0 ? seconds * 1000 : receivedAt

const messageEvent = (message: Message, ctx: Context): InboundEvent => ({
  type: 'message',
  channel: 'telegram',
  conversationKey: conversationKey(message),
  externalId: ctx.externalId,
  platformMessageId: String(message.message_id),
  sender: messageSender(message),
  sentAt: sentAt(message.date, ctx.receivedAt),
  text: text(message.text) ?? text(message.caption) ?? '',
  attachments: attachmentsOf(message),
  raw: ctx.raw,
})

const editEvent = (message: Message, ctx: Context): InboundEvent => ({
  type: 'edit',
  channel: 'telegram',
  conversationKey: conversationKey(message),
  externalId: ctx.externalId,
  platformMessageId: String(message.message_id),
  sender: messageSender(message),
  sentAt: sentAt(message.edit_date ?? message.date, ctx.receivedAt),
  text: text(message.text) ?? text(message.caption) ?? '',
  raw: ctx.raw,
})

const pressedLabel = (message: Message, data: string): string | undefined => {
  const rows = isRecord(message.reply_markup) ? message.reply_markup.inline_keyboard : undefined
  if (!Array.isArray(rows)) return undefined
  for (const row of rows) {
    if (!Array.isArray(row)) continue
    const button: unknown = row.find((b: unknown) => isRecord(b) && b.callback_data === data)
    if (isRecord(button) && typeof button.text === 'string') return button.text
  }
  return undefined
}

// Buttons on inline-mode messages have no chat (only inline_message_id), and game buttons no
// data; neither can reach a conversation: https://core.telegram.org/bots/api#callbackquery
const actionEvents = (query: CallbackQuery, ctx: Context): InboundEvent[] => {
  const data = text(query.data)
  if (!data || !isMessage(query.message)) return []
  const label = pressedLabel(query.message, data)
  return [
    {
      type: 'action',
      channel: 'telegram',
      conversationKey: conversationKey(query.message),
      externalId: ctx.externalId,
      sender: senderOf(query.from),
      sentAt: ctx.receivedAt,
      ackHandle: query.id,
      actionId: data,
      ...(label === undefined ? {} : { label }),
      raw: ctx.raw,
    },
  ]
}

const invalid = (reason: string): ParseResult => ({ kind: 'invalid', reason })

const events = (list: InboundEvent[]): ParseResult => ({ kind: 'events', events: list })

/** Maps one webhook body (a JSON `Update`) to events; unknown update types give none. */
const parseUpdate = (body: string, receivedAt: number): ParseResult => {
  let update: unknown
  try {
    update = JSON.parse(body)
  } catch {
    return invalid('malformed JSON')
  }
  if (!isRecord(update) || !isInt(update.update_id)) return invalid('not a Telegram Update')
  const ctx: Context = { externalId: `update:${update.update_id}`, receivedAt, raw: update }
  if ('message' in update) {
    return isMessage(update.message)
      ? events([messageEvent(update.message, ctx)])
      : invalid('malformed message')
  }
  if ('edited_message' in update) {
    return isMessage(update.edited_message)
      ? events([editEvent(update.edited_message, ctx)])
      : invalid('malformed edited_message')
  }
  if ('callback_query' in update) {
    return isCallbackQuery(update.callback_query)
      ? events(actionEvents(update.callback_query, ctx))
      : invalid('malformed callback_query')
  }
  return events([])
}

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
