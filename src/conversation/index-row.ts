import { publishToInbox } from '../inbox/publish'
import { nextDue } from '../sla/engine'
import { writeSummary } from '../tables/conversations'
import type { Shell } from './shell'
import { markWritten, readState } from './state'
import { searchTextOf, summarize } from './summary'
import { clearTimer, setTimer } from './timers'
import { pendingReplies, queuedMessage } from './queued-replies'
import type { TranscriptMessage } from './types'

// What each object last wrote to its index row. An unchanged summary (a delivery receipt, a
// retried job) costs no D1 row and wakes no console tab; after an eviction the first write runs
// anyway, which is only one row more.
const lastWritten = new WeakMap<SqlStorage, string>()

/** Messages the summary reads (the newest, by id; queued replies too). */
const RECENT = 30

/**
 * The newest messages' direction, text and time, and how many failed: one statement with only
 * the columns the summary reads (the whole rows with their buttons parsed were most of the cost).
 */
const recentLines = (
  sql: SqlStorage
): { recent: Pick<TranscriptMessage, 'direction' | 'text' | 'at'>[]; failed: number } => {
  const rows = sql
    .exec<{ seq: number; direction: 'in' | 'out'; text: string; at: number; failed: number }>(
      `SELECT seq, direction, text, at,
         (SELECT COUNT(*) FROM messages WHERE status = 'failed') AS failed
       FROM messages WHERE kind != 'edit' ORDER BY seq DESC LIMIT ?`,
      RECENT
    )
    .toArray()
  const queued = pendingReplies(sql).map((entry) => ({ seq: entry.seq, ...queuedMessage(entry) }))
  const recent = [...rows, ...queued]
    .sort((a, b) => a.seq - b.seq)
    .slice(-RECENT)
    .map(({ direction, text, at }) => ({ direction, text, at }))
  return { recent, failed: rows[0]?.failed ?? 0 }
}

/**
 * Writes the conversation's summary row to the D1 index (after its state committed), when it
 * changed, and clears the `index` timer unless `keepTimer` (there is none, or one still pending
 * runs later and finds the row current, which costs nothing).
 */
export const writeIndex = async (shell: Shell, keepTimer = false): Promise<void> => {
  const state = readState(shell.sql)
  if (state) {
    const { recent, failed } = recentLines(shell.sql)
    const search = searchTextOf(
      state,
      recent.filter((m) => m.direction === 'in')
    )
    const summary = summarize(state, recent.at(-1), failed, nextDue(state.sla), search)
    const text = JSON.stringify(summary)
    if (lastWritten.get(shell.sql) !== text) {
      await writeSummary(shell.env.DB, summary)
      lastWritten.set(shell.sql, text)
      await publishToInbox(shell.env, summary)
    }
    markWritten(state, 'index')
  }
  if (!keepTimer) clearTimer(shell.sql, 'index')
}

/**
 * Writes the index row right away from the alarm that just changed the transcript, instead of
 * through a timer row of its own (timer rows are billed writes); a D1 failure falls back to the
 * timer, which retries.
 */
export const indexNow = async (shell: Shell): Promise<void> => {
  try {
    // No look for an `index` timer on every send: one still pending finds the row current.
    await writeIndex(shell, true)
  } catch (err) {
    console.error('index write failed; retrying through a timer', err)
    setTimer(shell.sql, { id: 'index', kind: 'index', dueAt: shell.now() })
  }
}
