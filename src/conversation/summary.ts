import type { ConversationSummary } from '../tables/conversations'
import type { ConversationState, TranscriptMessage } from './types'

/** Pure: the index row for a state and its latest message. */
export const summarize = (
  state: ConversationState,
  last: Pick<TranscriptMessage, 'text' | 'at'> | undefined,
  failedMessages: number,
  nextDueAt: number | null,
  searchText: string | null = null
): ConversationSummary => ({
  key: state.key,
  channel: state.channel,
  status: state.status,
  owner: state.owner,
  level: state.level,
  stage: state.stage,
  intent: state.intent,
  locale: state.locale,
  customerName: state.customer.name ?? null,
  agent: state.agent,
  lastMessage: last ? last.text.slice(0, 280) : null,
  lastMessageAt: last?.at ?? null,
  failedMessages,
  nextDueAt,
  breaches: state.sla.breaches,
  csat: state.survey?.rating ?? null,
  escalatedAt: state.level > 0 ? (state.escalation?.submittedAt ?? null) : null,
  escalationReasons:
    state.level > 0 && state.escalation ? JSON.stringify(state.escalation.reasons) : null,
  expectedResolutionAt: state.level > 0 ? (state.escalation?.expectedResolutionAt ?? null) : null,
  createdAt: state.createdAt,
  updatedAt: state.updatedAt,
  // A person owes an answer: the customer wrote after the handoff and no agent has replied since.
  waitingSince:
    state.status === 'open' &&
    state.owner === 'human' &&
    state.lastInboundAt !== null &&
    (state.lastAgentReplyAt ?? 0) < state.lastInboundAt
      ? state.lastInboundAt
      : null,
  searchText,
})

/** Longest search text kept per conversation. */
export const SEARCH_TEXT_MAX = 4000

/** Pure: the searchable text of a conversation (customer name, every known variable, recent messages). */
export const searchTextOf = (
  state: ConversationState,
  recent: readonly Pick<TranscriptMessage, 'text'>[]
): string =>
  [
    state.customer.name ?? '',
    state.customer.id,
    ...Object.values(state.vars),
    ...recent.map((m) => m.text),
  ]
    .join('\n')
    .toLowerCase()
    .slice(0, SEARCH_TEXT_MAX)
