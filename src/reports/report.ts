import { z } from 'zod'
import { localDay } from '../sla/zone-time'
import { readShopSettings } from '../shop/settings'
import { readBusinessHours } from '../sla/settings-store'
import {
  addDays,
  breakdown,
  computeFigures,
  GROUP_BY,
  ordersIn,
  type Figures,
  type GroupBy,
} from './figures'
import { apiError } from '../api/errors'
import { MAX_REPORT_CASES, readFacts } from './store'
import { ticketsByCategory, type TicketCount } from './tickets'

/** Hours after a pre-sale conversation in which an order counts as converted, unless the shop sets its own. */
export const DEFAULT_CONVERSION_HOURS = 72

/** Longest range one report covers. */
export const MAX_REPORT_DAYS = 366

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-01')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date')

// A form sends an empty field for "any": the same as leaving it out.
const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** The query every report takes: local days (default: the last 7), filters, conversion window. */
export const reportQuery = z
  .object({
    from: blank(day),
    to: blank(day),
    channel: blank(z.string().trim().min(1).max(40)),
    agent: blank(z.string().trim().min(1).max(80)),
    intent: blank(z.string().trim().min(1).max(60)),
    conversionHours: blank(z.coerce.number().int().min(1).max(720)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    error: '`from` is after `to`',
    path: ['from'],
  })
  .refine(
    (q) =>
      !q.from ||
      !q.to ||
      Date.parse(q.to) - Date.parse(q.from) <= (MAX_REPORT_DAYS - 1) * 86_400_000,
    {
      error: `at most ${MAX_REPORT_DAYS} days`,
      path: ['to'],
    }
  )

/** A validated report query. */
export type ReportQuery = z.output<typeof reportQuery>

/** The breakdown's query: a report query plus the dimension. */
export const breakdownQuery = z.object({
  by: z.enum(GROUP_BY as [GroupBy, ...GroupBy[]]).default('day'),
  format: z.enum(['json', 'csv']).default('json'),
})

/** The range and settings a report was computed with. */
export interface ReportFrame {
  from: string
  to: string
  timeZone: string
  conversionWindowHours: number
  filters: { channel?: string; agent?: string; intent?: string }
}

const frameOf = async (kv: KVNamespace, q: ReportQuery, now: number): Promise<ReportFrame> => {
  const [{ timeZone }, shop] = await Promise.all([readBusinessHours(kv), readShopSettings(kv)])
  const to = q.to ?? localDay(now, timeZone)
  const from = q.from ?? addDays(to, -6)
  const filters = {
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.agent ? { agent: q.agent } : {}),
    ...(q.intent ? { intent: q.intent } : {}),
  }
  return {
    from,
    to,
    timeZone,
    conversionWindowHours:
      q.conversionHours ?? shop.conversionWindowHours ?? DEFAULT_CONVERSION_HOURS,
    filters,
  }
}

/** A report's rows, read once: the frame, the range's cases, the orders it needs, and the options. */
const loadReport = async (
  db: D1Database,
  kv: KVNamespace,
  q: ReportQuery,
  now: number,
  withTickets: boolean
) => {
  const frame = await frameOf(kv, q, now)
  // Orders a few days past the range still convert its last inquiries.
  const ordersTo = addDays(frame.to, Math.ceil(frame.conversionWindowHours / 24) + 1)
  const [{ cases, orders }, tickets] = await Promise.all([
    readFacts(db, { from: frame.from, to: frame.to, ...frame.filters }, ordersTo),
    withTickets ? ticketsByCategory(db, frame, frame.timeZone) : [],
  ])
  if (cases.length > MAX_REPORT_CASES) {
    throw apiError(
      400,
      'invalid_query',
      `more than ${MAX_REPORT_CASES} conversations in this range: choose a shorter one or a filter`
    )
  }
  const options = { conversionWindowMs: frame.conversionWindowHours * 3600_000 }
  // Orders have no agent or topic: filtered by those, their own figures don't apply.
  const own = frame.filters.agent || frame.filters.intent ? null : ordersIn(orders, frame)
  return {
    frame,
    cases,
    orders,
    tickets,
    options,
    figures: () => computeFigures(cases, orders, own, options),
  }
}

/** The figures of a range. */
export const summaryReport = async (
  db: D1Database,
  kv: KVNamespace,
  q: ReportQuery,
  now: number
): Promise<{ range: ReportFrame; figures: Figures; tickets: TicketCount[] }> => {
  const r = await loadReport(db, kv, q, now, true)
  return { range: r.frame, figures: r.figures(), tickets: r.tickets }
}

/** The figures of a range per day, channel, agent or intent. */
export const breakdownReport = async (
  db: D1Database,
  kv: KVNamespace,
  q: ReportQuery,
  by: GroupBy,
  now: number
): Promise<{ range: ReportFrame; by: GroupBy; groups: { key: string; figures: Figures }[] }> => {
  const r = await loadReport(db, kv, q, now, false)
  return { range: r.frame, by, groups: breakdown(r.cases, r.orders, by, r.frame, r.options) }
}

/** Everything the console's reports page shows: the figures, the days for the charts, and a breakdown. */
export const dashboardReport = async (
  db: D1Database,
  kv: KVNamespace,
  q: ReportQuery,
  by: GroupBy,
  now: number
): Promise<{
  range: ReportFrame
  figures: Figures
  days: { key: string; figures: Figures }[]
  groups: { key: string; figures: Figures }[]
  tickets: TicketCount[]
}> => {
  const r = await loadReport(db, kv, q, now, true)
  const days = breakdown(r.cases, r.orders, 'day', r.frame, r.options)
  const groups = by === 'day' ? days : breakdown(r.cases, r.orders, by, r.frame, r.options)
  return { range: r.frame, figures: r.figures(), days, groups, tickets: r.tickets }
}
