import { TARGET_KINDS } from '../sla/policy'
import type { ConversationState } from './types'

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
  notifications: sql
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
    })),
})
