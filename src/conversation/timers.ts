import { pendingReplies } from './queued-replies'
import { owedAt } from './state'

/** The closed set of timer kinds a conversation runs. */
export type TimerKind =
  | 'outbox'
  | 'ack'
  | 'index'
  | 'sla'
  | 'notify'
  | 'case'
  | 'report'
  | 'reminder'
  | 'ticket'
  | 'ticket-sync'
  | 'ticket-open'
  | 'media'

/** One row of the timers table, or work derived from the state row (`derived`: outbox, D1 writes). */
export interface Timer {
  id: string
  kind: TimerKind
  dueAt: number
  payload: string | null
  attempts: number
  derived?: true
}

/** Inserts or moves a timer; an existing timer keeps the earlier due time unless `force`. */
export const setTimer = (
  sql: SqlStorage,
  timer: { id: string; kind: TimerKind; dueAt: number; payload?: string | null },
  force = false
): void => {
  // The WHERE skips updates that change nothing: every row touched is a billed write.
  sql.exec(
    `INSERT INTO timers (id, kind, due_at, payload) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (id) DO UPDATE SET
       due_at = CASE WHEN ?5 THEN excluded.due_at ELSE MIN(due_at, excluded.due_at) END,
       payload = excluded.payload
     WHERE payload IS NOT excluded.payload
        OR due_at IS NOT (CASE WHEN ?5 THEN excluded.due_at ELSE MIN(due_at, excluded.due_at) END)`,
    timer.id,
    timer.kind,
    timer.dueAt,
    timer.payload ?? null,
    force ? 1 : 0
  )
}

/** Moves a timer to `dueAt` and counts the attempt that just failed. */
export const retryTimer = (sql: SqlStorage, id: string, dueAt: number): void => {
  sql.exec('UPDATE timers SET attempts = attempts + 1, due_at = ? WHERE id = ?', dueAt, id)
}

/**
 * A timer's run failed: it is due again after a backoff doubling per attempt (up to an hour).
 * Derived work (the outbox, D1 writes) gets a row of its own, so it waits out the backoff too.
 */
export const failTimer = (sql: SqlStorage, timer: Timer, now: number): void => {
  const attempts = timer.attempts + 1
  if (timer.derived) setTimer(sql, { id: timer.id, kind: timer.kind, dueAt: now }, true)
  sql.exec(
    'UPDATE timers SET attempts = ?, due_at = ? WHERE id = ?',
    attempts,
    now + Math.min(2 ** attempts * 1000, 3600_000),
    timer.id
  )
}

/** Removes a timer (no-op when absent). */
export const clearTimer = (sql: SqlStorage, id: string): void => {
  // Looks first: a DELETE that matches nothing still runs as a write, at twice a read's CPU here.
  if (sql.exec('SELECT 1 FROM timers WHERE id = ?', id).toArray().length > 0)
    sql.exec('DELETE FROM timers WHERE id = ?', id)
}

const timerRows = (sql: SqlStorage, where: string, ...bindings: unknown[]): Timer[] =>
  sql
    .exec<{ id: string; kind: string; due_at: number; payload: string | null; attempts: number }>(
      `SELECT id, kind, due_at, payload, attempts FROM timers ${where}`,
      ...bindings
    )
    .toArray()
    .map((r) => ({
      id: r.id,
      kind: r.kind as TimerKind,
      dueAt: r.due_at,
      payload: r.payload,
      attempts: r.attempts,
    }))

/** Pure: `work` in the order the timers run (due time, then id). */
const inOrder = (work: Timer[]): Timer[] =>
  work.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

// The outbox needs no timer row of its own (two billed writes per reply, set and cleared): a
// queued reply waits in the state row (see queued-replies.ts) and is due from when it was queued.
// A failed send writes the reply's row as still queued and holds the queue with an `outbox` timer
// row until the retry; rows are only ever queued while that timer exists (the migration to this
// layout gave older objects' queued rows one), so due times never scan the transcript.
/**
 * All of the object's work, earliest first: its timer rows (a handful), the outbox when replies
 * wait to be sent and no `outbox` row holds the queue, and the case archive, index and report
 * rows when the state row owes them and no row of theirs (a retry) is set. One statement.
 */
export const allWork = (sql: SqlStorage): Timer[] => {
  const timers = timerRows(sql, 'ORDER BY due_at, id')
  const derived = (id: 'outbox' | 'case' | 'index' | 'report', dueAt: number): Timer => ({
    id,
    kind: id,
    dueAt,
    payload: null,
    attempts: 0,
    derived: true,
  })
  const extra: Timer[] = []
  if (!timers.some((t) => t.id === 'outbox')) {
    const queued = pendingReplies(sql)[0]?.at
    if (queued !== undefined) extra.push(derived('outbox', queued))
  }
  for (const work of ['case', 'index', 'report'] as const) {
    if (timers.some((t) => t.id === work)) continue
    const at = owedAt(sql, work)
    if (at !== null) extra.push(derived(work, at))
  }
  return extra.length === 0 ? timers : inOrder([...timers, ...extra])
}

/**
 * Keeps the single alarm at the earliest work (a timer, or a queued reply; never before
 * `notBefore`), or removes it when none is left. `work`: what {@link allWork} just read.
 */
export const armAlarm = async (
  storage: DurableObjectStorage,
  notBefore = 0,
  work: readonly Timer[] = allWork(storage.sql)
): Promise<void> => {
  const due = work[0]?.dueAt ?? null
  // The runtime keeps the alarm in memory: reading it is cheap, and an alarm that just fired is
  // no longer set, so the common case (nothing left after the replies went out) calls nothing.
  const current = await storage.getAlarm()
  if (due === null) {
    if (current !== null) await storage.deleteAlarm()
    return
  }
  const at = Math.max(due, notBefore)
  if (current !== at) await storage.setAlarm(at)
}
