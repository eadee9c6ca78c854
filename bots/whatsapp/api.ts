// The subset of the WhatsApp Cloud API this adapter reads or writes. Webhooks:
// https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
// Messages: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
// Every field is untrusted: parse checks each one at runtime.

/** A media object inside a message (image, document, audio, video, sticker). */
export interface Media {
  id: string
  mime_type?: string
  sha256?: string
  caption?: string
  /** Documents only. */
  filename?: string
  /** Audio only: true for a voice note. */
  voice?: boolean
}

/** A customer's message in `value.messages[]`. */
export interface Message {
  from: string
  /** `wamid.…`, the dedupe key. */
  id: string
  /** Unix seconds, as a string. */
  timestamp: string
  type: string
  text?: { body: string }
  image?: Media
  document?: Media
  audio?: Media
  video?: Media
  sticker?: Media
  interactive?: {
    /** `button_reply` or `list_reply` (or a kind WhatsApp adds later). */
    type: string
    button_reply?: { id: string; title: string }
    list_reply?: { id: string; title: string; description?: string }
  }
  /** A quick-reply button of a template. */
  button?: { payload: string; text: string }
  /** Set for messages in a group chat (Groups API); `from` is then the participant. */
  group_id?: string
  /** Set when the customer replied to (or pressed a button on) one of our messages. */
  context?: { from?: string; id?: string }
}

/** An error inside a status or an unsupported message. */
export interface StatusError {
  code: number
  title?: string
  message?: string
  error_data?: { details?: string }
}

/** A delivery receipt for one of our messages in `value.statuses[]`. */
export interface Status {
  /** The `wamid.…` that `send` returned. */
  id: string
  /** `sent`, `delivered`, `read`, `failed` (or a status WhatsApp adds later). */
  status: string
  timestamp: string
  /** The customer's `wa_id`, or the group id when `recipient_type` is `group`. */
  recipient_id: string
  recipient_type?: 'individual' | 'group'
  errors?: StatusError[]
}

/** `entry[].changes[].value` for `field: "messages"`. */
export interface ChangeValue {
  messaging_product: 'whatsapp'
  metadata: { display_phone_number: string; phone_number_id: string }
  contacts?: { profile?: { name?: string }; wa_id: string }[]
  messages?: Message[]
  statuses?: Status[]
}

/** One webhook delivery. */
export interface Notification {
  object: 'whatsapp_business_account'
  entry: { id: string; changes: { value: ChangeValue; field: string }[] }[]
}

/** A reply button of an interactive `button` message (at most 3). */
export interface ReplyButton {
  type: 'reply'
  reply: { id: string; title: string }
}

/** A row of an interactive `list` message (at most 10 in all). */
export interface ListRow {
  id: string
  title: string
  description?: string
}

/** The `interactive` object we send. */
export type Interactive =
  | { type: 'button'; body: { text: string }; action: { buttons: ReplyButton[] } }
  | {
      type: 'list'
      body: { text: string }
      action: { button: string; sections: { rows: ListRow[] }[] }
    }

/** What one outgoing message says: text, buttons or list, or an approved template. */
export type MessageContent =
  | { type: 'text'; text: { body: string; preview_url: false } }
  | { type: 'interactive'; interactive: Interactive }
  | { type: 'template'; template: { name: string; language: { code: string } } }

/** The request body of `POST /<phone_number_id>/messages`. */
export type SendPayload = {
  messaging_product: 'whatsapp'
  recipient_type: 'individual' | 'group'
  /** A `wa_id`, or a group id for `recipient_type: 'group'`. */
  to: string
} & MessageContent

/** A successful send answer; `messages[0].id` is the new message's `wamid`. */
export interface SendAnswer {
  messaging_product: 'whatsapp'
  contacts?: { input: string; wa_id: string }[]
  messages?: { id: string; message_status?: string }[]
}
