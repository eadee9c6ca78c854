import type { AttachmentRef, Button, Channel, DeliveryStatus } from '../channels/types'
import type { FileFormat, FileProblem } from '../files/formats'
import type { EscalationLevel } from '../escalation/types'
import type { Pins, Stage } from '../flows/types'
import type { Team } from '../notify/types'
import type { SlaEvent, SlaState } from '../sla/engine'
import type { TargetKind } from '../sla/policy'
import type { readDetails } from './view'

/** Who is answering the customer right now; explicit state, never inferred from a timeout. */
export type Owner = 'bot' | 'human'

/** Lifecycle of a conversation. */
export type ConversationStatus = 'open' | 'resolved'

/** Delivery status of a transcript row: inbound rows are `received`. */
export type MessageStatus = 'received' | 'queued' | 'sent' | 'failed'

/** Who wrote a transcript row. */
export type Author = 'customer' | 'bot' | 'agent'

/** Who the conversation is with, where, and since when; set when it starts (state.ts). */
export interface IdentityPart {
  key: string
  channel: Channel
  customer: { id: string; name?: string }
  createdAt: number
  /** When anything last changed; every step sets it. */
  updatedAt: number
}

/**
 * Where the flow stands and what it learned: owned by the policy (policy.ts, steps.ts,
 * understanding.ts) and the commands that hand the conversation between bot and people.
 */
export interface FlowPart {
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
  /** Where the closing stands: "anything else?" asked, or the farewell said (each once per case). */
  closing: 'asked' | 'done' | null
  /** Variables learned from the customer (`order.id`, `customer.phone`, ...). */
  vars: Record<string, string>
  /** Flow and template versions pinned when the conversation started. */
  pins: Pins | null
  /** Buttons of the newest bot message, so a typed "2" or label works where buttons don't exist. */
  offered: Button[]
  /** The newest unused reply capability (LINE reply token) and when it arrived. */
  replyHandle: { value: string; at: number } | null
  lastInboundAt: number | null
  lastAgentReplyAt: number | null
  /** When the last holding line ("a person is on it") went out. */
  lastHoldingAt: number | null
  /** Local date (shop time zone) of the last off-hours notice, so it goes out once a day. */
  offhoursNoticeDay: string | null
}

/** The service clocks and the promises the customer holds: owned by the SLA steps (service.ts, commands.ts, promises.ts). */
export interface SlaPart {
  sla: SlaState
  /** Every SLA event (started, warned, met, breached, paused, resumed...), oldest first, capped. */
  slaLog: SlaEvent[]
  /** SLA targets whose breach already brought the customer a new promise (once per target). */
  renewed: TargetKind[]
  /** Promises the customer holds now: a time for a person's reply, a time for the solution. */
  promised: ('reply' | 'resolve')[]
}

/** Who handles the conversation and how far it was raised: owned by escalate.ts and the commands. */
export interface EscalationPart {
  agent: string | null
  level: EscalationLevel
  escalation: EscalationRecord | null
  /** Complaints about the current problem (reset when a case is resolved). */
  complaints: number
}

/** The case in progress and its end: owned by the case steps (service.ts, commands.ts). */
export interface CasePart {
  /** The case in progress: opened by the first customer message after a resolution. */
  case: CaseInfo | null
  survey: SurveyState | null
  resolvedAt: number | null
}

/** What the shop's systems told the conversation: orders (commands.ts), work orders (ticket-steps.ts, jobs.ts). */
export interface WorkPart {
  orders: Record<string, OrderInfo>
  /** Work orders this conversation follows: their clocks, and fields asked of the customer. */
  tickets: Record<string, TicketWatch>
  /** A flow step asked for a work order; the alarm opens it in D1 and clears this. */
  ticketWanted: {
    category: string
    urgency: 'low' | 'normal' | 'high' | 'urgent'
    /** Chosen by the job before D1 sees it. */ id?: string
  } | null
}

/**
 * The conversation's state, kept as one flat JSON row beside the transcript (its shape is what
 * stored conversations and the API have): the parts above, each changed by the modules it names.
 */
export type ConversationState = IdentityPart &
  FlowPart &
  SlaPart &
  EscalationPart &
  CasePart &
  WorkPart

/** One transcript row as the API shows it. */
export interface TranscriptMessage {
  id: number
  direction: 'in' | 'out'
  kind: 'message' | 'action'
  author: Author
  agent?: string
  text: string
  buttons?: Button[]
  attachments?: TranscriptAttachment[]
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

/** A customer's file as the transcript keeps it: the platform's handle, then what fetching it gave. */
export interface TranscriptAttachment extends AttachmentRef {
  /** The `files` row once the bytes are in R2 (downloads go through it). */
  fileId?: string
  /** The format the bytes proved. */
  format?: FileFormat
  /** Why it was not stored; the customer was told. */
  problem?: FileProblem
  /** The platform's answer when fetching failed for good, for agents. */
  detail?: string
}

/** A transcript row as the customer's own web chat sees it (the channel contract's type). */
export type { CustomerMessage } from '../channels/types'

/** State plus one page of the transcript (oldest first within the page), SLA and escalation details. */
export interface ConversationView extends ReturnType<typeof readDetails> {
  state: ConversationState
  messages: TranscriptMessage[]
  /** Pass as `before` to get the previous page; null at the start. */
  nextBefore: number | null
  /** Private notes, oldest first (never part of the transcript). */
  notes: import('./notes').Note[]
}

/** Outcome of `ingest`: duplicates are absorbed, not errors. */
export type IngestResult =
  | { status: 'accepted'; id: number }
  | { status: 'duplicate' }
  | { status: 'rejected'; reason: string }
  /** Over the conversation's message budget (anonymous channels): nothing was stored. */
  | { status: 'throttled'; retryAfterMs: number }

/** Outcome of RPC commands that may not apply. */
export type CommandResult<T> =
  { ok: true; value: T } | { ok: false; code: 'not_found'; message: string }

/** The escalation record (docs/conversation.md, "Handoff, escalation and breaches"). */
export interface EscalationRecord {
  level: EscalationLevel
  reasons: string[]
  summary: string
  /** Transcript ids of the customer messages that triggered it. */
  evidence: number[]
  submittedAt: number
  by: string
  teams: Team[]
  firstHandlingAt: number | null
  firstHandling: string | null
  handler: string | null
  expectedResolutionAt: number | null
  resolvedAt: number | null
  solution: string | null
  satisfaction: number | null
}

/** The satisfaction survey of the last resolution. */
export interface SurveyState {
  caseId: string
  sentAt: number
  rating: number | null
  ratedAt: number | null
  comment: string | null
}

/** An order the shop told the conversation about through `POST /api/v1/events`. */
export interface OrderInfo {
  id: string
  status: 'created' | 'paid' | 'cancelled' | 'shipped' | 'refunded'
  amount?: number
  currency?: string
  tracking?: string
  carrier?: string
  createdAt: number
  updatedAt: number
  reminderDueAt: number | null
  remindedAt: number | null
  /** A shipping notice held back while nobody is staffed, sent at this time (absent: none pending). */
  noticeDueAt?: number | null
  /** When the shop reported payment (a shipped order counts as paid), for the recovery report. */
  paidAt?: number
  refundedAt?: number
  cancelledAt?: number
}

/** A work order as its conversation follows it (D1 holds the ticket itself). */
export interface TicketWatch {
  id: string
  /** The category's id (watches written before it was kept lack it). */
  categoryId?: string
  category: { en: string; 'zh-CN': string }
  status: import('../tickets/types').TicketStatus
  /** Required fields the customer still has to send. */
  missing: string[]
  dueAt: number
  warnAt: number
  warned: boolean
  breached: boolean
  updateEveryMs: number
  nextUpdateAt: number | null
  /** Progress updates sent so far (the wording alternates, so a long wait doesn't read the same line twice). */
  updatesSent?: number
  /** This object's clock minus the clock that opened the ticket (zero but for test clocks). */
  clockShift?: number
  /**
   * Its deadline is the solution time the conversation promised (a flow step opened it): while the
   * case is open, the conversation's own progress updates speak for it, so the customer hears one voice.
   */
  boundToCase?: boolean
  /** The last update fell away for the conversation's own (the next one is never skipped). */
  skippedLast?: boolean
  /** When the ticket was opened, by the opener's clock. */
  openedAt?: number
  /** What the ticket row in D1 is yet to learn: fields the customer sent, clock events. */
  sync: {
    given?: { contact?: string; description?: string; fields?: Record<string, string> }
    warned?: boolean
    breached?: boolean
    progress?: number
  } | null
}

/** The case a conversation is working on, archived to the knowledge table when resolved. */
export interface CaseInfo {
  id: string
  openedAt: number
  problem: string | null
  solution: string | null
  resolvedAt: number | null
  handler: string | null
}
