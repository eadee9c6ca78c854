/** Every channel id the engine knows; route names and conversation key prefixes (contract). */
export type Channel =
  | 'telegram'
  | 'webchat'
  | 'slack'
  | 'whatsapp'
  | 'messenger'
  | 'line'
  | 'wechat'
  | 'wecom'
  | 'twilio'

/** The list form of {@link Channel}, for validation and `/healthz`. */
export const CHANNELS: readonly Channel[] = [
  'telegram',
  'webchat',
  'slack',
  'whatsapp',
  'messenger',
  'line',
  'wechat',
  'wecom',
  'twilio',
]

/** A webhook as received; the route reads the body exactly once (signatures need raw bytes). */
export interface WebhookRequest {
  method: string
  url: URL
  headers: Headers
  body: string
  /** Injected clock (ms epoch) so verification windows are testable. */
  receivedAt: number
}

/** The person (or bot) behind an inbound event. */
export interface Sender {
  id: string
  name?: string
  isBot: boolean
  /** The platform's language hint (e.g. Telegram `language_code`), used only as a tiebreak. */
  languageHint?: string
}

/** A file the customer sent; fetched lazily by the bot if ever needed. */
export interface AttachmentRef {
  kind: 'image' | 'file' | 'audio' | 'video'
  ref: string
  mimeType?: string
  name?: string
}

interface EventBase {
  channel: Channel
  /** `<channel>:<platform ids>`; also the Durable Object name. */
  conversationKey: string
  /** Platform id used for dedupe, unique within the conversation. */
  externalId: string
  sender: Sender
  sentAt: number
  /** Opaque per-platform reply capability (Telegram callback query id, LINE reply token). */
  replyHandle?: string
  /** Original payload fragment, stored for debugging; core code never branches on it. */
  raw: unknown
}

/** A normalized inbound event: a message, a button press, or an edit of an earlier message. */
export type InboundEvent =
  | (EventBase & {
      type: 'message'
      text: string
      attachments: AttachmentRef[]
      /** The platform's own message id, so later edits can find this message. */
      platformMessageId?: string
    })
  | (EventBase & { type: 'action'; actionId: string; label?: string })
  | (EventBase & { type: 'edit'; platformMessageId: string; text: string })

/** A button offered to the customer; `id` comes back as an `action` event. */
export interface Button {
  id: string
  label: string
}

/** One reply to send; plain text, each bot escapes it for its markup. */
export interface OutboundMessage {
  to: { channel: Channel; conversationKey: string; replyHandle?: string }
  text: string
  buttons?: Button[]
  /** The outbox row id; platforms that support it dedupe on this. */
  idempotencyKey: string
}

/** The classified outcome of one platform API call. */
export type SendResult =
  | { ok: true; externalId: string }
  | { ok: false; retryable: boolean; retryAfterMs?: number; reason: string }

/** What `parse` made of a webhook: events to ingest (0..n) or a handshake answered directly. */
export type ParseResult =
  | { kind: 'events'; events: InboundEvent[] }
  | { kind: 'handshake'; response: Response }
  | { kind: 'invalid'; reason: string }

/** A platform adapter: the only code that knows a platform's wire format. */
export interface ChannelAdapter {
  readonly channel: Channel
  /** Is this request really from the platform? Never throws. false -> 401. */
  verify(req: WebhookRequest): Promise<boolean>
  /** Payload -> normalized events. No I/O; never throws; unknown update types -> no events. */
  parse(req: WebhookRequest): ParseResult
  /** One outbound message -> platform API call(s). Classifies failures instead of throwing. */
  send(message: OutboundMessage): Promise<SendResult>
  /** Acknowledge a button press where the platform requires it (Telegram answerCallbackQuery). */
  acknowledge?(replyHandle: string): Promise<SendResult>
}

/** Side channels a bot may need from its host; injected so tests can fake them. */
export interface AdapterDeps {
  fetch?: typeof fetch
}

/** Builds an adapter from the environment, or null when its secrets are not configured. */
export type ChannelAdapterFactory = (env: Env, deps?: AdapterDeps) => ChannelAdapter | null
