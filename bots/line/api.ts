// The subset of the LINE Messaging API types this adapter reads or writes:
// https://developers.line.biz/en/reference/messaging-api/ (webhook.yml / messaging-api.yml in
// https://github.com/line/line-openapi). parse still checks every field at runtime.

// https://developers.line.biz/en/reference/messaging-api/#source-user
/** Where an event happened. */
export interface Source {
  type: 'user' | 'group' | 'room'
  /** Always set for `user`; in groups and rooms only when the member consented. */
  userId?: string
  groupId?: string
  roomId?: string
}

/** How the content of an image, video or audio message can be fetched. */
export interface ContentProvider {
  type: 'line' | 'external'
  originalContentUrl?: string
  previewImageUrl?: string
}

// https://developers.line.biz/en/reference/messaging-api/#message-event
/** A message inside a `message` event. */
export interface EventMessage {
  /** Decimal string; also the key for `GET /v2/bot/message/{messageId}/content`. */
  id: string
  type: 'text' | 'image' | 'video' | 'audio' | 'file' | 'location' | 'sticker'
  quoteToken?: string
  text?: string
  fileName?: string
  fileSize?: number
  duration?: number
  contentProvider?: ContentProvider
}

// https://developers.line.biz/en/reference/messaging-api/#postback-event
/** The payload of a postback action. */
export interface Postback {
  /** The action's `data`, up to 300 characters. */
  data: string
  params?: Record<string, string>
}

// https://developers.line.biz/en/reference/messaging-api/#common-properties
/** One webhook event. */
export interface WebhookEvent {
  type: string
  /** `standby`: another channel (module) owns the chat; the event is informational. */
  mode: 'active' | 'standby'
  /** Milliseconds; for a redelivery, the time of the original event. */
  timestamp: number
  source?: Source
  /** ULID, identical across redeliveries: the dedupe key. */
  webhookEventId: string
  deliveryContext: { isRedelivery: boolean }
  /** Single-use and short-lived; absent for events that cannot be replied to. */
  replyToken?: string
  message?: EventMessage
  postback?: Postback
}

/** One webhook delivery (https://developers.line.biz/en/reference/messaging-api/#request-body). */
export interface CallbackRequest {
  /** The bot's own user id. */
  destination: string
  events: WebhookEvent[]
}

/** A postback action (https://developers.line.biz/en/reference/messaging-api/#postback-action). */
export interface PostbackAction {
  type: 'postback'
  /** At most 20 characters in a quick reply button. */
  label: string
  /** At most 300 characters; comes back as `postback.data`. */
  data: string
  /** Shown in the chat as the user's message when tapped (not delivered as a message event). */
  displayText?: string
}

// https://developers.line.biz/en/reference/messaging-api/#items-object
/** One quick reply button. */
export interface QuickReplyItem {
  type: 'action'
  action: PostbackAction
}

// https://developers.line.biz/en/reference/messaging-api/#quick-reply
/** Up to 13 buttons under the last message. */
export interface QuickReply {
  items: QuickReplyItem[]
}

/** A text message object (https://developers.line.biz/en/reference/messaging-api/#text-message). */
export interface TextMessage {
  type: 'text'
  /** At most 5000 UTF-16 code units. */
  text: string
  quickReply?: QuickReply
}

// https://developers.line.biz/en/reference/messaging-api/#send-reply-message
/** Body of `POST /v2/bot/message/reply`. */
export interface ReplyMessageRequest {
  replyToken: string
  messages: TextMessage[]
}

// https://developers.line.biz/en/reference/messaging-api/#send-push-message
/** Body of `POST /v2/bot/message/push`. */
export interface PushMessageRequest {
  to: string
  messages: TextMessage[]
}

/** One delivered message in a send answer. */
export interface SentMessage {
  id: string
  quoteToken?: string
}

/** A successful reply or push answer. */
export interface SendMessageResponse {
  sentMessages: SentMessage[]
}

/** An error answer (https://developers.line.biz/en/reference/messaging-api/#error-responses). */
export interface ErrorResponse {
  message: string
  details?: { message: string; property?: string }[]
  /** Present on a 409 for an already accepted `X-Line-Retry-Key`. */
  sentMessages?: SentMessage[]
}
