import { makeKey } from '../../src/channels/keys'
import type { AttachmentRef, InboundEvent } from '../../src/channels/types'
import { isRecord } from '../../src/lib/guards'

/** open_kfid and external_userid: letters, digits, `_` and `-` (never `:`, the key separator). */
export const WECOM_ID = /^[\w-]{1,128}$/

type Item = Record<string, unknown>

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

const sentAt = (seconds: unknown, fallback: number): number =>
  typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0
    ? seconds * 1000
    : fallback

const MEDIA: Record<string, AttachmentRef['kind']> = {
  image: 'image',
  voice: 'audio',
  video: 'video',
  file: 'file',
}

// Voice arrives as AMR unless sync_msg asks for voice_format 1 (silk), which we never do.
const MIME: Partial<Record<AttachmentRef['kind'], string>> = { audio: 'audio/amr' }

const FAIL_TYPES: Record<number, string> = {
  0: 'unknown reason',
  1: 'customer-service account deleted',
  2: 'app closed',
  4: 'window_closed',
  5: 'session closed',
  6: 'reply_limit',
  7: 'no WeChat Channels account bound',
  8: 'account not verified',
  9: 'account not verified, no WeChat Channels account bound',
  10: 'customer refused messages',
}

const content = (item: Item, type: string): { text: string; attachments: AttachmentRef[] } => {
  const body = isRecord(item[type]) ? (item[type] as Item) : {}
  const kind = MEDIA[type]
  if (kind) {
    const ref = str(body.media_id)
    const mimeType = MIME[kind]
    return { text: '', attachments: ref ? [{ kind, ref, ...(mimeType ? { mimeType } : {}) }] : [] }
  }
  switch (type) {
    case 'text':
      return { text: str(body.content), attachments: [] }
    case 'location': {
      const at = [body.latitude, body.longitude].filter((n) => typeof n === 'number').join(',')
      return {
        text: [str(body.name), str(body.address)].filter(Boolean).join('\n') || at,
        attachments: [],
      }
    }
    case 'link':
      return {
        text: [str(body.title), str(body.desc), str(body.url)].filter(Boolean).join('\n'),
        attachments: [],
      }
    default:
      // A mini-program card, business card, chat record...: the engine answers with its fallback.
      return { text: '', attachments: [] }
  }
}

/** A customer item (origin 3) -> a message, or an action when it is a tap on our menu. */
const customerEvent = (item: Item, stream: string, receivedAt: number): InboundEvent[] => {
  const kfid = str(item.open_kfid) || stream
  const user = str(item.external_userid)
  if (!WECOM_ID.test(kfid) || !WECOM_ID.test(user)) return []
  const msgid = str(item.msgid)
  const base = {
    channel: 'wecom' as const,
    conversationKey: makeKey('wecom', kfid, user),
    externalId: `msg:${msgid}`,
    sender: { id: user, isBot: false },
    sentAt: sentAt(item.send_time, receivedAt),
    raw: item,
  }
  const type = str(item.msgtype)
  const text = isRecord(item.text) ? item.text : {}
  const menuId = str(text.menu_id)
  if (type === 'text' && menuId) {
    const label = str(text.content)
    return [{ ...base, type: 'action', actionId: menuId, ...(label ? { label } : {}) }]
  }
  if (type === 'event') return []
  return [{ ...base, type: 'message', platformMessageId: msgid, ...content(item, type) }]
}

/** A system item (origin 4): only msg_send_fail matters, as a delivery receipt of our message. */
const systemEvent = (item: Item, receivedAt: number): InboundEvent[] => {
  const event = isRecord(item.event) ? item.event : {}
  if (item.msgtype !== 'event' || event.event_type !== 'msg_send_fail') return []
  const kfid = str(event.open_kfid)
  const user = str(event.external_userid)
  const failed = str(event.fail_msgid)
  if (!WECOM_ID.test(kfid) || !WECOM_ID.test(user) || !failed) return []
  const failType = typeof event.fail_type === 'number' ? event.fail_type : 0
  return [
    {
      type: 'status',
      channel: 'wecom',
      conversationKey: makeKey('wecom', kfid, user),
      externalId: `msg:${str(item.msgid)}`,
      sender: { id: user, isBot: false },
      sentAt: sentAt(item.send_time, receivedAt),
      platformMessageId: failed,
      status: 'failed',
      error: FAIL_TYPES[failType] ?? `fail_type ${failType}`,
      raw: item,
    },
  ]
}

/**
 * Maps a `sync_msg` page to events. Customer items (origin 3) become messages or menu actions;
 * system items (origin 4) only for msg_send_fail (a `failed` status); agent items (origin 5,
 * a human replying from the WeCom app) and the API's own sends (never returned) give nothing.
 */
export const syncEvents = (list: unknown, stream: string, receivedAt: number): InboundEvent[] => {
  if (!Array.isArray(list)) return []
  return list.flatMap((item: unknown): InboundEvent[] => {
    if (!isRecord(item) || str(item.msgid) === '') return []
    if (item.origin === 3) return customerEvent(item, stream, receivedAt)
    if (item.origin === 4) return systemEvent(item, receivedAt)
    return []
  })
}
