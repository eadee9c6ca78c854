import { describe, expect, it } from 'vitest'
import { closedWeek } from '../../test/support/hours'
import {
  DEFAULT_BUSINESS_HOURS,
  addBusinessTime,
  businessTimeBetween,
  isOpen,
  nextClosing,
  nextOpening,
  openStretches,
  type BusinessHours,
  type Interval,
  type Weekday,
} from './calendar'
import { formatOpening } from './opening-label'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A Shanghai (UTC+8, no DST) wall time as ms epoch. */
const sh = (local: string) => Date.parse(`${local}+08:00`)
const utc = (iso: string) => Date.parse(`${iso}Z`)
/** `addBusinessTime` from a Shanghai wall time. */
const addSh = (cal: BusinessHours, local: string, ms: number) => addBusinessTime(cal, sh(local), ms)
/** `businessTimeBetween` two UTC ISO times. */
const betweenUtc = (cal: BusinessHours, a: string, b: string) =>
  businessTimeBetween(cal, utc(a), utc(b))

const calendar = (
  timeZone: string,
  weekly: Partial<Record<Weekday, Interval[]>>,
  extra: Partial<Pick<BusinessHours, 'holidays' | 'special'>> = {}
): BusinessHours => ({
  timeZone,
  weekly: { ...closedWeek(), ...weekly },
  holidays: extra.holidays ?? [],
  special: extra.special ?? [],
})

const nineToFive = [{ start: '09:00', end: '17:00' }]
const weekdays = (timeZone: string, intervals: Interval[] = nineToFive) =>
  calendar(timeZone, {
    mon: intervals,
    tue: intervals,
    wed: intervals,
    thu: intervals,
    fri: intervals,
  })

/** mulberry32: a tiny deterministic PRNG, so samples are the same on every run. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296
}

describe('default calendar (09:00-23:30 Shanghai, three shifts)', () => {
  const cal = DEFAULT_BUSINESS_HOURS

  it('has the three shifts every day, no holidays', () => {
    expect(cal.timeZone).toBe('Asia/Shanghai')
    for (const day of Object.values(cal.weekly)) {
      expect(day).toEqual([
        { start: '09:00', end: '17:30' },
        { start: '10:00', end: '15:30' },
        { start: '17:00', end: '23:30' },
      ])
    }
    expect(cal.holidays).toEqual([])
    expect(cal.special).toEqual([])
  })

  it('is open from 09:00 through 23:29 and closed at 23:30 and 08:59', () => {
    expect(isOpen(cal, sh('2026-03-10T09:00:00'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-10T17:15:00'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-10T23:29:00'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-10T23:29:59.999'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-10T23:30:00'))).toBe(false)
    expect(isOpen(cal, sh('2026-03-10T08:59:00'))).toBe(false)
    expect(isOpen(cal, sh('2026-03-10T08:59:59.999'))).toBe(false)
    expect(isOpen(cal, sh('2026-03-10T03:00:00'))).toBe(false)
  })

  it('opens next at 09:00 the following day from 23:45', () => {
    expect(nextOpening(cal, sh('2026-03-10T23:45:00'))).toBe(sh('2026-03-11T09:00:00'))
    expect(nextOpening(cal, sh('2026-03-11T00:10:00'))).toBe(sh('2026-03-11T09:00:00'))
    expect(nextOpening(cal, sh('2026-03-11T08:59:00'))).toBe(sh('2026-03-11T09:00:00'))
  })

  it('returns t itself from nextOpening when open', () => {
    const t = sh('2026-03-10T12:34:56.789')
    expect(nextOpening(cal, t)).toBe(t)
  })

  it('merges the overlapping shifts into one stretch closing at 23:30', () => {
    expect(nextClosing(cal, sh('2026-03-10T09:00:00'))).toBe(sh('2026-03-10T23:30:00'))
    expect(nextClosing(cal, sh('2026-03-10T16:00:00'))).toBe(sh('2026-03-10T23:30:00'))
    expect(openStretches(cal, sh('2026-03-10T00:00:00'), sh('2026-03-11T00:00:00'))).toEqual([
      { start: sh('2026-03-10T09:00:00'), end: sh('2026-03-10T23:30:00') },
    ])
  })

  it('returns t from nextClosing when already closed', () => {
    const t = sh('2026-03-10T23:45:00')
    expect(nextClosing(cal, t)).toBe(t)
  })

  it('counts 14.5 business hours a day', () => {
    expect(businessTimeBetween(cal, sh('2026-03-10T00:00:00'), sh('2026-03-11T00:00:00'))).toBe(
      14.5 * HOUR
    )
    expect(businessTimeBetween(cal, sh('2026-03-09T00:00:00'), sh('2026-03-16T00:00:00'))).toBe(
      7 * 14.5 * HOUR
    )
  })

  it('carries business time overnight', () => {
    expect(addSh(cal, '2026-03-10T23:00:00', HOUR)).toBe(sh('2026-03-11T09:30:00'))
    expect(addBusinessTime(cal, sh('2026-03-10T23:45:00'), 30 * 60_000)).toBe(
      sh('2026-03-11T09:30:00')
    )
    expect(addSh(cal, '2026-03-10T09:00:00', 0)).toBe(sh('2026-03-10T09:00:00'))
  })
})

describe('intervals past midnight', () => {
  const cal = calendar('Asia/Shanghai', { mon: [{ start: '22:00', end: '02:00' }] })

  it('is open at 01:00 the next day and closes at 02:00', () => {
    expect(isOpen(cal, sh('2026-03-09T21:59:00'))).toBe(false)
    expect(isOpen(cal, sh('2026-03-09T22:00:00'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-10T01:00:00'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-10T02:00:00'))).toBe(false)
    expect(nextClosing(cal, sh('2026-03-09T23:00:00'))).toBe(sh('2026-03-10T02:00:00'))
    expect(nextOpening(cal, sh('2026-03-10T02:00:00'))).toBe(sh('2026-03-16T22:00:00'))
  })

  it('merges adjacent intervals across midnight into one stretch', () => {
    const joined = calendar('Asia/Shanghai', {
      mon: [{ start: '18:00', end: '24:00' }],
      tue: [{ start: '00:00', end: '03:00' }],
    })
    expect(nextClosing(joined, sh('2026-03-09T20:00:00'))).toBe(sh('2026-03-10T03:00:00'))
    expect(openStretches(joined, sh('2026-03-09T00:00:00'), sh('2026-03-11T00:00:00'))).toEqual([
      { start: sh('2026-03-09T18:00:00'), end: sh('2026-03-10T03:00:00') },
    ])
  })

  it('merges a past-midnight interval with an overlapping one of the next day', () => {
    const overlap = calendar('Asia/Shanghai', {
      mon: [{ start: '20:00', end: '04:00' }],
      tue: [{ start: '01:00', end: '06:00' }],
    })
    expect(nextClosing(overlap, sh('2026-03-09T21:00:00'))).toBe(sh('2026-03-10T06:00:00'))
    expect(businessTimeBetween(overlap, sh('2026-03-09T00:00:00'), sh('2026-03-11T00:00:00'))).toBe(
      10 * HOUR
    )
  })

  it('treats 00:00-24:00 every day as always open: nextClosing is null', () => {
    const allDay = [{ start: '00:00', end: '24:00' }]
    const always = calendar('Europe/London', {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    })
    const t = utc('2026-03-28T12:00:00')
    expect(isOpen(always, t)).toBe(true)
    expect(nextClosing(always, t)).toBeNull()
    // The short spring-forward day (2026-03-29) joins its neighbours: no gap, no lost time.
    expect(businessTimeBetween(always, t, t + 7 * DAY)).toBe(7 * DAY)
    expect(addBusinessTime(always, t, 5 * DAY)).toBe(t + 5 * DAY)
  })
})

describe('weekends', () => {
  const cal = weekdays('Asia/Shanghai')

  it('skips the weekend: Friday 18:00 + 2 business hours = Monday 11:00', () => {
    expect(addSh(cal, '2026-03-13T18:00:00', 2 * HOUR)).toBe(sh('2026-03-16T11:00:00'))
    expect(addSh(cal, '2026-03-13T16:00:00', 2 * HOUR)).toBe(sh('2026-03-16T10:00:00'))
    expect(addSh(cal, '2026-03-14T12:00:00', 8 * HOUR)).toBe(sh('2026-03-16T17:00:00'))
  })

  it('is closed on Saturday and opens Monday 09:00', () => {
    expect(isOpen(cal, sh('2026-03-14T12:00:00'))).toBe(false)
    expect(nextOpening(cal, sh('2026-03-13T17:00:00'))).toBe(sh('2026-03-16T09:00:00'))
  })

  it('counts 40 business hours a week', () => {
    expect(businessTimeBetween(cal, sh('2026-03-09T00:00:00'), sh('2026-03-16T00:00:00'))).toBe(
      40 * HOUR
    )
    expect(businessTimeBetween(cal, sh('2026-03-13T16:00:00'), sh('2026-03-16T10:00:00'))).toBe(
      2 * HOUR
    )
  })

  it('counts nothing for an empty or reversed range', () => {
    const t = sh('2026-03-10T12:00:00')
    expect(businessTimeBetween(cal, t, t)).toBe(0)
    expect(businessTimeBetween(cal, t, t - HOUR)).toBe(0)
    expect(openStretches(cal, t, t - HOUR)).toEqual([])
  })
})

describe('holidays and special days', () => {
  it('skips a holiday on a Wednesday', () => {
    const cal = calendar('Asia/Shanghai', weekdays('Asia/Shanghai').weekly, {
      holidays: [{ date: '2026-03-11', name: 'Shop anniversary' }],
    })
    expect(isOpen(cal, sh('2026-03-11T12:00:00'))).toBe(false)
    expect(nextOpening(cal, sh('2026-03-10T18:00:00'))).toBe(sh('2026-03-12T09:00:00'))
    expect(addSh(cal, '2026-03-10T16:00:00', 2 * HOUR)).toBe(sh('2026-03-12T10:00:00'))
    expect(businessTimeBetween(cal, sh('2026-03-09T00:00:00'), sh('2026-03-16T00:00:00'))).toBe(
      32 * HOUR
    )
  })

  it('closes the whole local day, even a shift running into it from the evening before', () => {
    const late = [{ start: '22:00', end: '02:00' }]
    const cal = calendar(
      'Asia/Shanghai',
      { tue: late, wed: late },
      { holidays: [{ date: '2026-03-11' }] }
    )
    expect(isOpen(cal, sh('2026-03-10T23:00:00'))).toBe(true)
    expect(nextClosing(cal, sh('2026-03-10T23:00:00'))).toBe(sh('2026-03-11T00:00:00'))
    expect(isOpen(cal, sh('2026-03-11T01:00:00'))).toBe(false)
    expect(isOpen(cal, sh('2026-03-11T23:00:00'))).toBe(false)
    expect(isOpen(cal, sh('2026-03-12T01:00:00'))).toBe(false)
  })

  it("uses a special day's shorter hours instead of the weekly ones", () => {
    const cal = calendar('Asia/Shanghai', weekdays('Asia/Shanghai').weekly, {
      special: [
        { date: '2026-03-12', intervals: [{ start: '10:00', end: '12:00' }], name: 'Stock-take' },
      ],
    })
    expect(isOpen(cal, sh('2026-03-12T09:30:00'))).toBe(false)
    expect(isOpen(cal, sh('2026-03-12T11:00:00'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-12T13:00:00'))).toBe(false)
    expect(nextOpening(cal, sh('2026-03-11T17:00:00'))).toBe(sh('2026-03-12T10:00:00'))
    expect(nextClosing(cal, sh('2026-03-12T10:00:00'))).toBe(sh('2026-03-12T12:00:00'))
    expect(addSh(cal, '2026-03-12T11:00:00', 2 * HOUR)).toBe(sh('2026-03-13T10:00:00'))
    expect(businessTimeBetween(cal, sh('2026-03-12T00:00:00'), sh('2026-03-13T00:00:00'))).toBe(
      2 * HOUR
    )
  })

  it('opens a normally closed day with a special day, and closes one with an empty special', () => {
    const cal = calendar('Asia/Shanghai', weekdays('Asia/Shanghai').weekly, {
      special: [
        { date: '2026-03-14', intervals: [{ start: '09:00', end: '12:00' }], name: 'Sale' },
        { date: '2026-03-16', intervals: [] },
      ],
    })
    expect(isOpen(cal, sh('2026-03-14T10:00:00'))).toBe(true)
    expect(isOpen(cal, sh('2026-03-16T10:00:00'))).toBe(false)
    expect(nextOpening(cal, sh('2026-03-14T12:00:00'))).toBe(sh('2026-03-17T09:00:00'))
  })
})

describe('daylight saving time', () => {
  const earlyShift = [{ start: '01:00', end: '05:00' }]
  const ny = calendar('America/New_York', { sun: earlyShift })

  it('New York spring forward (2026-03-08): 01:00-05:00 is 3 business hours', () => {
    const from = utc('2026-03-08T00:00:00')
    expect(businessTimeBetween(ny, from, from + DAY)).toBe(3 * HOUR)
    expect(openStretches(ny, from, from + DAY)).toEqual([
      { start: utc('2026-03-08T06:00:00'), end: utc('2026-03-08T09:00:00') },
    ])
  })

  it('New York fall back (2026-11-01): 01:00-05:00 is 5 business hours', () => {
    const from = utc('2026-11-01T00:00:00')
    expect(businessTimeBetween(ny, from, from + DAY)).toBe(5 * HOUR)
    // 01:00 is ambiguous: the first occurrence (EDT, UTC-4) opens it.
    expect(nextOpening(ny, from)).toBe(utc('2026-11-01T05:00:00'))
    expect(nextClosing(ny, utc('2026-11-01T06:00:00'))).toBe(utc('2026-11-01T10:00:00'))
  })

  it('moves a start inside the spring-forward gap forward by the gap', () => {
    const gap = calendar('America/New_York', { sun: [{ start: '02:30', end: '04:00' }] })
    // 02:30 doesn't exist on 2026-03-08; it reads as 03:30 EDT.
    expect(nextOpening(gap, utc('2026-03-08T00:00:00'))).toBe(utc('2026-03-08T07:30:00'))
    expect(betweenUtc(gap, '2026-03-08T00:00:00', '2026-03-09T00:00:00')).toBe(0.5 * HOUR)
  })

  it('takes the first occurrence of an ambiguous fall-back time', () => {
    const amb = calendar('America/New_York', { sun: [{ start: '01:30', end: '03:00' }] })
    expect(nextOpening(amb, utc('2026-11-01T00:00:00'))).toBe(utc('2026-11-01T05:30:00'))
    expect(betweenUtc(amb, '2026-11-01T00:00:00', '2026-11-02T00:00:00')).toBe(2.5 * HOUR)
  })

  it('keeps local opening times across the change: 09:00 EST then 09:00 EDT', () => {
    const cal = weekdays('America/New_York')
    expect(nextOpening(cal, utc('2026-03-06T00:00:00'))).toBe(utc('2026-03-06T14:00:00'))
    expect(nextOpening(cal, utc('2026-03-07T00:00:00'))).toBe(utc('2026-03-09T13:00:00'))
    // Friday 16:00 EST + 2 h: one hour Friday, one Monday from 09:00 EDT.
    expect(addBusinessTime(cal, utc('2026-03-06T21:00:00'), 2 * HOUR)).toBe(
      utc('2026-03-09T14:00:00')
    )
    // A deadline that lands exactly on a closing stays there.
    expect(addBusinessTime(cal, utc('2026-03-06T21:00:00'), HOUR)).toBe(utc('2026-03-06T22:00:00'))
  })

  it('London spring forward (03-29) and fall back (10-25): 00:00-04:00 is 3 h / 5 h', () => {
    const london = calendar('Europe/London', { sun: [{ start: '00:00', end: '04:00' }] })
    expect(betweenUtc(london, '2026-03-28T12:00:00', '2026-03-29T12:00:00')).toBe(3 * HOUR)
    expect(betweenUtc(london, '2026-10-24T12:00:00', '2026-10-25T12:00:00')).toBe(5 * HOUR)
    expect(nextOpening(london, utc('2026-03-28T12:00:00'))).toBe(utc('2026-03-29T00:00:00'))
    expect(nextClosing(london, utc('2026-03-29T00:00:00'))).toBe(utc('2026-03-29T03:00:00'))
    expect(nextOpening(london, utc('2026-10-24T12:00:00'))).toBe(utc('2026-10-24T23:00:00'))
    expect(nextClosing(london, utc('2026-10-24T23:00:00'))).toBe(utc('2026-10-25T04:00:00'))
  })

  it('handles a southern-hemisphere zone (Sydney, DST ends 2026-04-05)', () => {
    const sydney = calendar('Australia/Sydney', { sun: [{ start: '00:00', end: '06:00' }] })
    // 03:00 AEDT falls back to 02:00 AEST, so the day holds 7 hours before 06:00.
    expect(betweenUtc(sydney, '2026-04-04T00:00:00', '2026-04-06T00:00:00')).toBe(7 * HOUR)
  })
})

describe('addBusinessTime and businessTimeBetween agree', () => {
  const cases: [string, BusinessHours][] = [
    ['default', DEFAULT_BUSINESS_HOURS],
    ['New York weekdays', weekdays('America/New_York')],
    [
      'London late shifts with a holiday and a special day',
      calendar(
        'Europe/London',
        {
          mon: [{ start: '22:00', end: '02:00' }],
          wed: [
            { start: '01:00', end: '03:00' },
            { start: '02:30', end: '07:15' },
          ],
          sat: [{ start: '00:00', end: '24:00' }],
        },
        {
          holidays: [{ date: '2026-04-01' }],
          special: [{ date: '2026-10-25', intervals: [{ start: '00:30', end: '03:00' }] }],
        }
      ),
    ],
  ]

  it.each(cases)('%s: businessTimeBetween(t, addBusinessTime(t, ms)) === ms', (_name, cal) => {
    const random = prng(20260308)
    const start = utc('2026-01-01T00:00:00')
    for (let i = 0; i < 40; i++) {
      const t = start + Math.floor(random() * 365 * DAY)
      const ms = Math.floor(random() * 60 * HOUR) + 1
      const end = addBusinessTime(cal, t, ms)
      expect(end).toBeGreaterThan(t)
      expect(businessTimeBetween(cal, t, end)).toBe(ms)
      // The deadline is reached while open (or exactly at a closing).
      expect(isOpen(cal, end - 1)).toBe(true)
    }
  })

  it.each(cases)('%s: openStretches are sorted, disjoint and non-adjacent', (_name, cal) => {
    const from = utc('2026-03-01T00:00:00')
    const stretches = openStretches(cal, from, from + 60 * DAY)
    for (const [i, s] of stretches.entries()) {
      expect(s.end).toBeGreaterThan(s.start)
      const prev = stretches[i - 1]
      if (prev) expect(s.start).toBeGreaterThan(prev.end)
    }
  })
})

describe('a calendar that is never open', () => {
  const never = calendar('Asia/Shanghai', {})

  it('has no opening, adds wall time, and counts nothing', () => {
    const t = sh('2026-03-10T12:00:00')
    expect(isOpen(never, t)).toBe(false)
    expect(nextOpening(never, t)).toBeNull()
    expect(nextClosing(never, t)).toBe(t)
    expect(addBusinessTime(never, t, HOUR)).toBe(t + HOUR)
    expect(businessTimeBetween(never, t, t + 30 * DAY)).toBe(0)
    expect(openStretches(never, t, t + 30 * DAY)).toEqual([])
  })

  it('finds a lone special day months ahead', () => {
    const rare = calendar(
      'Asia/Shanghai',
      {},
      {
        special: [{ date: '2026-12-24', intervals: [{ start: '10:00', end: '11:00' }] }],
      }
    )
    expect(nextOpening(rare, sh('2026-03-10T12:00:00'))).toBe(sh('2026-12-24T10:00:00'))
    expect(addBusinessTime(rare, sh('2026-03-10T12:00:00'), 30 * 60_000)).toBe(
      sh('2026-12-24T10:30:00')
    )
    expect(nextOpening(rare, sh('2026-12-24T11:00:00'))).toBeNull()
  })
})

describe('formatOpening', () => {
  const now = sh('2025-10-31T23:45:00') // a Friday evening in Shanghai
  const zone = 'Asia/Shanghai'

  it('says today / tomorrow / a weekday and date in English', () => {
    expect(formatOpening(sh('2025-10-31T23:50:00'), now, 'en', zone)).toBe('today at 23:50')
    expect(formatOpening(sh('2025-11-01T09:00:00'), now, 'en', zone)).toBe('tomorrow at 09:00')
    expect(formatOpening(sh('2025-11-03T09:00:00'), now, 'en-GB', zone)).toBe('Mon 3 Nov at 09:00')
    expect(formatOpening(sh('2025-11-03T09:00:00'), sh('2025-11-03T01:00:00'), 'en', zone)).toBe(
      'today at 09:00'
    )
    expect(formatOpening(sh('2026-01-02T09:00:00'), now, 'en', zone)).toBe(
      'Fri 2 Jan 2026 at 09:00'
    )
  })

  it('says 今天 / 明天 / a date with weekday in Chinese', () => {
    expect(formatOpening(sh('2025-10-31T23:50:00'), now, 'zh-CN', zone)).toBe('今天 23:50')
    expect(formatOpening(sh('2025-11-01T09:00:00'), now, 'zh-CN', zone)).toBe('明天 09:00')
    expect(formatOpening(sh('2025-11-03T09:00:00'), now, 'zh-CN', zone)).toBe(
      '11月3日（周一）09:00'
    )
    expect(formatOpening(sh('2026-01-02T09:00:00'), now, 'zh', zone)).toBe(
      '2026年1月2日（周五）09:00'
    )
  })

  it('reads days and times in the given zone', () => {
    // 09:00 Saturday in Shanghai is 21:00 Friday in New York (EDT).
    const t = sh('2025-11-01T09:00:00')
    const nyNow = Date.parse('2025-10-31T12:00:00-04:00')
    expect(formatOpening(t, nyNow, 'en', 'America/New_York')).toBe('today at 21:00')
    expect(formatOpening(t, nyNow, 'zh-CN', 'America/New_York')).toBe('今天 21:00')
  })

  it('works with nextOpening of the default calendar from 23:45', () => {
    const at = nextOpening(DEFAULT_BUSINESS_HOURS, now)
    expect(at).not.toBeNull()
    expect(formatOpening(at ?? 0, now, 'en', zone)).toBe('tomorrow at 09:00')
    expect(formatOpening(at ?? 0, now, 'zh-CN', zone)).toBe('明天 09:00')
  })
})
