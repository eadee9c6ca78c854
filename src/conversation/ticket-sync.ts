import { categoryOf, ticketCategoriesDoc } from '../tickets/categories'
import { fillFields } from '../tickets/lifecycle'
import { ticketStore } from '../tickets/store'
import type { TicketEvent } from '../tickets/types'
import type { Shell } from './shell'
import { readState, writeState } from './state'
import { clearTimer } from './timers'

/**
 * Sends D1 what this conversation learned about its tickets: fields the customer gave, the
 * deadline's warning and breach, progress updates sent. A ticket changed meanwhile in D1 makes
 * the save fail and the timer retry, so nothing is overwritten or lost.
 */
export const syncTickets = async (shell: Shell): Promise<void> => {
  const state = readState(shell.sql)
  const pending = Object.values(state?.tickets ?? {}).filter((w) => w.sync !== null)
  const store = ticketStore(shell.env.DB)
  const done = new Map<string, string>()
  for (const watch of pending) {
    const sync = watch.sync
    const ticket = await store.get(watch.id)
    if (!ticket || !sync) {
      done.set(watch.id, JSON.stringify(sync))
      continue
    }
    const now = shell.now()
    let next = ticket
    const events: TicketEvent[] = []
    if (sync.given) {
      const category = categoryOf(await ticketCategoriesDoc.read(shell.env.CONFIG), ticket.category)
      if (category) {
        const filled = fillFields(next, category, sync.given, 'customer', now)
        next = filled.ticket
        events.push(...filled.events)
      }
    }
    const log = (at: number, actor: string, kind: TicketEvent['kind'], text: string) =>
      events.push({ ticketId: ticket.id, at, actor, kind, text })
    if (sync.warned && next.warnedAt === null) {
      next = { ...next, warnedAt: now }
      log(now, 'system', 'warned', 'most of the time to the deadline has passed')
    }
    if (sync.breached && next.breachedAt === null) {
      next = { ...next, breachedAt: now }
      log(now, 'system', 'breached', 'the deadline passed')
    }
    if (sync.progress) log(sync.progress, 'bot', 'progress', 'progress update sent to the customer')
    if (
      events.length > 0 &&
      !(await store.save(
        { ...next, updatedAt: Math.max(now, ticket.updatedAt + 1) },
        events,
        ticket.updatedAt
      ))
    ) {
      throw new Error(`ticket ${ticket.id} changed while syncing; retrying`)
    }
    done.set(watch.id, JSON.stringify(sync))
  }
  // Only what was sent is cleared: fields the customer gave meanwhile wait for the next run.
  const latest = readState(shell.sql)
  if (latest) {
    const tickets = Object.fromEntries(
      Object.entries(latest.tickets).map(([id, w]) => [
        id,
        done.get(id) === JSON.stringify(w.sync) ? { ...w, sync: null } : w,
      ])
    )
    writeState(shell.sql, { ...latest, tickets })
  }
  clearTimer(shell.sql, 'ticket-sync')
}
