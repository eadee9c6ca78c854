import type { AttachmentRef, Button, Channel, DeliveryStatus } from '../channels/types'
import type { Pins, Stage } from '../flows/types'

/** Who is answering the customer right now; explicit state, never inferred from a timeout. */
export type Owner = 'bot' | 'human'

/** Lifecycle of a conversation. */
export type ConversationStatus = 'open' | 'resolved'

/** Delivery status of a transcript row: inbound rows are `received`. */
export type MessageStatus = 'received' | 'queued' | 'sent' | 'failed'

/** Who wrote a transcript row. */
export type Author = 'customer' | 'bot' | 'agent'

/** The conversation's state, kept as one JSON row beside the transcript. */
export interface ConversationState {
  key: string
  channel: Channel
  status: ConversationStatus
  owner: Owner
  stage: Stage
  /** Current flow step, or null before the first answer and after a close. */
  step: string | null
  /** Scenario (pre-sale, order, ...) the conversation is about. */
  intent: string | null
  locale: string
  greeted: boolean
  /** Unmatched customer texts in a row; the second offers a human. */
  fallbackStreak: number
  customer: { id: string; name?: string }
  /** Variables learned from the customer (`order.id`, `customer.phone`, ...). */
  vars: Record<string, string>
  /** Flow and template versions pinned when the conversation started. */
  pins: Pins | null
  /** Buttons of the newest bot message, so a typed "2" or label works where buttons don't exist. */
  offered: Button[]
  /** The newest unused reply capability (LINE reply token) and when it arrived. */
  replyHandle: { value: string; at: number } | null
  agent: string | null
  createdAt: number
  updatedAt: number
  lastInboundAt: number | null
  lastOutboundAt: number | null
  lastAgentReplyAt: number | null
  resolvedAt: number | null
}

/** One transcript row as the API shows it. */
export interface TranscriptMessage {
  id: number
  direction: 'in' | 'out'
  kind: 'message' | 'action'
  author: Author
  agent?: string
  text: string
  buttons?: Button[]
  attachments?: AttachmentRef[]
  template?: string
  at: number
  status: MessageStatus
  error?: string
  attempts?: number
  sentAt?: number
  editedAt?: number
  /** The platform's newest delivery receipt (delivered, read) for a sent message. */
  delivery?: DeliveryStatus
}

/** A transcript row as the customer's own web chat sees it. */
export interface CustomerMessage {
  id: number
  direction: 'in' | 'out'
  author: Author
  text: string
  buttons?: Button[]
  at: number
  status: MessageStatus
  clientId?: string
}

/** State plus one page of the transcript (oldest first within the page). */
export interface ConversationView {
  state: ConversationState
  messages: TranscriptMessage[]
  /** Pass as `before` to get the previous page; null at the start. */
  nextBefore: number | null
}

/** Outcome of `ingest`: duplicates are absorbed, not errors. */
export type IngestResult =
  | { status: 'accepted'; id: number }
  | { status: 'duplicate' }
  | { status: 'rejected'; reason: string }

/** Outcome of RPC commands that may not apply. */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; code: 'not_found' | 'invalid'; message: string }
