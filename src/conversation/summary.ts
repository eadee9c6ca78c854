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
  createdAt: number
  updatedAt: number
}

/** Pure: the index row for a state and its latest message. */
export const summarize = (
  state: ConversationState,
  last: TranscriptMessage | undefined,
  failedMessages: number
): ConversationSummary => ({
  key: state.key,
  channel: state.channel,
  status: state.status,
  owner: state.owner,
  level: 0,
  stage: state.stage,
  intent: state.intent,
  locale: state.locale,
  customerName: state.customer.name ?? null,
  agent: state.agent,
  lastMessage: last ? last.text.slice(0, 280) : null,
  lastMessageAt: last?.at ?? null,
  failedMessages,
  createdAt: state.createdAt,
  updatedAt: state.updatedAt,
})

/** Upserts the row; an older summary never overwrites a newer one. */
export const writeSummary = async (db: D1Database, s: ConversationSummary): Promise<void> => {
  await db
    .prepare(
      `INSERT INTO conversations (key, channel, status, owner, level, stage, intent, locale, customer_name, agent,
         last_message, last_message_at, failed_messages, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
       ON CONFLICT (key) DO UPDATE SET channel = excluded.channel, status = excluded.status,
         owner = excluded.owner, level = excluded.level, stage = excluded.stage, intent = excluded.intent,
         locale = excluded.locale, customer_name = excluded.customer_name, agent = excluded.agent,
         last_message = excluded.last_message, last_message_at = excluded.last_message_at,
         failed_messages = excluded.failed_messages, updated_at = excluded.updated_at
       WHERE excluded.updated_at >= conversations.updated_at`
    )
    .bind(
      s.key, s.channel, s.status, s.owner, s.level, s.stage, s.intent, s.locale, s.customerName,
      s.agent, s.lastMessage, s.lastMessageAt, s.failedMessages, s.createdAt, s.updatedAt
    )
    .run()
}
