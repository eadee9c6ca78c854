import { hasTable } from './schema'
import { TARGET_KINDS } from '../sla/policy'
import { listNotes } from './notes'
import { clientIdOf, listMessages, toCustomerMessage } from './transcript'
import type { ConversationState, ConversationView, CustomerMessage } from './types'

/** A page of a transcript: the messages before `before` (newest last), 50 unless `limit` says. */
export interface Page {
  before?: number
  limit?: number
}

/** State plus a page of the transcript, the notes, SLA and escalation details, for agents. */
export const readView = (
  sql: SqlStorage,
  state: ConversationState,
  page: Page
): ConversationView => {
  const { messages, nextBefore } = listMessages(sql, {
    before: page.before,
    limit: page.limit ?? 50,
  })
  return { state, messages, nextBefore, notes: listNotes(sql), ...readDetails(sql, state) }
}

/** A page of the customer's own history (web chat), oldest first. */
export const readCustomerHistory = (sql: SqlStorage, page: Page): CustomerMessage[] =>
  listMessages(sql, { before: page.before, limit: page.limit ?? 50 }).messages.map((m) =>
    toCustomerMessage(m, clientIdOf(sql, m.id))
  )

/** One SLA target as the conversation view shows it. */
export interface TargetView {
  target: string
  status: string
  startedAt: number
  dueAt: number
  warned: boolean
  remainingMs: number | null
  endedAt: number | null
}

/** The team notifications this conversation raised, newest first (none before the first). */
const listNotifications = (sql: SqlStorage) =>
  hasTable(sql, 'notifications')
    ? sql
        .exec<{
          id: string
          team: string
          level: number
          status: string
          attempts: number
          error: string | null
          created_at: number
          updated_at: number
        }>(
          'SELECT id, team, level, status, attempts, error, created_at, updated_at FROM notifications ORDER BY created_at DESC LIMIT 50'
        )
        .toArray()
        .map((n) => ({
          id: n.id,
          team: n.team,
          level: n.level,
          status: n.status,
          attempts: n.attempts,
          error: n.error,
          createdAt: n.created_at,
          updatedAt: n.updated_at,
        }))
    : []

/** SLA targets and events, the escalation record and team notifications, for agents. */
export const readDetails = (sql: SqlStorage, state: ConversationState) => ({
  sla: {
    breaches: state.sla.breaches,
    targets: TARGET_KINDS.flatMap((kind): TargetView[] => {
      const t = state.sla.targets[kind]
      return t
        ? [
            {
              target: kind,
              status: t.status,
              startedAt: t.startedAt,
              dueAt: t.dueAt,
              warned: t.warned,
              remainingMs: t.remainingMs,
              endedAt: t.endedAt,
            },
          ]
        : []
    }),
    events: state.slaLog,
  },
  escalation: state.escalation,
  notifications: listNotifications(sql),
})
