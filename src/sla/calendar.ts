import { DAY, toUtc, toWall } from './zone-time'

/** Day-of-week keys of a weekly schedule. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

/** Local wall-clock `HH:MM` span; `end` may be `24:00`; `end < start` runs past midnight. */
export interface Interval {
  start: string
  end: string
}

/**
 * Staffed hours: a weekly schedule in one IANA zone. A holiday closes its whole local day (even a
 * shift running into it from the evening before); a special day replaces the intervals that start
 * on that date (empty = none start).
 */
export interface BusinessHours {
  timeZone: string
  weekly: Record<Weekday, Interval[]>
  holidays: { date: string; name?: string }[]
  special: { date: string; intervals: Interval[]; name?: string }[]
}

/** A half-open UTC span `[start, end)` in ms epoch. */
export interface Stretch {
  start: number
  end: number
}

/** Weekdays in `Date#getUTCDay` order (Sunday first). */
export const WEEKDAYS = [
  'sun',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
] as const satisfies readonly Weekday[]

const SHIFTS: Interval[] = [
  { start: '09:00', end: '17:30' },
  { start: '10:00', end: '15:30' },
  { start: '17:00', end: '23:30' },
]

/** The shop's staffed hours: the three shifts every day, Shanghai time. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: {
    mon: SHIFTS,
    tue: SHIFTS,
    wed: SHIFTS,
    thu: SHIFTS,
    fri: SHIFTS,
    sat: SHIFTS,
    sun: SHIFTS,
  },
  holidays: [],
  special: [],
}

const MINUTE = 60_000
// Searches give up after this long: a calendar with no opening in a year is treated as never open.
const HORIZON = 366 * DAY
const WINDOW = 7 * DAY
// UTC offsets lie within -12h..+14h; a day's wall-clock span can only touch UTC within this margin.
const MAX_OFFSET = 15 * 3_600_000

interface Compiled {
  timeZone: string
  weekly: Record<Weekday, [number, number][]>
  holidays: Set<number>
  special: Map<number, [number, number][]>
}

const minutes = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':')
  return Number(h) * 60 + Number(m)
}

/** Interval as minutes from the local midnight of its day; `end` past 1440 means next day. */
const spanOf = ({ start, end }: Interval): [number, number] | null => {
  const s = minutes(start)
  let e = minutes(end)
  if (e === s) return null
  if (e < s) e += 1440
  return [s, e]
}

const spans = (intervals: readonly Interval[]): [number, number][] =>
  intervals.map(spanOf).filter((x): x is [number, number] => x !== null)

/** Epoch day number of a `YYYY-MM-DD` date. */
const dayNumber = (date: string): number => {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return Math.floor(Date.UTC(y, m - 1, d) / DAY)
}

const compiledCache = new WeakMap<BusinessHours, Compiled>()

const compile = (cal: BusinessHours): Compiled => {
  let c = compiledCache.get(cal)
  if (!c) {
    const weekly = {} as Record<Weekday, [number, number][]>
    for (const day of WEEKDAYS) weekly[day] = spans(cal.weekly[day])
    c = {
      timeZone: cal.timeZone,
      weekly,
      holidays: new Set(cal.holidays.map((h) => dayNumber(h.date))),
      special: new Map(cal.special.map((s) => [dayNumber(s.date), spans(s.intervals)])),
    }
    compiledCache.set(cal, c)
  }
  return c
}

/** Wall-clock spans `[start, end)` (ms as if UTC) opening on one local day, holidays cut out. */
const wallSpansOfDay = (c: Compiled, day: number): [number, number][] => {
  if (c.holidays.has(day)) return []
  const weekday = WEEKDAYS[(((day + 4) % 7) + 7) % 7] ?? 'sun'
  const own = c.special.get(day) ?? c.weekly[weekday]
  const out: [number, number][] = []
  const midnight = day * DAY
  for (const [s, e] of own) {
    let start = midnight + s * MINUTE
    const end = midnight + e * MINUTE
    // A shift that runs past midnight closes at the start of a following holiday.
    while (start < end) {
      const d = Math.floor(start / DAY)
      const dayEnd = Math.min(end, (d + 1) * DAY)
      if (!c.holidays.has(d)) {
        const last = out[out.length - 1]
        if (last && last[1] === start) last[1] = dayEnd
        else out.push([start, dayEnd])
      }
      start = dayEnd
    }
  }
  return out
}

/** Merged open stretches overlapping `[from, to)`, unclipped (they may extend past either end). */
const rawStretches = (c: Compiled, from: number, to: number): Stretch[] => {
  const firstDay = Math.floor(toWall(c.timeZone, from) / DAY) - 1
  const all: Stretch[] = []
  for (let day = firstDay; day * DAY - MAX_OFFSET < to; day++) {
    for (const [ws, we] of wallSpansOfDay(c, day)) {
      const start = toUtc(c.timeZone, ws)
      const end = toUtc(c.timeZone, we)
      if (end > start) all.push({ start, end })
    }
  }
  all.sort((a, b) => a.start - b.start)
  const merged: Stretch[] = []
  for (const s of all) {
    const last = merged[merged.length - 1]
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end)
    else merged.push({ ...s })
  }
  return merged.filter((s) => s.end > from && s.start < to)
}

/** Merged open periods within `[from, to)`, clipped to it, in order. */
export const openStretches = (cal: BusinessHours, from: number, to: number): Stretch[] => {
  if (!(to > from)) return []
  return rawStretches(compile(cal), from, to).map((s) => ({
    start: Math.max(s.start, from),
    end: Math.min(s.end, to),
  }))
}

/** Whether the calendar is open at instant `t`. */
export const isOpen = (cal: BusinessHours, t: number): boolean =>
  rawStretches(compile(cal), t, t + 1).some((s) => s.start <= t && t < s.end)

/** `t` when open, else the next opening within a year; null when none. */
export const nextOpening = (cal: BusinessHours, t: number): number | null => {
  const c = compile(cal)
  for (let from = t; from < t + HORIZON; from += WINDOW) {
    const first = rawStretches(c, from, from + WINDOW)[0]
    if (first) return Math.max(first.start, t)
  }
  return null
}

/**
 * End of the open stretch containing `t` (merged across shifts and midnight); `t` itself when
 * closed; null when it stays open for over a year.
 */
export const nextClosing = (cal: BusinessHours, t: number): number | null => {
  const c = compile(cal)
  let end = t
  while (end < t + HORIZON) {
    const first = rawStretches(c, end, end + WINDOW)[0]
    if (!first || first.start > end) return end
    end = first.end
  }
  return null
}

/** `t` plus `ms` of open time; a calendar never open in a year adds wall time instead. */
export const addBusinessTime = (cal: BusinessHours, t: number, ms: number): number => {
  if (!(ms > 0)) return t
  const c = compile(cal)
  let remaining = ms
  let cursor = t
  let lastOpen = t
  while (cursor < lastOpen + HORIZON) {
    for (const s of rawStretches(c, cursor, cursor + WINDOW)) {
      const start = Math.max(s.start, cursor)
      const end = Math.min(s.end, cursor + WINDOW)
      if (remaining <= end - start) return start + remaining
      remaining -= end - start
      lastOpen = end
    }
    cursor += WINDOW
  }
  return lastOpen + remaining
}

/** Open milliseconds in `[a, b)`; 0 when `b <= a`. */
export const businessTimeBetween = (cal: BusinessHours, a: number, b: number): number =>
  openStretches(cal, a, b).reduce((sum, s) => sum + (s.end - s.start), 0)
