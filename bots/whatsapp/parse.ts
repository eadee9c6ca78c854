import { makeKey } from '../../src/channels/keys'
import type {
  AttachmentRef,
  DeliveryStatus,
  InboundEvent,
  ParseResult,
  Sender,
} from '../../src/channels/types'
import { isRecord } from '../../src/lib/guards'
import { str } from '../../src/lib/guards'
import { keyId, records, secondsToMs } from '../meta/guards'
import { notificationEntries } from '../meta/webhook'

const STATUSES: readonly string[] = ['sent', 'delivered', 'read', 'failed']

// Media message types and the attachment kind each becomes; stickers are WebP images:
// https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components#messages-object
const MEDIA: Readonly<Record<string, AttachmentRef['kind']>> = {
  image: 'image',
  sticker: 'image',
  document: 'file',
  audio: 'audio',
  video: 'video',
}

// Reactions and system notices (number changed) are not something to answer.
const SILENT: readonly string[] = ['reaction', 'system', 'request_welcome']

/** What every event of one `value` shares. */
interface Scope {
  phoneNumberId: string
  names: ReadonlyMap<string, string>
  receivedAt: number
}

const senderOf = (waId: string, scope: Scope): Sender => {
  const name = scope.names.get(waId)
  return name ? { id: waId, name, isBot: false } : { id: waId, isBot: false }
}

const attachmentOf = (message: Record<string, unknown>, type: string): AttachmentRef | null => {
  const kind = MEDIA[type]
  const media = message[type]
  if (!kind || !isRecord(media)) return null
  const ref = str(media.id)
  if (!ref) return null
  const attachment: AttachmentRef = { kind, ref }
  const mimeType = str(media.mime_type)
  if (mimeType) attachment.mimeType = mimeType
  const name = str(media.filename)
  if (name) attachment.name = name
  return attachment
}

/** The pressed button of an interactive reply or a template quick reply, if any. */
const pressed = (message: Record<string, unknown>): { actionId: string; label?: string } | null => {
  if (message.type === 'button' && isRecord(message.button)) {
    const actionId = str(message.button.payload) ?? str(message.button.text)
    const label = str(message.button.text)
    return actionId ? { actionId, ...(label ? { label } : {}) } : null
  }
  if (message.type !== 'interactive' || !isRecord(message.interactive)) return null
  const { interactive } = message
  const reply =
    interactive.type === 'button_reply'
      ? interactive.button_reply
      : interactive.type === 'list_reply'
        ? interactive.list_reply
        : undefined
  if (!isRecord(reply)) return null
  const actionId = str(reply.id)
  const label = str(reply.title)
  return actionId ? { actionId, ...(label ? { label } : {}) } : null
}

// Group chats (Groups API) carry `group_id`; they are one conversation per group:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/group/
/** `whatsapp:<phone_number_id>:<wa_id>`, or `whatsapp:<phone_number_id>:group:<group_id>`. */
export const whatsappKey = (phoneNumberId: string, peer: string, group?: string): string =>
  group
    ? makeKey('whatsapp', phoneNumberId, 'group', group)
    : makeKey('whatsapp', phoneNumberId, peer)

/** One `messages[]` entry -> 0 or 1 event. */
const messageEvents = (message: Record<string, unknown>, scope: Scope): InboundEvent[] => {
  const id = str(message.id)
  const from = keyId(message.from)
  const type = str(message.type) ?? 'unknown'
  if (!id || !from || SILENT.includes(type)) return []
  const group = message.group_id === undefined ? undefined : keyId(message.group_id)
  if (message.group_id !== undefined && !group) return []
  const base = {
    channel: 'whatsapp' as const,
    conversationKey: whatsappKey(scope.phoneNumberId, from, group),
    externalId: `wamid:${id}`,
    sender: senderOf(from, scope),
    sentAt: secondsToMs(message.timestamp, scope.receivedAt),
    raw: message,
  }
  const action = pressed(message)
  if (action) return [{ ...base, type: 'action', ...action }]
  const attachment = attachmentOf(message, type)
  const media = attachment ? message[type] : undefined
  const text =
    type === 'text' && isRecord(message.text)
      ? (str(message.text.body) ?? '')
      : isRecord(media)
        ? (str(media.caption) ?? '')
        : ''
  // Locations, contacts, orders and unsupported types arrive as an empty message so the engine
  // answers with its fallback instead of staying silent.
  return [
    {
      ...base,
      type: 'message',
      platformMessageId: id,
      text,
      attachments: attachment ? [attachment] : [],
    },
  ]
}

const statusError = (value: unknown): string => {
  const [error] = records(value)
  if (!error) return 'failed'
  const details = isRecord(error.error_data) ? str(error.error_data.details) : undefined
  const title = str(error.title) ?? str(error.message)
  const parts = new Set([title, details].filter((part) => part !== undefined))
  const code = typeof error.code === 'number' ? ` (${error.code})` : ''
  return `${[...parts].join(': ') || 'failed'}${code}`
}

/** One `statuses[]` entry -> 0 or 1 delivery receipt. */
const statusEvents = (status: Record<string, unknown>, scope: Scope): InboundEvent[] => {
  const id = str(status.id)
  const recipient = keyId(status.recipient_id)
  const state = str(status.status)
  if (!id || !recipient || !state || !STATUSES.includes(state)) return []
  const error = state === 'failed' ? statusError(status.errors) : undefined
  return [
    {
      type: 'status',
      channel: 'whatsapp',
      conversationKey:
        status.recipient_type === 'group'
          ? whatsappKey(scope.phoneNumberId, recipient, recipient)
          : whatsappKey(scope.phoneNumberId, recipient),
      externalId: `status:${id}:${state}`,
      sender: { id: recipient, isBot: false },
      sentAt: secondsToMs(status.timestamp, scope.receivedAt),
      platformMessageId: id,
      status: state as DeliveryStatus,
      ...(error ? { error } : {}),
      raw: status,
    },
  ]
}

/** One `changes[].value` of field `messages` -> its events, messages first. */
const valueEvents = (value: Record<string, unknown>, receivedAt: number): InboundEvent[] => {
  const phoneNumberId = isRecord(value.metadata) ? keyId(value.metadata.phone_number_id) : undefined
  if (!phoneNumberId) return []
  const names = new Map<string, string>()
  for (const contact of records(value.contacts)) {
    const waId = str(contact.wa_id)
    const name = isRecord(contact.profile) ? str(contact.profile.name) : undefined
    if (waId && name) names.set(waId, name)
  }
  const scope: Scope = { phoneNumberId, names, receivedAt }
  return [
    ...records(value.messages).flatMap((message) => messageEvents(message, scope)),
    ...records(value.statuses).flatMap((status) => statusEvents(status, scope)),
  ]
}

/**
 * Maps a WhatsApp Business Account webhook body to events: every message and status of every
 * entry and change. Other webhook fields (template status, account updates, business-app echoes)
 * give no events; a body that is not a notification is invalid.
 */
export const parseNotification = (body: string, receivedAt: number): ParseResult => {
  const notification = notificationEntries(body, 'whatsapp_business_account')
  if (!notification.ok) return notification.result
  const events = notification.entries.flatMap((entry) =>
    records(entry.changes).flatMap((change) =>
      change.field === 'messages' && isRecord(change.value)
        ? valueEvents(change.value, receivedAt)
        : []
    )
  )
  return { kind: 'events', events }
}
