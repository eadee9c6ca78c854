import type { UiLocale } from './accounts'

/** Share of an SLA budget left under which a badge turns amber (the SLA warning, docs/service-rules.md). */
export const WARNING_SHARE = 0.2

/** SLA urgency of a deadline at a time. */
export type SlaTone = 'ok' | 'warn' | 'breach'

/** Pure: how urgent a deadline is, given when its clock started (null: unknown start, 5 min rule). */
export const slaTone = (dueAt: number, startedAt: number | null, now: number): SlaTone => {
  const left = dueAt - now
  if (left <= 0) return 'breach'
  const budget = startedAt !== null && dueAt > startedAt ? dueAt - startedAt : null
  return (budget !== null ? left < budget * WARNING_SHARE : left < 5 * 60_000) ? 'warn' : 'ok'
}

/** Pure: a duration in at most two units ("1h 20m", "45s", "2d 3h"), as Chatwoot's badge does. */
export const shortDuration = (ms: number): string => {
  const s = Math.floor(Math.abs(ms) / 1000)
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return h ? `${d}d ${h}h` : `${d}d`
  if (h > 0) return m ? `${h}h ${m}m` : `${h}h`
  if (m > 0) return `${m}m`
  return `${s % 60}s`
}

/** Pure: a time of day (and the date when not today) in the shop's zone, for the UI language. */
export const formatTime = (at: number, locale: UiLocale, timeZone: string, now: number): string => {
  const sameDay = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' })
  const today = sameDay.format(now) === sameDay.format(at)
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(today ? {} : { month: 'short', day: 'numeric' }),
  }).format(at)
}
