import { z } from 'zod'

/** `HH:MM` from 00:00 to 23:59, or `24:00` (end of day). */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

/** Limits of a business-hours document. */
export const BUSINESS_HOURS_LIMITS = { intervalsPerDay: 8, dates: 366, name: 100 } as const

const isTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

const isRealDate = (date: string): boolean => {
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

const time = z.string().regex(TIME_PATTERN, 'must be HH:MM (00:00-23:59) or 24:00')
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine(isRealDate, 'must be a real calendar date')
const name = z.string().min(1).max(BUSINESS_HOURS_LIMITS.name).optional()

const interval = z
  .strictObject({ start: time, end: time })
  .refine((i) => i.start !== '24:00', { error: 'start must be before 24:00', path: ['start'] })
  .refine((i) => i.start !== i.end, { error: 'end must differ from start', path: ['end'] })
const { intervalsPerDay } = BUSINESS_HOURS_LIMITS
const intervals = z.array(interval).max(intervalsPerDay, `at most ${intervalsPerDay} intervals`)
const day = intervals.default([])

const shape = {
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai'),
  weekly: z.strictObject({
    mon: day,
    tue: day,
    wed: day,
    thu: day,
    fri: day,
    sat: day,
    sun: day,
  }),
  holidays: z.array(z.strictObject({ date, name })).max(BUSINESS_HOURS_LIMITS.dates).default([]),
  special: z
    .array(z.strictObject({ date, intervals, name }))
    .max(BUSINESS_HOURS_LIMITS.dates)
    .default([]),
}

type Dated = { holidays: { date: string }[]; special: { date: string }[] }
type Issue = { code: 'custom'; message: string; path: (string | number)[] }
type Ctx = { addIssue: (issue: Issue) => void }

// A date listed twice (or as both holiday and special day) has no single meaning.
const uniqueDates = (doc: Dated, ctx: Ctx) => {
  const seen = new Map<string, string>()
  for (const list of ['holidays', 'special'] as const) {
    doc[list].forEach((entry, i) => {
      const first = seen.get(entry.date)
      if (first) {
        ctx.addIssue({
          code: 'custom',
          message: `date ${entry.date} already listed at ${first}`,
          path: [list, i, 'date'],
        })
      } else seen.set(entry.date, `${list}.${i}`)
    })
  }
}

/** A business-hours document (see `BusinessHours`); missing weekdays, holidays, special: none. */
export const businessHoursSchema = z.strictObject(shape).superRefine(uniqueDates)

/** The `PUT` body: a document; the read-only `openNow` and `nextOpening` of a GET are ignored. */
export const businessHoursPutSchema = businessHoursSchema.extend({
  openNow: z.unknown().optional(),
  nextOpening: z.unknown().optional(),
})
