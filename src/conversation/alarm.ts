import type { TargetKind } from '../sla/policy'
import { serveSlaTimer } from './commands'
import { serveReminder, serveShippingNotice } from './order-steps'
import { writeCase } from './case-archive'
import { writeIndex } from './index-row'
import { deliverNotification } from './notifications'
import { drainOutbox } from './outbox'
import { acknowledgeAction, collectMedia, openFlowTicket, serveTimer, type JobHost } from './jobs'
import { writeReportRows } from './report-rows'
import { serveTicketTimer } from './ticket-steps'
import { syncTickets } from './ticket-sync'
import { allWork, failTimer, type Timer } from './timers'

/** Rounds of due timers one alarm runs before it re-arms (timers can make other timers due). */
const MAX_ALARM_ROUNDS = 8

/** Runs one timer's job; a throw means "retry later". */
const runTimer = async (host: JobHost, timer: Timer): Promise<void> => {
  switch (timer.kind) {
    case 'outbox':
      return drainOutbox(host, timer.derived !== true)
    case 'ack':
      return acknowledgeAction(host, timer)
    case 'index':
      // Derived from the state row, the work has no timer row to clear.
      return writeIndex(host, timer.derived === true)
    case 'case':
      return writeCase(host, timer.derived === true)
    case 'report':
      return writeReportRows(host, timer.derived === true)
    case 'ticket':
      return serveTimer(host, timer, (s, w) => serveTicketTimer(s, timer.payload ?? '', w))
    case 'ticket-sync':
      return syncTickets(host)
    case 'media':
      return collectMedia(host, timer)
    case 'ticket-open':
      return openFlowTicket(host, timer)
    case 'notify':
      return deliverNotification(host, timer)
    case 'sla':
      return serveTimer(host, timer, (s, w) => serveSlaTimer(s, timer.payload as TargetKind, w))
    case 'reminder':
      return serveTimer(host, timer, (s, w) => {
        const payload = timer.payload ?? ''
        return payload.startsWith('ship:')
          ? serveShippingNotice(s, payload.slice('ship:'.length), w)
          : serveReminder(s, payload, w)
      })
  }
}

/**
 * Runs every due timer, including ones that running timers make due (an index write after a
 * send); each handler re-checks its condition, so a repeated alarm is harmless. A failed timer
 * is retried with backoff. Returns the work left (not due yet), as last read.
 */
export const runDueWork = async (host: JobHost): Promise<readonly Timer[] | undefined> => {
  for (let round = 0; round < MAX_ALARM_ROUNDS; round++) {
    const work = allWork(host.sql)
    const now = host.now()
    const due = work.filter((t) => t.dueAt <= now)
    // Nothing due: what is left is what the alarm is armed for.
    if (due.length === 0) return work
    for (const timer of due) {
      try {
        await runTimer(host, timer)
      } catch (err) {
        console.error('timer failed', timer.id, err)
        failTimer(host.sql, timer, host.now())
      }
    }
  }
  return undefined
}
