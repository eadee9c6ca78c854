/** One day in milliseconds. */
export const DAY = 86_400_000

// Building a formatter is the expensive part: one per kind and time zone per isolate.
const FORMATS = {
  parts: {
    locale: 'en-US',
    options: {
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    },
  },
  day: { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit' } },
} satisfies Record<string, { locale: string; options: Intl.DateTimeFormatOptions }>

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterFor = (kind: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat => {
  const key = `${kind}|${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    const { locale, options } = FORMATS[kind]
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options })
    formatters.set(key, f)
  }
  return f
}

// Offsets change only at transitions, and every real zone's transitions fall on a quarter hour
// (UTC), so one lookup per zone and quarter hour serves every instant in it. `toUtc` is asked for
// the same shift boundaries over and over (every SLA and promise computation): memoised too.
// Both caches are bounded; the profile had this arithmetic at ~10% of a message's CPU.
const QUARTER_HOUR = 900_000
const CACHE_MAX = 4096
const offsets = new Map<string, number>()
const instants = new Map<string, number>()

const remember = (cache: Map<string, number>, key: string, value: number): number => {
  if (cache.size >= CACHE_MAX) cache.clear()
  cache.set(key, value)
  return value
}

/** Milliseconds to add to a UTC instant to get its local wall time (as if it were UTC). */
const offsetAt = (timeZone: string, utc: number): number => {
  const key = `${timeZone}|${Math.floor(utc / QUARTER_HOUR)}`
  return offsets.get(key) ?? remember(offsets, key, computeOffset(timeZone, utc))
}

const computeOffset = (timeZone: string, utc: number): number => {
  const seconds = utc - (((utc % 1000) + 1000) % 1000)
  const parts: Record<string, number> = {}
  for (const p of formatterFor('parts', timeZone).formatToParts(seconds)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0
  )
  return wall - seconds
}

/** Local wall time (ms as if UTC) of a UTC instant. */
export const toWall = (timeZone: string, utc: number): number => utc + offsetAt(timeZone, utc)

/** The local wall-clock time of an instant in `timeZone`, as a Date whose UTC fields read it. */
export const wallClock = (timeZone: string, utc: number): Date => new Date(toWall(timeZone, utc))

/**
 * The UTC instant of a local wall time. A time skipped by a spring-forward gap moves forward by
 * the gap; a time repeated by a fall-back takes its first occurrence.
 */
export const toUtc = (timeZone: string, wall: number): number => {
  const key = `${timeZone}|${wall}`
  return instants.get(key) ?? remember(instants, key, computeUtc(timeZone, wall))
}

const computeUtc = (timeZone: string, wall: number): number => {
  // The true instant is within 14h of `wall`, so these samples straddle any one transition.
  const before = offsetAt(timeZone, wall - DAY)
  const after = offsetAt(timeZone, wall + DAY)
  if (before === after) return wall - before
  const valid = [before, after].filter((o) => offsetAt(timeZone, wall - o) === o)
  if (valid.length > 0) return Math.min(...valid.map((o) => wall - o))
  return wall - before
}

/** The shop's local calendar date of `t` (YYYY-MM-DD), for once-a-day notices. */
export const localDay = (t: number, timeZone: string): string =>
  formatterFor('day', timeZone).format(t)
