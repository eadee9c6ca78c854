import { randomId } from '../lib/crypto'
import { nextWake } from '../sla/engine'
import { TARGET_KINDS } from '../sla/policy'
import type { Outcome } from './outcome'
import { notePromises } from './promises'
import { readOutbox, stillOwes, writeState } from './state'
import { ensureTable } from './schema'
import { setTimer, type TimerKind } from './timers'
import { lastSeq, pendingReplies, toQueued } from './queued-replies'
import { reportSignature } from '../reports/facts'
import { nextTicketWake } from './ticket-steps'
import type { ConversationState } from './types'

/** SLA events kept per conversation (the newest). */
export const MAX_SLA_LOG = 200

/** Keeps the SLA, reminder and ticket timers in step with the state they are derived from. */
export const syncDerivedTimers = (sql: SqlStorage, state: ConversationState): void => {
  // One read of the few timer rows, then only the statements that change something: most
  // outcomes leave every derived timer as it was, and each DELETE or upsert was a statement run.
  const existing = new Map(
    sql
      .exec<{ id: string; due_at: number; payload: string | null }>(
        'SELECT id, due_at, payload FROM timers'
      )
      .toArray()
      .map((r) => [r.id, r])
  )
  const want = (id: string, kind: TimerKind, dueAt: number | null, payload: string) => {
    const row = existing.get(id)
    if (dueAt === null) {
      // The row was just read, so no look first (see clearTimer).
      if (row) sql.exec('DELETE FROM timers WHERE id = ?', id)
    } else if (!row || row.due_at !== dueAt || row.payload !== payload) {
      setTimer(sql, { id, kind, dueAt, payload }, true)
    }
  }
  for (const kind of TARGET_KINDS)
    want(`sla:${kind}`, 'sla', nextWake(state.sla.targets[kind]), kind)
  for (const order of Object.values(state.orders)) {
    const remind =
      order.status === 'created' && order.reminderDueAt !== null && order.remindedAt === null
    want(`reminder:${order.id}`, 'reminder', remind ? order.reminderDueAt : null, order.id)
    const notify = order.status === 'shipped' && typeof order.noticeDueAt === 'number'
    want(
      `notice:${order.id}`,
      'reminder',
      notify ? (order.noticeDueAt as number) : null,
      `ship:${order.id}`
    )
  }
  for (const watch of Object.values(state.tickets))
    want(`ticket:${watch.id}`, 'ticket', nextTicketWake(watch), watch.id)
  if (state.ticketWanted)
    setTimer(sql, { id: 'ticket-open', kind: 'ticket-open', dueAt: state.updatedAt })
  // What D1's ticket rows are yet to learn goes out from the alarm.
  if (Object.values(state.tickets).some((w) => w.sync !== null))
    setTimer(sql, { id: 'ticket-sync', kind: 'ticket-sync', dueAt: state.updatedAt })
}

/**
 * Writes one service outcome (inside the caller's transaction): state, queued replies, SLA events,
 * team notifications, the archive, report and index jobs, and the timers derived from the new state.
 * Returns the ids of the queued replies.
 */
export const applyOutcome = (
  sql: SqlStorage,
  served: Outcome,
  now: number,
  prior: ConversationState | null,
  /** The newest transcript id, when the caller has just written it (saves reading it again). */
  newest?: number
): number[] => {
  const outcome = notePromises(served)
  // SLA events ride in the state row, which is written anyway: a table row each was a billed write.
  const slaLog = [...outcome.state.slaLog, ...outcome.events].slice(-MAX_SLA_LOG)
  // Replies wait in the state row written here anyway; spent entries (sent, so they have their
  // rows) are pruned on the way.
  const stored = readOutbox(sql)
  const queued =
    outcome.replies.length === 0
      ? []
      : toQueued(outcome.replies, newest ?? lastSeq(sql, stored), now)
  // D1 work rides in the row too, as markers the alarm runs as derived work (timers.ts) at no
  // row of its own. With replies queued, the outbox drain writes the index once they are out;
  // otherwise the index is due. Report rows change only with what they count (case, scenario,
  // handler, rating, orders): an ordinary message costs them nothing; a change not yet written
  // stays owed.
  const reportDue =
    reportSignature(prior) !== reportSignature(outcome.state) || stillOwes(sql, 'report')
  const caseDue = outcome.archive || stillOwes(sql, 'case')
  writeState(
    sql,
    { ...outcome.state, slaLog },
    {
      outbox: [...pendingReplies(sql, stored), ...queued],
      indexDue: queued.length === 0,
      reportDue,
      caseDue,
    }
  )
  const ids = queued.map((entry) => entry.seq)
  if (outcome.notices.length > 0) ensureTable(sql, 'notifications')
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
  syncDerivedTimers(sql, outcome.state)
  return ids
}
