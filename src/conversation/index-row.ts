import { publishToInbox } from '../inbox/publish'
import { nextDue } from '../sla/engine'
import { writeSummary } from '../tables/conversations'
import type { Shell } from './shell'
import { readState } from './state'
import { searchTextOf, summarize } from './summary'
import { clearTimer, setTimer } from './timers'
import { listMessages } from './transcript'

// What each object last wrote to its index row. An unchanged summary (a delivery receipt, a
// retried job) costs no D1 row and wakes no console tab; after an eviction the first write runs
// anyway, which is only one row more.
const lastWritten = new WeakMap<SqlStorage, string>()

/** Writes the conversation's summary row to the D1 index (after its state committed), when it changed. */
export const writeIndex = async (shell: Shell): Promise<void> => {
  const state = readState(shell.sql)
  if (state) {
    const recent = listMessages(shell.sql, { limit: 30 }).messages
    const last = recent.at(-1)
    const failed =
      shell.sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE status = 'failed'")
        .toArray()[0]?.n ?? 0
    const search = searchTextOf(
      state,
      recent.filter((m) => m.direction === 'in')
    )
    const summary = summarize(state, last, failed, nextDue(state.sla), search)
    const text = JSON.stringify(summary)
    if (lastWritten.get(shell.sql) !== text) {
      await writeSummary(shell.env.DB, summary)
      lastWritten.set(shell.sql, text)
      await publishToInbox(shell.env, summary)
    }
  }
  clearTimer(shell.sql, 'index')
}

/**
 * Writes the index row right away from the alarm that just changed the transcript, instead of
 * through a timer row of its own (timer rows are billed writes); a D1 failure falls back to the
 * timer, which retries.
 */
export const indexNow = async (shell: Shell): Promise<void> => {
  try {
    await writeIndex(shell)
  } catch (err) {
    console.error('index write failed; retrying through a timer', err)
    setTimer(shell.sql, { id: 'index', kind: 'index', dueAt: shell.now() })
  }
}
