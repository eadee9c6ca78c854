import { randomId } from '../lib/crypto'
import { nextWake } from '../sla/engine'
import { TARGET_KINDS } from '../sla/policy'
import type { ServiceOutcome } from './service'
import { notePromises } from './promises'
import { writeState } from './state'
import { clearTimer, setTimer } from './timers'
import { appendOutbound } from './transcript'
import { reportSignature } from '../reports/facts'
import { nextTicketWake } from './ticket-steps'
import type { ConversationState } from './types'

/** SLA events kept per conversation (the newest). */
export const MAX_SLA_LOG = 200

/** Keeps the SLA and reminder timers in step with the state they are derived from. */
export const syncDerivedTimers = (sql: SqlStorage, state: ConversationState): void => {
  for (const kind of TARGET_KINDS) {
    const wake = nextWake(state.sla.targets[kind])
    if (wake === null) clearTimer(sql, `sla:${kind}`)
    else setTimer(sql, { id: `sla:${kind}`, kind: 'sla', dueAt: wake, payload: kind }, true)
  }
  for (const order of Object.values(state.orders)) {
    const id = `reminder:${order.id}`
    if (order.status === 'created' && order.reminderDueAt !== null && order.remindedAt === null) {
      setTimer(sql, { id, kind: 'reminder', dueAt: order.reminderDueAt, payload: order.id }, true)
    } else clearTimer(sql, id)
    const notice = `notice:${order.id}`
    if (order.status === 'shipped' && typeof order.noticeDueAt === 'number') {
      setTimer(sql, { id: notice, kind: 'reminder', dueAt: order.noticeDueAt, payload: `ship:${order.id}` }, true)
    } else clearTimer(sql, notice)
  }
  for (const watch of Object.values(state.tickets)) {
    const wake = nextTicketWake(watch)
    if (wake === null) clearTimer(sql, `ticket:${watch.id}`)
    else setTimer(sql, { id: `ticket:${watch.id}`, kind: 'ticket', dueAt: wake, payload: watch.id }, true)
  }
  if (state.ticketWanted) setTimer(sql, { id: 'ticket-open', kind: 'ticket-open', dueAt: state.updatedAt })
  // What D1's ticket rows are yet to learn goes out from the alarm.
  if (Object.values(state.tickets).some((w) => w.sync !== null)) setTimer(sql, { id: 'ticket-sync', kind: 'ticket-sync', dueAt: state.updatedAt })
}

/**
 * Writes one service outcome (inside the caller's transaction): state, queued replies, SLA events,
 * team notifications, the archive, report and index jobs, and the timers derived from the new state.
 * Returns the ids of the queued replies.
 */
export const applyOutcome = (sql: SqlStorage, served: ServiceOutcome, now: number, prior: ConversationState | null): number[] => {
  const outcome = notePromises(served)
  // SLA events ride in the state row, which is written anyway: a table row each was a billed write.
  const slaLog = [...outcome.state.slaLog, ...outcome.events].slice(-MAX_SLA_LOG)
  writeState(sql, { ...outcome.state, slaLog })
  const ids = outcome.replies.map((reply) => appendOutbound(sql, reply, now))
  for (const notice of outcome.notices) {
    const id = `${randomId(9)}:${notice.team}`
    sql.exec(
      `INSERT INTO notifications (id, team, level, reasons, summary, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
      id,
      notice.team,
      notice.level,
      JSON.stringify(notice.reasons),
      notice.summary,
      now,
      now
    )
    setTimer(sql, { id: `notify:${id}`, kind: 'notify', dueAt: now, payload: id })
  }
  if (outcome.archive) setTimer(sql, { id: 'case', kind: 'case', dueAt: now })
  // Report rows change only with what they count (case, scenario, handler, rating, orders): an
  // ordinary message costs them nothing. The id sorts after 'outbox' (the queued replies' due
  // work, see timers.ts), so replies are sent first.
  if (reportSignature(prior) !== reportSignature(outcome.state)) setTimer(sql, { id: 'report', kind: 'report', dueAt: now })
  // With replies queued, the outbox drain writes the index once they are out.
  if (ids.length === 0) setTimer(sql, { id: 'index', kind: 'index', dueAt: now })
  syncDerivedTimers(sql, outcome.state)
  return ids
}
