// The subset of Twilio's Messaging wire format this adapter reads or writes:
// https://www.twilio.com/docs/messaging/guides/webhook-request
// https://www.twilio.com/docs/messaging/api/message-resource
// Webhook fields arrive form-encoded, so every value is a string; parse still checks at runtime.

/** Decoded form fields of one webhook delivery (inbound message or status callback). */
export type WebhookFields = Record<string, string>

/** Fields of an inbound SMS, MMS or WhatsApp message that the adapter reads. */
export interface InboundMessageFields {
  /** `SM…` (SMS, WhatsApp) or `MM…` (MMS); the dedupe key. */
  MessageSid: string
  /** Legacy alias of `MessageSid`, still sent. */
  SmsSid?: string
  AccountSid: string
  /** The customer: `+14158675309`, or `whatsapp:+14155551234` for WhatsApp. */
  From: string
  /** The shop's Twilio number (or WhatsApp sender) that received the message. */
  To: string
  Body?: string
  /** Number of media items, `'0'`-`'10'`; each has `MediaUrl{N}` and `MediaContentType{N}`. */
  NumMedia?: string
  /** WhatsApp only: the customer's profile name. */
  ProfileName?: string
  /** WhatsApp only: the customer's WhatsApp id (E.164 without `+`). */
  WaId?: string
}

/**
 * Status callback values; `read` is WhatsApp only:
 * https://www.twilio.com/docs/messaging/api/message-resource#message-status-values
 */
export type MessageStatus =
  | 'accepted'
  | 'scheduled'
  | 'canceled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'delivered'
  | 'undelivered'
  | 'receiving'
  | 'received'
  | 'read'
  | 'partially_delivered'

/** Fields of a status callback for a message we sent (`From` is the shop, `To` the customer). */
export interface StatusCallbackFields {
  MessageSid: string
  MessageStatus: MessageStatus
  AccountSid: string
  From: string
  To: string
  /** Set for `failed` and `undelivered` (https://www.twilio.com/docs/api/errors). */
  ErrorCode?: string
}

/** The form we POST to `/2010-04-01/Accounts/{AccountSid}/Messages.json`. */
export interface CreateMessageForm {
  To: string
  From: string
  Body: string
  /** Where Twilio posts this message's status callbacks. */
  StatusCallback?: string
}

/** The part of the Message resource returned by a successful create (HTTP 201). */
export interface MessageResource {
  sid: string
  status: MessageStatus
  to: string
  from: string
  body: string
  num_segments: string
  error_code: number | null
  error_message: string | null
}

// https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions
/** Twilio's REST error body. */
export interface ApiError {
  code: number
  message: string
  more_info: string
  status: number
}
