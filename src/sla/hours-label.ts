import type { BusinessHours, Weekday } from './calendar'

const ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/**
 * Staffed hours as customers read them, from the first staffed weekday: overlapping shifts are
 * shown as one span ('09:00-17:30', '10:00-15:30', '17:00-23:30' -> '09:00-23:30').
 * @example staffedHoursLabel(DEFAULT_BUSINESS_HOURS) // '09:00-23:30'
 */
export const staffedHoursLabel = (calendar: BusinessHours): string | null => {
  const day = ORDER.map((d) => calendar.weekly[d]).find((intervals) => intervals.length > 0)
  if (!day) return null
  const spans = day
    .map((i) => [i.start, i.end] as [string, string])
    .sort((a, b) => a[0].localeCompare(b[0]))
  const merged: [string, string][] = []
  for (const [start, end] of spans) {
    const last = merged.at(-1)
    if (last && start <= last[1]) last[1] = end > last[1] ? end : last[1]
    else merged.push([start, end])
  }
  return merged.map(([a, b]) => `${a}-${b}`).join(', ')
}
