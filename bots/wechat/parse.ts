import { makeKey } from '../../src/channels/keys'
import type { AttachmentRef, InboundEvent, ParseResult } from '../../src/channels/types'
import type { EncryptedPush, PushEvent, PushMessage } from './api'

/** Any pushed message or event, as parsed XML fields (each may be missing). */
type Fields = Partial<PushMessage & PushEvent & EncryptedPush>

// An OpenID is 28 characters of [A-Za-z0-9_-]; anything else cannot be a conversation key.
const OPENID = /^[\w-]{1,64}$/
const VOICE_MIME: Record<string, string> = {
  amr: 'audio/amr',
  speex: 'audio/speex',
  mp3: 'audio/mpeg',
}

const ack = () => new Response('success', { headers: { 'content-type': 'text/plain' } })

/** Events to store, answered with WeChat's plain-text `success`. */
const wechatEvents = (events: InboundEvent[]): ParseResult => ({
  kind: 'events',
  events,
  ack,
})

const invalid = (reason: string): ParseResult => ({ kind: 'invalid', reason })

const sentAt = (seconds: string | undefined, receivedAt: number): number => {
  const value = Number(seconds)
  return Number.isSafeInteger(value) && value > 0 ? value * 1000 : receivedAt
}

const content = (type: string, fields: Fields): { text: string; attachments: AttachmentRef[] } => {
  const media = fields.MediaId
  switch (type) {
    case 'text':
      return { text: fields.Content ?? '', attachments: [] }
    case 'image':
      return { text: '', attachments: media ? [{ kind: 'image', ref: media }] : [] }
    case 'voice': {
      const mimeType = VOICE_MIME[(fields.Format ?? '').toLowerCase()]
      const audio: AttachmentRef = {
        kind: 'audio',
        ref: media ?? '',
        ...(mimeType ? { mimeType } : {}),
      }
      return { text: fields.Recognition ?? '', attachments: media ? [audio] : [] }
    }
    case 'video':
    case 'shortvideo':
      return { text: '', attachments: media ? [{ kind: 'video', ref: media }] : [] }
    case 'location': {
      const at = [fields.Location_X, fields.Location_Y].filter(Boolean).join(',')
      return { text: fields.Label || at, attachments: [] }
    }
    case 'link':
      return {
        text: [fields.Title, fields.Description, fields.Url].filter(Boolean).join('\n'),
        attachments: [],
      }
    default:
      // Something the customer sent that we cannot show (a mini-program card...): the engine
      // still answers, with its fallback.
      return { text: '', attachments: [] }
  }
}

/**
 * Maps the fields of one pushed message (plaintext, or decrypted in safe mode) to events.
 * Messages -> `message`; menu CLICK -> `action`; subscribe -> an empty `message`, so a new
 * follower is greeted; other events (unsubscribe, VIEW, SCAN, LOCATION, job reports) -> none.
 */
export const parseFields = (fields: Fields, receivedAt: number): ParseResult => {
  const from = fields.FromUserName
  const type = fields.MsgType
  if (!type || !from) {
    return invalid(
      'Encrypt' in fields ? 'encrypted message that verify did not open' : 'not a WeChat message'
    )
  }
  if (!OPENID.test(from)) return invalid('malformed FromUserName')
  const base = {
    channel: 'wechat' as const,
    conversationKey: makeKey('wechat', from),
    sender: { id: from, isBot: false },
    sentAt: sentAt(fields.CreateTime, receivedAt),
    raw: fields,
  }
  if (type === 'event') {
    // Events have no MsgId; WeChat's documented dedupe key is FromUserName + CreateTime.
    const event = fields.Event ?? ''
    const externalId = `event:${from}:${fields.CreateTime ?? ''}:${event}`
    if (event === 'subscribe') {
      return wechatEvents([{ ...base, type: 'message', externalId, text: '', attachments: [] }])
    }
    if (event === 'CLICK' && fields.EventKey) {
      return wechatEvents([{ ...base, type: 'action', externalId, actionId: fields.EventKey }])
    }
    return wechatEvents([])
  }
  const msgId = fields.MsgId
  return wechatEvents([
    {
      ...base,
      type: 'message',
      externalId: msgId ? `msg:${msgId}` : `msg:${from}:${fields.CreateTime ?? ''}`,
      ...(msgId ? { platformMessageId: msgId } : {}),
      ...content(type, fields),
    },
  ])
}
