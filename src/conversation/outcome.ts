import type { SlaEvent, SlaStep } from '../sla/engine'
import type { NoticeRequest } from './escalate'
import type { Reply } from './say'
import type { ConversationState } from './types'

/** How the bot handled an input: an answer from the flow meets response targets; the others don't. */
export type Handling = 'answered' | 'fallback' | 'handoff' | 'silent'

/**
 * What one step of the conversation produces (a flow decision, an escalation, a command, a timer):
 * the next state and what to send, record and notify, applied by the shell in one transaction.
 */
export interface Outcome {
  state: ConversationState
  replies: Reply[]
  events: SlaEvent[]
  notices: NoticeRequest[]
  /** Write (or rewrite) the current case to the knowledge table. */
  archive: boolean
  /** How the flow handled the customer's input; only the policy's decisions say. */
  handling?: Handling
}

/** An outcome that changes only the state (plus whatever `extra` adds): nothing said, no clock events. */
export const outcome = (
  state: ConversationState,
  extra: Partial<Omit<Outcome, 'state'>> = {}
): Outcome => ({
  state,
  replies: [],
  events: [],
  notices: [],
  archive: false,
  ...extra,
})

/**
 * Pure: `next` after `first`. The later state wins (it was computed from the earlier one);
 * replies, clock events and notices add up in order; either may archive; the later handling
 * counts when it says one.
 */
export const merge = (first: Outcome, next: Partial<Outcome>): Outcome => {
  const handling = next.handling ?? first.handling
  return {
    state: next.state ?? first.state,
    replies: [...first.replies, ...(next.replies ?? [])],
    events: [...first.events, ...(next.events ?? [])],
    notices: [...first.notices, ...(next.notices ?? [])],
    archive: first.archive || (next.archive ?? false),
    ...(handling ? { handling } : {}),
  }
}

/** Pure: an SLA clock's step merged in: the state takes its targets, its events are recorded. */
export const withSla = (first: Outcome, step: SlaStep): Outcome =>
  merge(first, { state: { ...first.state, sla: step.sla }, events: step.events })
