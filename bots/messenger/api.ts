// The subset of the Messenger Platform this adapter reads or writes. Webhooks:
// https://developers.facebook.com/docs/messenger-platform/reference/webhook-events
// Send API: https://developers.facebook.com/docs/messenger-platform/reference/send-api
// Every field is untrusted: parse checks each one at runtime.

/** A file the person sent; `url` is a CDN link that expires. */
export interface Attachment {
  /** `image`, `video`, `audio`, `file`, `fallback`, `template`, or a type Meta adds later. */
  type: string
  payload?: { url?: string; sticker_id?: number; title?: string }
}

/** `messaging[].message` (the `messages` and `message_echoes` fields). */
export interface Message {
  mid: string
  text?: string
  attachments?: Attachment[]
  /** A tapped quick reply: the `payload` we sent with it. */
  quick_reply?: { payload: string }
  /** Our own message, echoed back (`message_echoes`). */
  is_echo?: boolean
  app_id?: number
}

/** One `entry[].messaging[]` item; exactly one of the optional event fields is set. */
export interface Messaging {
  sender: { id: string }
  recipient: { id: string }
  /** ms epoch */
  timestamp: number
  message?: Message
  /** `messaging_postbacks`: a button of a template or the persistent menu. */
  postback?: { title?: string; payload: string; mid?: string }
  /** `message_edits`: the person changed the text of an earlier message. */
  message_edit?: { mid: string; text: string; num_edit: number }
  /** `message_deliveries`: our messages `mids` reached the person. */
  delivery?: { mids?: string[]; watermark: number }
  /** `message_reads`: everything before `watermark` was read (no mids). */
  read?: { watermark: number; mids?: string[] }
}

/** One webhook delivery (`object: "page"`). */
export interface Notification {
  object: 'page'
  entry: { id: string; time: number; messaging?: Messaging[] }[]
}

/** A quick reply we offer (at most 13; title cut at 20 characters). */
export interface QuickReply {
  content_type: 'text'
  title: string
  payload: string
}

/** The request body of `POST /me/messages`. */
export interface SendPayload {
  recipient: { id: string }
  messaging_type: 'RESPONSE'
  message: { text: string; quick_replies?: QuickReply[] }
}

/** A successful send answer. */
export interface SendAnswer {
  recipient_id: string
  message_id: string
}
