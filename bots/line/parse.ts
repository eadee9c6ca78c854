import { makeKey } from '../../src/channels/keys'
import type { AttachmentRef, InboundEvent, ParseResult, Sender } from '../../src/channels/types'
import { isRecord, str } from '../../src/lib/guards'

// LINE ids (U/C/R + 32 hex digits) never contain ':', which would break the conversation key.
const id = (value: unknown): string | undefined => {
  const found = str(value)
  return found !== undefined && !found.includes(':') ? found : undefined
}

/** The chat an event's `source` names: the group, else the room, else the user. */
const chatOf = (source: Record<string, unknown>): string | undefined =>
  id(source.groupId) ?? id(source.roomId) ?? id(source.userId)

// https://developers.line.biz/en/reference/messaging-api/#message-event
const ATTACHMENT_KINDS: Partial<Record<string, AttachmentRef['kind']>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
}

// Content is fetched by message id (GET /v2/bot/message/{id}/content on api-data.line.me):
// https://developers.line.biz/en/reference/messaging-api/#get-content
const attachmentsOf = (id: string, type: string, fileName: unknown): AttachmentRef[] => {
  const kind = ATTACHMENT_KINDS[type]
  if (!kind) return []
  const ref: AttachmentRef = { kind, ref: id }
  const name = str(fileName)
  if (kind === 'file' && name) ref.name = name
  return [ref]
}

interface Context {
  conversationKey: string
  externalId: string
  sender: Sender
  sentAt: number
  replyHandle?: string
  raw: unknown
}

const messageEvents = (message: unknown, ctx: Context): InboundEvent[] => {
  // The fields of an EventMessage (api.ts), each checked here.
  if (!isRecord(message)) return []
  const id = str(message.id)
  const type = str(message.type)
  if (!id || !type) return []
  return [
    {
      type: 'message',
      channel: 'line',
      ...ctx,
      platformMessageId: id,
      // Stickers and locations carry no text: the core answers them with its fallback.
      text: type === 'text' ? (typeof message.text === 'string' ? message.text : '') : '',
      attachments: attachmentsOf(id, type, message.fileName),
    },
  ]
}

/** A `label=` parameter in postback data (rich menus set their own data), else undefined. */
const labelOf = (data: string): string | undefined =>
  data.includes('=') ? str(new URLSearchParams(data).get('label')) : undefined

const actionEvents = (postback: unknown, ctx: Context): InboundEvent[] => {
  const data = isRecord(postback) ? str(postback.data) : undefined
  if (data === undefined) return []
  const label = labelOf(data)
  return [
    {
      type: 'action',
      channel: 'line',
      ...ctx,
      actionId: data,
      ...(label === undefined ? {} : { label }),
    },
  ]
}

/** One webhook event -> 0 or 1 normalized events. */
const eventsOf = (event: unknown, receivedAt: number): InboundEvent[] => {
  if (!isRecord(event)) return []
  // Standby: another channel (e.g. a chat module) answers this chat; we must not reply.
  // https://developers.line.biz/en/docs/partner-docs/module-technical-chat-control/
  if (event.mode === 'standby') return []
  const webhookEventId = str(event.webhookEventId)
  const source = isRecord(event.source) ? event.source : undefined
  const chat = source ? chatOf(source) : undefined
  if (!webhookEventId || !source || !chat) return []
  // A redelivered event's reply token is no longer valid:
  // https://developers.line.biz/en/docs/messaging-api/receiving-messages/
  const redelivered = isRecord(event.deliveryContext) && event.deliveryContext.isRedelivery === true
  const replyToken = redelivered ? undefined : str(event.replyToken)
  const timestamp = event.timestamp
  const ctx: Context = {
    conversationKey: makeKey('line', chat),
    externalId: `event:${webhookEventId}`,
    sender: { id: id(source.userId) ?? chat, isBot: false },
    sentAt:
      typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp > 0
        ? timestamp
        : receivedAt,
    ...(replyToken === undefined ? {} : { replyHandle: replyToken }),
    raw: event,
  }
  if (event.type === 'message') return messageEvents(event.message, ctx)
  if (event.type === 'postback') return actionEvents(event.postback, ctx)
  return []
}

const invalid = (reason: string): ParseResult => ({ kind: 'invalid', reason })

/** Maps one webhook body (`{ destination, events }`) to events; unhandled event types give none. */
export const parseCallback = (body: string, receivedAt: number): ParseResult => {
  let payload: unknown
  try {
    payload = JSON.parse(body)
  } catch {
    return invalid('malformed JSON')
  }
  if (!isRecord(payload) || !Array.isArray(payload.events)) {
    return invalid('not a LINE webhook: no events array')
  }
  // The console's "Verify" button sends `events: []`, which must get a 200.
  return { kind: 'events', events: payload.events.flatMap((event) => eventsOf(event, receivedAt)) }
}
