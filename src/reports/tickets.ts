import { localDay } from '../sla/zone-time'
import { addDays } from './figures'

/** Work orders of one category opened in a range: how many, closed, past their deadline. */
export interface TicketCount {
  category: string
  opened: number
  closed: number
  breached: number
}

/** Pure: tickets opened on the range's local days, counted by category (busiest first). */
export const countTickets = (
  rows: readonly {
    category: string
    created_at: number
    closed_at: number | null
    breached_at: number | null
    status: string
  }[],
  range: { from: string; to: string },
  timeZone: string
): TicketCount[] => {
  const counts = new Map<string, TicketCount>()
  for (const r of rows) {
    const day = localDay(r.created_at, timeZone)
    if (day < range.from || day > range.to || r.status === 'merged') continue
    const c = counts.get(r.category) ?? { category: r.category, opened: 0, closed: 0, breached: 0 }
    c.opened++
    if (r.closed_at !== null) c.closed++
    if (r.breached_at !== null) c.breached++
    counts.set(r.category, c)
  }
  return [...counts.values()].sort(
    (a, b) => b.opened - a.opened || a.category.localeCompare(b.category)
  )
}

/** Tickets by category for a range of local days (read with a day's margin, then cut by local day). */
export const ticketsByCategory = async (
  db: D1Database,
  range: { from: string; to: string },
  timeZone: string
): Promise<TicketCount[]> => {
  const start = Date.parse(`${addDays(range.from, -1)}T00:00:00Z`)
  const end = Date.parse(`${addDays(range.to, 2)}T00:00:00Z`)
  const { results } = await db
    .prepare(
      'SELECT category, created_at, closed_at, breached_at, status FROM tickets WHERE created_at >= ? AND created_at < ?'
    )
    .bind(start, end)
    .all<{
      category: string
      created_at: number
      closed_at: number | null
      breached_at: number | null
      status: string
    }>()
  return countTickets(results, range, timeZone)
}
