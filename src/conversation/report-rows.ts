import { caseFactsOf, orderFactsOf } from '../reports/facts'
import { writeFacts } from '../reports/store'
import { readBusinessHours } from '../sla/settings-store'
import type { Shell } from './shell'
import { localDay } from '../sla/zone-time'
import { markWritten, readState } from './state'
import { clearTimer } from './timers'
import { listMessages } from './transcript'

/** Messages of a case the report rows look at (the newest); a case is rarely longer. */
const CASE_MESSAGES = 400

/**
 * Writes this conversation's report rows (its current case and its orders) to D1; idempotent.
 * `keepTimer`: the work was derived from the state row, so there is no `report` timer to clear.
 */
export const writeReportRows = async (shell: Shell, keepTimer = false): Promise<void> => {
  const state = readState(shell.sql)
  if (state) {
    const { timeZone } = await readBusinessHours(shell.env.CONFIG)
    const day = (t: number) => localDay(t, timeZone)
    const now = shell.now()
    const messages = state.case ? listMessages(shell.sql, { limit: CASE_MESSAGES }).messages : []
    await writeFacts(
      shell.env.DB,
      caseFactsOf(state, messages, day, now),
      orderFactsOf(state, day, now)
    )
    markWritten(state, 'report')
  }
  if (!keepTimer) clearTimer(shell.sql, 'report')
}
