import { makeKey } from '../../src/channels/keys'
import type { AttachmentRef, InboundEvent, ParseResult, Sender } from '../../src/channels/types'
import { isRecord } from '../../src/lib/guards'
import type { CallbackQuery, Chat, Message, User } from './api'

/** A safe integer (Telegram's ids and timestamps). */
export const isInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value)

/** The value when it is a string. */
export const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined

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
export const parseUpdate = (body: string, receivedAt: number): ParseResult => {
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
