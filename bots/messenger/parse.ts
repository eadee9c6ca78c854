import { makeKey } from '../../src/channels/keys'
import type { AttachmentRef, InboundEvent, ParseResult } from '../../src/channels/types'
import { isRecord } from '../../src/lib/guards'
import { str } from '../../src/lib/guards'
import { keyId, list, millis, records } from '../meta/guards'
import { notificationEntries } from '../meta/webhook'

const KINDS: Readonly<Record<string, AttachmentRef['kind']>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
}

/** What every event of one `messaging[]` item shares. */
type Base = Pick<InboundEvent, 'channel' | 'conversationKey' | 'sender' | 'sentAt' | 'raw'>

// Shared links (`fallback`), shared posts (`template`) and locations carry no file to keep.
const attachmentsOf = (message: Record<string, unknown>): AttachmentRef[] =>
  records(message.attachments).flatMap((attachment): AttachmentRef[] => {
    const kind = KINDS[str(attachment.type) ?? '']
    const url = isRecord(attachment.payload) ? str(attachment.payload.url) : undefined
    return kind && url ? [{ kind, ref: url }] : []
  })

const messageEvents = (message: Record<string, unknown>, base: Base): InboundEvent[] => {
  const mid = str(message.mid)
  // Echoes are our own sends and replies typed in the Page inbox:
  // https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-echoes
  if (!mid || message.is_echo === true) return []
  const text = typeof message.text === 'string' ? message.text : ''
  const payload = isRecord(message.quick_reply) ? str(message.quick_reply.payload) : undefined
  if (payload) {
    const label = text === '' ? {} : { label: text }
    return [{ ...base, type: 'action', externalId: `mid:${mid}`, actionId: payload, ...label }]
  }
  const attachments = attachmentsOf(message)
  const externalId = `mid:${mid}`
  return [{ ...base, type: 'message', externalId, platformMessageId: mid, text, attachments }]
}

/** One `messaging[]` item -> its events (several for a delivery receipt of several mids). */
const itemEvents = (item: Record<string, unknown>, receivedAt: number): InboundEvent[] => {
  const psid = isRecord(item.sender) ? keyId(item.sender.id) : undefined
  const pageId = isRecord(item.recipient) ? keyId(item.recipient.id) : undefined
  if (!psid || !pageId) return []
  const sentAt = millis(item.timestamp, receivedAt)
  const base: Base = {
    channel: 'messenger',
    conversationKey: makeKey('messenger', pageId, psid),
    sender: { id: psid, isBot: false },
    sentAt,
    raw: item,
  }
  if (isRecord(item.message)) return messageEvents(item.message, base)
  if (isRecord(item.postback)) {
    const { postback } = item
    const payload = str(postback.payload)
    if (!payload) return []
    const mid = str(postback.mid)
    // Postbacks carry a mid since v11.0; older ones are keyed by sender and time.
    const externalId = mid ? `mid:${mid}` : `postback:${psid}:${sentAt}`
    const label = str(postback.title)
    return [{ ...base, type: 'action', externalId, actionId: payload, ...(label ? { label } : {}) }]
  }
  if (isRecord(item.message_edit)) {
    const mid = str(item.message_edit.mid)
    const text = item.message_edit.text
    if (!mid || typeof text !== 'string') return []
    const count = item.message_edit.num_edit
    const externalId = `edit:${mid}:${typeof count === 'number' ? count : sentAt}`
    return [{ ...base, type: 'edit', externalId, platformMessageId: mid, text }]
  }
  // A read receipt is a watermark (everything before it was read), not a list of mids; only the
  // rare receipts that list mids become events.
  const receipt = isRecord(item.delivery) ? item.delivery : isRecord(item.read) ? item.read : null
  if (receipt) {
    const status = receipt === item.delivery ? ('delivered' as const) : ('read' as const)
    return list(receipt.mids).flatMap((value): InboundEvent[] => {
      const mid = str(value)
      if (!mid) return []
      const externalId = `status:${mid}:${status}`
      return [{ ...base, type: 'status', externalId, platformMessageId: mid, status }]
    })
  }
  return []
}

/**
 * Maps a Messenger (`object: "page"`) webhook body to events: every `messaging[]` item of every
 * entry. Echoes, reactions, referrals, opt-ins and `standby` items give no events; a body that is
 * not a notification is invalid.
 */
export const parseNotification = (body: string, receivedAt: number): ParseResult => {
  const notification = notificationEntries(body, 'page')
  if (!notification.ok) return notification.result
  const events = notification.entries.flatMap((entry) =>
    records(entry.messaging).flatMap((item) => itemEvents(item, receivedAt))
  )
  return { kind: 'events', events }
}
