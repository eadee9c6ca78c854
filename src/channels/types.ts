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
  /** The shop page the customer wrote from (the web chat widget passes it), for agents. */
  page?: string
}

/** A file the customer sent, as the platform names it; the object fetches it into R2 after the ack. */
export interface AttachmentRef {
  kind: 'image' | 'file' | 'audio' | 'video'
  /** The platform's handle for the file (a file id, a media id, or a URL for platforms that give one). */
  ref: string
  mimeType?: string
  name?: string
  /** Bytes, when the payload says (Telegram `file_size`, Slack `size`); lets a too-large file be refused unfetched. */
  size?: number
}

/**
 * A platform file being downloaded: the open response (its body not yet read, so the caller can
 * count bytes and stop at the limit), or a classified failure like a send's.
 */
export type MediaResult =
  | { ok: true; response: Response; mimeType?: string; name?: string }
  | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number; tooLarge?: true }

interface EventBase {
  channel: Channel
  /** `<channel>:<platform ids>`; also the Durable Object name. */
  conversationKey: string
  /** Platform id used for dedupe, unique within the conversation. */
  externalId: string
  sender: Sender
  sentAt: number
  /** Opaque reply capability, used by the next reply while fresh (LINE reply token). */
  replyHandle?: string
  /** A handle the platform wants acknowledged promptly (Telegram callback query id). */
  ackHandle?: string
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
  | (EventBase & {
      type: 'status'
      /** The platform id `send` returned for the outbound message. */
      platformMessageId: string
      status: DeliveryStatus
      error?: string
    })

/** A platform's delivery receipt for an outbound message (WhatsApp statuses, Messenger reads). */
export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'unknown'

/** A button offered to the customer; `id` comes back as an `action` event. */
export interface Button {
  id: string
  label: string
}

/** One reply to send; plain text, each bot escapes it for its markup. */
export interface OutboundMessage {
  to: {
    channel: Channel
    conversationKey: string
    /** The newest unused reply capability from the customer (LINE reply token), if any. */
    replyHandle?: string
    /** When that handle arrived (ms epoch), so the bot can tell whether it is still fresh. */
    replyHandleAt?: number
  }
  text: string
  buttons?: Button[]
  /** The outbox row id; platforms that support it dedupe on this. */
  idempotencyKey: string
  /** The engine's template id, when the text came from one (WhatsApp maps it to an approved template). */
  template?: string
  /** The conversation's clock at this attempt (ms epoch). */
  now: number
  /** When the customer last wrote (ms epoch): platforms with a reply window (24 h) check it. */
  lastInboundAt: number | null
}

/**
 * A transcript message as the customer's own web chat shows it, in history and live frames
 * (contract): no internal fields (errors, attempts, templates, where files are stored).
 */
export interface CustomerMessage {
  id: number
  direction: 'in' | 'out'
  author: 'customer' | 'bot' | 'agent'
  /** The display name of the person who wrote it (agent messages only). */
  agentName?: string
  text: string
  buttons?: Button[]
  /** The files the customer sent with it: what and under which name, never where they are stored. */
  files?: {
    kind: AttachmentRef['kind']
    name?: string
    /** Why it was not stored (the customer was told). */
    problem?: 'too_large' | 'unsupported' | 'empty' | 'failed'
  }[]
  at: number
  status: 'received' | 'queued' | 'sent' | 'failed'
  /** The browser's own id for a customer message (the `id` it posted), so it can swap its echo. */
  clientId?: string
}

/** The reason of a send the platform refuses because its reply window is closed (every bot's). */
export const WINDOW_CLOSED = 'window_closed'

/** The classified outcome of one platform API call. */
export type SendResult =
  | { ok: true; externalId: string; usedReplyHandle?: boolean }
  | {
      ok: false
      retryable: boolean
      retryAfterMs?: number
      reason: string
      /** The platform deduplicates this very request (a retry key it honours), so a repeat is safe. */
      safeToRepeat?: true
    }

/** What `parse` made of a webhook: events to ingest (0..n) or a handshake answered directly. */
export type ParseResult =
  | {
      kind: 'events'
      events: InboundEvent[]
      /** The answer the platform expects once the events are stored (WeChat `success`, empty TwiML); default 200 JSON. */
      ack?: () => Response
    }
  /** The callback only announces new messages; the adapter's `sync` pulls them (WeCom customer service). */
  | { kind: 'sync'; stream: string; token?: string; ack?: () => Response }
  | { kind: 'handshake'; response: Response }
  /** Not a request we can use: 400, or 413 when it is too large. */
  | { kind: 'invalid'; reason: string; tooLarge?: true }

/** A platform adapter: the only code that knows a platform's wire format. */
export interface ChannelAdapter {
  readonly channel: Channel
  /** True when the platform drops a repeated send of the same message (an idempotency id). */
  readonly dedupesSends?: boolean
  /** Is this request really from the platform? Never throws. false -> 401. */
  verify(req: WebhookRequest): Promise<boolean>
  /** Payload -> normalized events. No I/O; never throws; unknown update types -> no events. */
  parse(req: WebhookRequest): ParseResult
  /** One outbound message -> platform API call(s). Classifies failures instead of throwing. */
  send(message: OutboundMessage): Promise<SendResult>
  /** Download a file the customer sent (Telegram `getFile`, Graph media, LINE content, ...). Never throws. */
  fetchMedia?(ref: AttachmentRef): Promise<MediaResult>
  /** Acknowledge a button press where the platform requires it (Telegram answerCallbackQuery). */
  acknowledge?(ackHandle: string): Promise<SendResult>
  /**
   * Pull-style platforms: fetch the events after `cursor` for a stream announced by a `sync` parse
   * result. The caller stores each batch durably before it saves the returned cursor.
   */
  sync?(
    stream: string,
    cursor: string | null,
    token?: string
  ): Promise<
    | { ok: true; events: InboundEvent[]; cursor: string | null; hasMore: boolean }
    | { ok: false; retryable: boolean; reason: string }
  >
}

/**
 * What core code may ask about a channel without configuring it (no secrets, no I/O), so it never
 * branches on a channel's name.
 */
export interface ChannelCapabilities {
  /**
   * Anyone can write without an account (the web chat): the conversation budgets its traffic, and
   * a burst of escalations from such conversations pages a team once, then goes into a digest.
   */
  readonly anonymous?: boolean
  /**
   * Free-form replies are refused this long after the customer's last message, so the console
   * warns agents when the window has closed (WhatsApp's 24 hours).
   */
  readonly replyWindowMs?: number
  /**
   * The team thread (`<chat>:<thread>`) a conversation key names when the channel also hosts the
   * agents' desk (Slack), so a reply there reaches the customer; null for any other key.
   */
  teamThread?(conversationKey: string): string | null
}

/** Side channels a bot may need from its host; injected so tests can fake them. */
export interface AdapterDeps {
  fetch?: typeof fetch
}

/** Builds an adapter from the environment, or null when its secrets are not configured. */
export type ChannelAdapterFactory = (env: Env, deps?: AdapterDeps) => ChannelAdapter | null
