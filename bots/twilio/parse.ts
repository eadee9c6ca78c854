import { makeKey } from '../../src/channels/keys'
import type {
  AttachmentRef,
  DeliveryStatus,
  InboundEvent,
  ParseResult,
  Sender,
  WebhookRequest,
} from '../../src/channels/types'
import { encodeAddress } from './address'
import type { WebhookFields } from './api'
import { BODY_HASH_PARAM } from './crypto'
import { errorReason } from './format'
import { isRecord } from '../../src/lib/guards'

// An empty TwiML document: "received, no reply" (replies go out later through the REST API):
// https://www.twilio.com/docs/messaging/twiml#an-empty-response
/** The body Twilio expects in answer to a messaging webhook. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

/** The webhook answer: empty TwiML as `text/xml`. */
export const twimlAck = (): Response =>
  new Response(EMPTY_TWIML, { status: 200, headers: { 'Content-Type': 'text/xml' } })

// Twilio sends at most 10 media items per message:
// https://www.twilio.com/docs/messaging/guides/webhook-request#media-related-parameters
const MAX_MEDIA = 10

// Status callbacks we turn into receipts; the rest (queued, sending, accepted…) are steps before.
// https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
const RECEIPTS: Readonly<Record<string, DeliveryStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
}

/** First value of each key (the fields Twilio sends are never repeated), as own properties. */
const firstValues = (entries: Iterable<[string, string]>): WebhookFields => {
  const seen = new Set<string>()
  const first: [string, string][] = []
  for (const [key, value] of entries) {
    if (seen.has(key)) continue
    seen.add(key)
    first.push([key, value])
  }
  // fromEntries defines own properties, so a `__proto__` field stays a plain field.
  return Object.fromEntries(first)
}

/**
 * The decoded fields of a delivery: the form body (POST), the query (GET webhooks), or a flat JSON
 * object when the URL carries `bodySHA256`. Null when a JSON body is not an object.
 */
export const readFields = (req: WebhookRequest): WebhookFields | null => {
  if (req.url.searchParams.has(BODY_HASH_PARAM)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(req.body)
    } catch {
      return null
    }
    if (!isRecord(parsed)) return null
    const scalars: [string, string][] = []
    for (const [key, value] of Object.entries(parsed)) {
      const scalar = typeof value === 'number' || typeof value === 'boolean'
      if (typeof value === 'string' || scalar) scalars.push([key, String(value)])
    }
    return firstValues(scalars)
  }
  if (req.method.toUpperCase() === 'GET') return firstValues(req.url.searchParams)
  return firstValues(new URLSearchParams(req.body))
}

const kindOf = (mimeType: string | undefined): AttachmentRef['kind'] => {
  const type = mimeType?.split('/')[0]?.toLowerCase()
  return type === 'image' || type === 'audio' || type === 'video' ? type : 'file'
}

/** `MediaUrl{N}` / `MediaContentType{N}` for N < NumMedia (at most 10). */
const attachmentsOf = (fields: WebhookFields): AttachmentRef[] => {
  const count = Number(fields.NumMedia ?? '0')
  const total = Number.isInteger(count) ? Math.min(Math.max(count, 0), MAX_MEDIA) : 0
  const attachments: AttachmentRef[] = []
  for (let index = 0; index < total; index++) {
    const ref = fields[`MediaUrl${index}`]
    if (!ref) continue
    const mimeType = fields[`MediaContentType${index}`] || undefined
    attachments.push(mimeType ? { kind: kindOf(mimeType), ref, mimeType } : { kind: 'file', ref })
  }
  return attachments
}

/** `twilio:<shop address>:<customer address>`, addresses encoded by {@link encodeAddress}. */
export const conversationKeyOf = (shop: string, customer: string): string =>
  makeKey('twilio', encodeAddress(shop), encodeAddress(customer))

const invalid = (reason: string): ParseResult => ({ kind: 'invalid', reason })

const events = (list: InboundEvent[]): ParseResult => ({
  kind: 'events',
  events: list,
  ack: twimlAck,
})

/** The receipt error for an `ErrorCode`: `window_closed` for 63016, else the code explained. */
const failureOf = (code: string): string =>
  /^\d+$/.test(code) ? errorReason(Number(code)) : `twilio ${code}`

/** A status callback for a message we sent: `From` is the shop, `To` the customer. */
const statusEvents = (fields: WebhookFields, sid: string, receivedAt: number): ParseResult => {
  const { From: shop, To: customer, MessageStatus: state = '' } = fields
  if (!shop || !customer) return invalid('status callback without From/To')
  const status = Object.hasOwn(RECEIPTS, state) ? RECEIPTS[state] : undefined
  if (!status) return events([])
  const code = fields.ErrorCode
  const error = status === 'failed' && code ? failureOf(code) : undefined
  return events([
    {
      type: 'status',
      channel: 'twilio',
      conversationKey: conversationKeyOf(shop, customer),
      // One receipt per state of a message: sent, delivered, read may all arrive.
      externalId: `status:${sid}:${state}`,
      platformMessageId: sid,
      status,
      ...(error === undefined ? {} : { error }),
      sender: { id: customer, isBot: false },
      sentAt: receivedAt,
      raw: fields,
    },
  ])
}

/** An inbound SMS, MMS or WhatsApp message: `From` is the customer, `To` the shop. */
const messageEvents = (fields: WebhookFields, sid: string, receivedAt: number): ParseResult => {
  const { From: customer, To: shop } = fields
  if (!shop || !customer) return invalid('message without From/To')
  const sender: Sender = { id: customer, isBot: false }
  if (fields.ProfileName) sender.name = fields.ProfileName
  return events([
    {
      type: 'message',
      channel: 'twilio',
      conversationKey: conversationKeyOf(shop, customer),
      externalId: `sms:${sid}`,
      platformMessageId: sid,
      sender,
      // Twilio's messaging webhooks carry no timestamp.
      sentAt: receivedAt,
      text: fields.Body ?? '',
      attachments: attachmentsOf(fields),
      raw: fields,
    },
  ])
}

/**
 * Maps one delivery to events: an inbound message, or a receipt for a status callback (it has
 * `MessageStatus` and no `Body`). Other Twilio webhooks (voice calls) give none; a foreign
 * `AccountSid` or missing fields are invalid. Pure; never throws.
 */
export const parseDelivery = (req: WebhookRequest, accountSid: string): ParseResult => {
  const fields = readFields(req)
  if (!fields) return invalid('not a Twilio webhook body')
  if (fields.AccountSid !== accountSid)
    return invalid('AccountSid does not match TWILIO_ACCOUNT_SID')
  const sid = fields.MessageSid || fields.SmsSid || fields.SmsMessageSid
  if (!sid) return events([])
  if (fields.MessageStatus !== undefined && fields.Body === undefined) {
    return statusEvents(fields, sid, req.receivedAt)
  }
  return messageEvents(fields, sid, req.receivedAt)
}
