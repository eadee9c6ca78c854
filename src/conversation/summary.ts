import type { ConversationState, TranscriptMessage } from './types'

/** The D1 index row of a conversation. */
export interface ConversationSummary {
  key: string
  channel: string
  status: string
  owner: string
  level: number
  stage: string
  intent: string | null
  locale: string
  customerName: string | null
  agent: string | null
  lastMessage: string | null
  lastMessageAt: number | null
  failedMessages: number
  nextDueAt: number | null
  breaches: number
  csat: number | null
  escalatedAt: number | null
  escalationReasons: string | null
  expectedResolutionAt: number | null
  createdAt: number
  updatedAt: number
  /** Since when the customer has waited for a person (handed off, no agent reply since); else null. */
  waitingSince: number | null
  /** Lower-cased text the console search matches: name, order numbers, phone, recent messages. */
  searchText: string | null
}

/** Pure: the index row for a state and its latest message. */
export const summarize = (
  state: ConversationState,
  last: TranscriptMessage | undefined,
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
  recent: readonly TranscriptMessage[]
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

const values = (s: ConversationSummary) => [
  s.key,
  s.channel,
  s.status,
  s.owner,
  s.level,
  s.stage,
  s.intent,
  s.locale,
  s.customerName,
  s.agent,
  s.lastMessage,
  s.lastMessageAt,
  s.failedMessages,
  s.createdAt,
  s.updatedAt,
  s.nextDueAt,
  s.breaches,
  s.csat,
  s.escalatedAt,
  s.escalationReasons,
  s.expectedResolutionAt,
  s.waitingSince,
  s.searchText,
]

const SET = `channel = ?2, status = ?3, owner = ?4, level = ?5, stage = ?6, intent = ?7, locale = ?8,
  customer_name = ?9, agent = ?10, last_message = ?11, last_message_at = ?12, failed_messages = ?13,
  updated_at = ?15, next_due_at = ?16, breaches = ?17, csat = ?18, escalated_at = ?19,
  escalation_reasons = ?20, expected_resolution_at = ?21, waiting_since = ?22, search_text = ?23`

// Columns in an index (conversations_queue, conversations_escalations): SQLite rewrites an index
// whenever an UPDATE sets one of its columns, changed or not.
const INDEXED = new Set([3, 4, 5, 10, 21])
const HOT_SET = SET.split(/,\s*/)
  .filter((part) => !INDEXED.has(Number(/\?(\d+)/.exec(part)?.[1])))
  .join(', ')

/**
 * Writes the row; an older summary never overwrites a newer one. The message path's update sets
 * only columns no index holds, and only while the indexed ones (status, owner, agent, level,
 * expected resolution) are unchanged: 1 D1 row written, where the upsert cost 3. Anything else (a
 * new conversation, a handoff, an escalation, a resolution, a newer row already written) goes
 * through the upsert, whose WHERE keeps a newer row.
 */
export const writeSummary = async (db: D1Database, s: ConversationSummary): Promise<void> => {
  const updated = await db
    .prepare(
      `UPDATE conversations SET ${HOT_SET}
       WHERE key = ?1 AND updated_at <= ?15 AND status IS ?3 AND owner IS ?4 AND level IS ?5 AND agent IS ?10
         AND expected_resolution_at IS ?21`
    )
    .bind(...values(s))
    .run()
  if ((updated.meta.changes ?? 0) > 0) return
  await db
    .prepare(
      `INSERT INTO conversations (key, channel, status, owner, level, stage, intent, locale, customer_name, agent,
         last_message, last_message_at, failed_messages, created_at, updated_at, next_due_at, breaches, csat,
         escalated_at, escalation_reasons, expected_resolution_at, waiting_since, search_text)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)
       ON CONFLICT (key) DO UPDATE SET ${SET.replace(/\?(\d+)/g, (_, n: string) => `excluded.${COLUMNS[Number(n) - 1]}`)}
       WHERE excluded.updated_at >= conversations.updated_at`
    )
    .bind(...values(s))
    .run()
}

const COLUMNS = [
  'key',
  'channel',
  'status',
  'owner',
  'level',
  'stage',
  'intent',
  'locale',
  'customer_name',
  'agent',
  'last_message',
  'last_message_at',
  'failed_messages',
  'created_at',
  'updated_at',
  'next_due_at',
  'breaches',
  'csat',
  'escalated_at',
  'escalation_reasons',
  'expected_resolution_at',
  'waiting_since',
  'search_text',
]
