import { describe, expect, it } from 'vitest'
import { closedWeek } from '../../test/support/hours'
import { DEFAULT_BUSINESS_HOURS, isOpen, type BusinessHours, type Interval } from './calendar'
import { emptySla, onTimer, start, type SlaContext } from './engine'
import { DEFAULT_SLA_POLICY, type SlaPolicy, type TargetKind, type Targets } from './policy'
import { commitmentFor, commitmentOf, promiseWords, type Commitment } from './promise'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const SHANGHAI = 'Asia/Shanghai'
const BERLIN = 'Europe/Berlin'

/** A Shanghai (UTC+8, no DST) wall time as ms epoch. */
const sh = (local: string) => Date.parse(`${local}+08:00`)
const utc = (iso: string) => Date.parse(`${iso}Z`)

/** A business-hours-only policy whose `default` scenario has exactly these targets (seconds). */
const policyWith = (targets: Targets, over: Partial<SlaPolicy> = {}): SlaPolicy => ({
  ...DEFAULT_SLA_POLICY,
  scenarios: { ...DEFAULT_SLA_POLICY.scenarios, default: targets },
  levels: { '1': {}, '2': {} },
  businessHoursOnly: true,
  ...over,
})

const policy = policyWith({
  firstResponse: 60,
  nextResponse: 5 * 60,
  periodicUpdate: 2 * 3600,
  resolution: 4 * 3600,
})

const promise = (
  kind: TargetKind,
  now: number,
  over: { policy?: SlaPolicy; calendar?: BusinessHours; level?: number } = {}
): Commitment => {
  const c = commitmentFor({
    policy: over.policy ?? policy,
    calendar: over.calendar ?? DEFAULT_BUSINESS_HOURS,
    scenario: 'default',
    level: over.level ?? 0,
    kind,
    now,
  })
  if (!c) throw new Error(`no ${kind} target`)
  return c
}

const en = (c: Commitment, now: number, zone = SHANGHAI) => promiseWords(c, now, 'en', zone)
const zh = (c: Commitment, now: number, zone = SHANGHAI) => promiseWords(c, now, 'zh-CN', zone)

const daily = (timeZone: string, intervals: Interval[]): BusinessHours => ({
  timeZone,
  weekly: {
    mon: intervals,
    tue: intervals,
    wed: intervals,
    thu: intervals,
    fri: intervals,
    sat: intervals,
    sun: intervals,
  },
  holidays: [],
  special: [],
})

describe('day shift (Mon 3 Nov 2025, Shanghai)', () => {
  it('promises a 5-minute reply within 5 minutes', () => {
    const now = sh('2025-11-03T10:00:00')
    const c = promise('next_response', now)
    expect(c).toEqual({
      kind: 'next_response',
      dueAt: sh('2025-11-03T10:05:00'),
      promisedAt: sh('2025-11-03T10:05:00'),
      openNow: true,
      backAt: null,
      withinShift: true,
    })
    expect(en(c, now)).toEqual({ within: 'within 5 minutes', by: 'by 10:05 today', back: 'now' })
    expect(zh(c, now)).toEqual({ within: '5分钟内', by: '今天 10:05 前', back: '现在' })
  })

  it('says "1 minute" in the singular', () => {
    const now = sh('2025-11-03T10:00:00')
    const c = promise('first_response', now)
    expect(en(c, now).within).toBe('within 1 minute')
    expect(zh(c, now).within).toBe('1分钟内')
  })

  it('switches to whole hours, rounded down, from 120 minutes on', () => {
    const now = sh('2025-11-03T10:00:00')
    const hours = (s: number) =>
      promise('resolution', now, { policy: policyWith({ resolution: s }) })
    expect(en(hours(119 * 60), now).within).toBe('within 119 minutes')
    expect(en(hours(120 * 60), now).within).toBe('within 2 hours')
    expect(en(hours(3 * 3600 + 59 * 60), now).within).toBe('within 3 hours')
    expect(zh(hours(3 * 3600 + 59 * 60), now).within).toBe('3小时内')
    expect(zh(hours(119 * 60), now).within).toBe('119分钟内')
  })

  it("uses the escalation level's tighter target", () => {
    const now = sh('2025-11-03T10:00:00')
    const escalated = policyWith(
      { resolution: 8 * 3600 },
      { levels: { '1': { resolution: 3600 }, '2': {} } }
    )
    expect(promise('resolution', now, { policy: escalated, level: 1 }).dueAt).toBe(
      sh('2025-11-03T11:00:00')
    )
    expect(promise('resolution', now, { policy: escalated, level: 0 }).dueAt).toBe(
      sh('2025-11-03T18:00:00')
    )
  })

  it('returns null for a target the policy does not track', () => {
    const untracked = policyWith({ firstResponse: 60 })
    expect(
      commitmentFor({
        policy: untracked,
        calendar: DEFAULT_BUSINESS_HOURS,
        scenario: 'default',
        level: 0,
        kind: 'periodic_update',
        now: 0,
      })
    ).toBeNull()
  })
})

describe('the 17:00/17:30 shift overlap', () => {
  it('is one continuous stretch: a promise across 17:30 is still within the shift', () => {
    const now = sh('2025-11-03T17:25:00')
    const c = promise('next_response', now, { policy: policyWith({ nextResponse: 10 * 60 }) })
    expect(c).toMatchObject({
      promisedAt: sh('2025-11-03T17:35:00'),
      openNow: true,
      withinShift: true,
    })
    expect(en(c, now).within).toBe('within 10 minutes')
    const update = promise('periodic_update', sh('2025-11-03T16:45:00'))
    expect(update).toMatchObject({ promisedAt: sh('2025-11-03T18:45:00'), withinShift: true })
    expect(en(update, sh('2025-11-03T16:45:00')).within).toBe('within 2 hours')
  })
})

describe('the end of the last shift (23:30)', () => {
  it('23:20: a 5-minute reply is within the shift', () => {
    const now = sh('2025-11-03T23:20:00')
    const c = promise('next_response', now)
    expect(c).toMatchObject({
      promisedAt: sh('2025-11-03T23:25:00'),
      openNow: true,
      withinShift: true,
    })
    expect(en(c, now).within).toBe('within 5 minutes')
  })

  it('23:20: a target that uses up the shift exactly is due at 23:30 and still within it', () => {
    const now = sh('2025-11-03T23:20:00')
    const c = promise('next_response', now, { policy: policyWith({ nextResponse: 10 * 60 }) })
    expect(c).toMatchObject({ dueAt: sh('2025-11-03T23:30:00'), withinShift: true })
    expect(en(c, now).within).toBe('within 10 minutes')
  })

  it('23:20: a 4-hour resolution lands the next morning at 12:50', () => {
    const now = sh('2025-11-03T23:20:00')
    const c = promise('resolution', now)
    expect(c).toMatchObject({
      dueAt: sh('2025-11-04T12:50:00'),
      openNow: true,
      backAt: null,
      withinShift: false,
    })
    expect(en(c, now)).toEqual({
      within: 'by 12:50 tomorrow',
      by: 'by 12:50 tomorrow',
      back: 'now',
    })
    expect(zh(c, now)).toEqual({ within: '明天 12:50 前', by: '明天 12:50 前', back: '现在' })
  })

  it('23:28: a 5-minute reply is due 09:03 the next day, and `within` falls back to `by`', () => {
    const now = sh('2025-11-03T23:28:00')
    const c = promise('next_response', now)
    expect(c).toMatchObject({
      dueAt: sh('2025-11-04T09:03:00'),
      promisedAt: sh('2025-11-04T09:03:00'),
      openNow: true,
      withinShift: false,
    })
    expect(en(c, now)).toEqual({
      within: 'by 09:03 tomorrow',
      by: 'by 09:03 tomorrow',
      back: 'now',
    })
    expect(zh(c, now).within).toBe('明天 09:03 前')
    // The sentences the templates build from these words.
    expect(`A colleague will reply here ${en(c, now).within}.`).toBe(
      'A colleague will reply here by 09:03 tomorrow.'
    )
    expect(`同事会在${zh(c, now).within}回复您`).toBe('同事会在明天 09:03 前回复您')
    expect(
      `同事会在${zh(promise('next_response', sh('2025-11-03T10:00:00')), sh('2025-11-03T10:00:00')).within}回复您`
    ).toBe('同事会在5分钟内回复您')
  })
})

describe('at night (03:56)', () => {
  const now = sh('2025-11-04T03:56:00')

  it('is closed, back at 09:00 today, and promises a reply by 09:05 today', () => {
    const c = promise('next_response', now)
    expect(c).toEqual({
      kind: 'next_response',
      dueAt: sh('2025-11-04T09:05:00'),
      promisedAt: sh('2025-11-04T09:05:00'),
      openNow: false,
      backAt: sh('2025-11-04T09:00:00'),
      withinShift: false,
    })
    expect(en(c, now)).toEqual({
      within: 'by 09:05 today',
      by: 'by 09:05 today',
      back: 'at 09:00 today',
    })
    expect(zh(c, now)).toEqual({ within: '今天 09:05 前', by: '今天 09:05 前', back: '今天 09:00' })
  })

  it('says "tomorrow" for the next opening after midnight is still ahead (23:45)', () => {
    const late = sh('2025-11-03T23:45:00')
    const c = promise('next_response', late)
    expect(en(c, late)).toEqual({
      within: 'by 09:05 tomorrow',
      by: 'by 09:05 tomorrow',
      back: 'at 09:00 tomorrow',
    })
    expect(zh(c, late).back).toBe('明天 09:00')
  })
})

describe('sweep over 48 hours in 7-minute steps (default calendar, business hours only)', () => {
  const sweepPolicy = policyWith(
    {
      firstResponse: 30,
      nextResponse: 5 * 60,
      periodicUpdate: 2 * 3600 + 17,
      resolution: 4 * 3600,
    },
    { levels: { '1': { resolution: 8 * 3600 + 59 }, '2': {} } }
  )
  // Each a different shape: under a minute, minutes, hours with odd seconds, an escalated day.
  const cases: [TargetKind, number][] = [
    ['first_response', 0],
    ['next_response', 0],
    ['periodic_update', 0],
    ['resolution', 1],
  ]
  const from = sh('2025-11-03T00:00:17')
  const nows: number[] = []
  for (let t = from; t < from + 48 * HOUR; t += 7 * MINUTE) nows.push(t)

  it.each(cases)(
    "%s (level %i): staffed, never after dueAt, the engine's dueAt, words agree",
    (kind, level) => {
      expect(nows).toHaveLength(412)
      for (const now of nows) {
        const ctx: SlaContext = {
          policy: sweepPolicy,
          calendar: DEFAULT_BUSINESS_HOURS,
          scenario: 'default',
          level,
          now,
        }
        const c = promise(kind, now, { policy: sweepPolicy, level })
        const running = start({ sla: emptySla(), events: [] }, kind, ctx).sla
        expect(c.dueAt).toBe(running.targets[kind]?.dueAt)
        expect(c.promisedAt).toBeLessThanOrEqual(c.dueAt)
        expect(c.dueAt - c.promisedAt).toBeLessThan(MINUTE)
        // Staffed: open at promisedAt, or promisedAt is the closing instant of a stretch.
        const staffed =
          isOpen(DEFAULT_BUSINESS_HOURS, c.promisedAt) ||
          isOpen(DEFAULT_BUSINESS_HOURS, c.promisedAt - 1)
        expect(staffed, `${kind}@${new Date(now).toISOString()}`).toBe(true)
        const hhmm = new Date(c.promisedAt + 8 * HOUR).toISOString().slice(11, 16)
        expect(hhmm >= '09:00' && hhmm <= '23:30', hhmm).toBe(true)
        // A breach only comes once the promised time has passed.
        if (kind !== 'periodic_update') {
          expect(onTimer(running, kind, { ...ctx, now: c.promisedAt - 1 }).breached).toBe(false)
        }
        // The words never contradict the numbers.
        const w = en(c, now)
        if (c.openNow) expect(w.back).toBe('now')
        else expect(['at 09:00 today', 'at 09:00 tomorrow']).toContain(w.back)
        if (!c.openNow) expect(c.promisedAt).toBeGreaterThanOrEqual(c.backAt ?? Infinity)
        const m = /^within (\d+) (minute|minutes|hours)$/.exec(w.within)
        if (c.openNow && c.withinShift) {
          expect(m).not.toBeNull()
          const ms = Number(m?.[1]) * (m?.[2] === 'hours' ? HOUR : MINUTE)
          if (c.dueAt - now >= MINUTE) expect(now + ms).toBeLessThanOrEqual(c.dueAt)
        } else {
          expect(m).toBeNull()
          expect(w.within).toBe(w.by)
        }
      }
    },
    30_000
  )
})

describe('holidays and special days', () => {
  it('moves the promise over a whole closed day', () => {
    const cal: BusinessHours = {
      ...DEFAULT_BUSINESS_HOURS,
      holidays: [{ date: '2025-11-04', name: 'Closed' }],
    }
    const now = sh('2025-11-03T23:28:00')
    const c = promise('next_response', now, { calendar: cal })
    expect(c.dueAt).toBe(sh('2025-11-05T09:03:00'))
    expect(en(c, now).by).toBe('by 09:03 on Wed 5 Nov')
    expect(zh(c, now).by).toBe('11月5日（周三）09:03 前')

    const onHoliday = sh('2025-11-04T12:00:00')
    const h = promise('next_response', onHoliday, { calendar: cal })
    expect(h).toMatchObject({
      openNow: false,
      backAt: sh('2025-11-05T09:00:00'),
      dueAt: sh('2025-11-05T09:05:00'),
    })
    expect(en(h, onHoliday)).toEqual({
      within: 'by 09:05 tomorrow',
      by: 'by 09:05 tomorrow',
      back: 'at 09:00 tomorrow',
    })
    expect(zh(h, onHoliday).back).toBe('明天 09:00')
  })

  it("follows a special day's hours (13:00-18:00)", () => {
    const cal: BusinessHours = {
      ...DEFAULT_BUSINESS_HOURS,
      special: [{ date: '2025-11-04', intervals: [{ start: '13:00', end: '18:00' }] }],
    }
    const morning = sh('2025-11-04T10:00:00')
    const c = promise('next_response', morning, { calendar: cal })
    expect(c).toMatchObject({
      openNow: false,
      backAt: sh('2025-11-04T13:00:00'),
      dueAt: sh('2025-11-04T13:05:00'),
    })
    expect(en(c, morning)).toEqual({
      within: 'by 13:05 today',
      by: 'by 13:05 today',
      back: 'at 13:00 today',
    })
    expect(zh(c, morning).back).toBe('今天 13:00')

    const closing = sh('2025-11-04T17:58:00')
    const late = promise('next_response', closing, { calendar: cal })
    expect(late).toMatchObject({
      openNow: true,
      withinShift: false,
      dueAt: sh('2025-11-05T09:03:00'),
    })
    expect(en(late, closing).within).toBe('by 09:03 tomorrow')
  })

  it('says the date for an opening days away, with the year when it differs', () => {
    const cal: BusinessHours = {
      ...DEFAULT_BUSINESS_HOURS,
      holidays: [{ date: '2027-12-31' }, { date: '2028-01-01' }],
    }
    const now = sh('2027-12-31T10:00:00')
    const c = promise('next_response', now, { calendar: cal })
    expect(c.backAt).toBe(sh('2028-01-02T09:00:00'))
    expect(en(c, now).back).toBe('at 09:00 on Sun 2 Jan 2028')
    expect(zh(c, now).back).toBe('2028年1月2日（周日）09:00')
  })
})

describe('targets that span nights', () => {
  it('a 24-hour resolution from Monday 15:00 is due Wednesday 10:00', () => {
    const now = sh('2025-11-03T15:00:00')
    const c = promise('resolution', now, { policy: policyWith({ resolution: 24 * 3600 }) })
    // 8.5 h on Monday, 14.5 h on Tuesday, 1 h on Wednesday.
    expect(c).toMatchObject({ dueAt: sh('2025-11-05T10:00:00'), openNow: true, withinShift: false })
    expect(en(c, now).within).toBe('by 10:00 on Wed 5 Nov')
    expect(zh(c, now).within).toBe('11月5日（周三）10:00 前')
  })

  it('adds the year when the promise falls in another year', () => {
    const now = sh('2027-12-31T15:00:00')
    const c = promise('resolution', now, { policy: policyWith({ resolution: 24 * 3600 }) })
    expect(c.dueAt).toBe(sh('2028-01-02T10:00:00'))
    expect(en(c, now).by).toBe('by 10:00 on Sun 2 Jan 2028')
    expect(zh(c, now).by).toBe('2028年1月2日（周日）10:00 前')
    const lateNow = sh('2027-12-31T23:20:00')
    expect(en(promise('resolution', lateNow), lateNow).by).toBe('by 12:50 tomorrow')
  })
})

describe('DST in Europe/Berlin (09:00-17:00 daily)', () => {
  const cal = daily(BERLIN, [{ start: '09:00', end: '17:00' }])

  it('spring forward (Sun 29 Mar 2026): opening and promise in local time', () => {
    const now = utc('2026-03-28T15:00:00') // Sat 16:00 CET
    const c = promise('resolution', now, { calendar: cal })
    // 1 h on Saturday, 3 h from 09:00 CEST (07:00Z) on Sunday.
    expect(c).toMatchObject({ dueAt: utc('2026-03-29T10:00:00'), withinShift: false })
    expect(en(c, now, BERLIN).by).toBe('by 12:00 tomorrow')
    const night = utc('2026-03-28T21:00:00') // Sat 22:00 CET
    const n = promise('next_response', night, { calendar: cal })
    expect(n).toMatchObject({
      backAt: utc('2026-03-29T07:00:00'),
      dueAt: utc('2026-03-29T07:05:00'),
    })
    expect(en(n, night, BERLIN)).toEqual({
      within: 'by 09:05 tomorrow',
      by: 'by 09:05 tomorrow',
      back: 'at 09:00 tomorrow',
    })
    expect(zh(n, night, BERLIN).back).toBe('明天 09:00')
  })

  it('fall back (Sun 25 Oct 2026): opening and promise in local time', () => {
    const now = utc('2026-10-24T14:30:00') // Sat 16:30 CEST
    const c = promise('periodic_update', now, { calendar: cal })
    // 30 min on Saturday, 1.5 h from 09:00 CET (08:00Z) on Sunday.
    expect(c.dueAt).toBe(utc('2026-10-25T09:30:00'))
    expect(en(c, now, BERLIN).by).toBe('by 10:30 tomorrow')
    expect(zh(c, now, BERLIN).by).toBe('明天 10:30 前')
    const night = utc('2026-10-24T21:00:00') // Sat 23:00 CEST
    const n = promise('next_response', night, { calendar: cal })
    expect(n.backAt).toBe(utc('2026-10-25T08:00:00'))
    expect(en(n, night, BERLIN).back).toBe('at 09:00 tomorrow')
  })

  it('counts "within" in real minutes on the day itself', () => {
    const now = utc('2026-03-29T07:00:00') // Sun 09:00 CEST
    const c = promise('periodic_update', now, { calendar: cal })
    expect(c.dueAt).toBe(utc('2026-03-29T09:00:00'))
    expect(en(c, now, BERLIN)).toEqual({
      within: 'within 2 hours',
      by: 'by 11:00 today',
      back: 'now',
    })
  })
})

describe('seconds', () => {
  it('rounds promisedAt down to the minute: dueAt 10:05:40 -> promised 10:05', () => {
    const now = sh('2025-11-03T10:00:40')
    const c = promise('next_response', now)
    expect(c.dueAt).toBe(sh('2025-11-03T10:05:40'))
    expect(c.promisedAt).toBe(sh('2025-11-03T10:05:00'))
    // Exactly 5 minutes to the due time: "within 5 minutes" ends at dueAt; "by" names the minute before it.
    expect(en(c, now)).toMatchObject({ within: 'within 5 minutes', by: 'by 10:05 today' })
  })

  it('says at least "1 minute" for a target under a minute', () => {
    const now = sh('2025-11-03T10:00:20')
    const c = promise('first_response', now, { policy: policyWith({ firstResponse: 30 }) })
    expect(c).toMatchObject({
      dueAt: sh('2025-11-03T10:00:50'),
      promisedAt: sh('2025-11-03T10:00:00'),
    })
    expect(en(c, now).within).toBe('within 1 minute')
  })
})

describe('businessHoursOnly: false (wall time)', () => {
  const wall = policyWith(
    { nextResponse: 5 * 60, resolution: 4 * 3600 },
    { businessHoursOnly: false }
  )

  it('adds wall time at night: the policy may promise a night time', () => {
    const now = sh('2025-11-04T03:56:00')
    const c = promise('next_response', now, { policy: wall })
    expect(c).toEqual({
      kind: 'next_response',
      dueAt: sh('2025-11-04T04:01:00'),
      promisedAt: sh('2025-11-04T04:01:00'),
      openNow: false,
      backAt: sh('2025-11-04T09:00:00'),
      withinShift: false,
    })
    expect(en(c, now)).toEqual({
      within: 'by 04:01 today',
      by: 'by 04:01 today',
      back: 'at 09:00 today',
    })
  })

  it('adds wall time across the end of the shift', () => {
    const now = sh('2025-11-03T23:20:00')
    const c = promise('resolution', now, { policy: wall })
    expect(c).toMatchObject({ dueAt: sh('2025-11-04T03:20:00'), openNow: true, withinShift: false })
    expect(en(c, now).within).toBe('by 03:20 tomorrow')
    const day = sh('2025-11-03T10:00:00')
    expect(en(promise('resolution', day, { policy: wall }), day).within).toBe('within 4 hours')
  })
})

describe('commitmentOf a running target', () => {
  const startedAt = sh('2025-11-03T23:20:00')
  const ctx: SlaContext = {
    policy,
    calendar: DEFAULT_BUSINESS_HOURS,
    scenario: 'default',
    level: 0,
    now: startedAt,
  }
  const target = start({ sla: emptySla(), events: [] }, 'resolution', ctx).sla.targets.resolution
  if (!target) throw new Error('no resolution target')

  it('keeps the running dueAt instead of starting afresh', () => {
    expect(target.dueAt).toBe(sh('2025-11-04T12:50:00'))
    const night = sh('2025-11-04T03:56:00')
    const c = commitmentOf(target, DEFAULT_BUSINESS_HOURS, night)
    expect(c).toEqual({
      kind: 'resolution',
      dueAt: sh('2025-11-04T12:50:00'),
      promisedAt: sh('2025-11-04T12:50:00'),
      openNow: false,
      backAt: sh('2025-11-04T09:00:00'),
      withinShift: false,
    })
    expect(en(c, night)).toEqual({
      within: 'by 12:50 today',
      by: 'by 12:50 today',
      back: 'at 09:00 today',
    })

    const morning = sh('2025-11-04T11:00:00')
    const m = commitmentOf(target, DEFAULT_BUSINESS_HOURS, morning)
    expect(m).toMatchObject({ dueAt: target.dueAt, openNow: true, withinShift: true })
    expect(en(m, morning).within).toBe('within 110 minutes')
    expect(zh(m, morning).within).toBe('110分钟内')
    expect(promise('resolution', morning).dueAt).toBe(sh('2025-11-04T15:00:00'))
  })
})

describe('a calendar that never opens', () => {
  const never: BusinessHours = {
    timeZone: SHANGHAI,
    weekly: closedWeek(),
    holidays: [],
    special: [],
  }

  it('falls back to wall time, with no opening to name', () => {
    const now = sh('2025-11-03T10:00:00')
    const c = promise('next_response', now, { calendar: never })
    expect(c).toEqual({
      kind: 'next_response',
      dueAt: now + 5 * MINUTE,
      promisedAt: now + 5 * MINUTE,
      openNow: false,
      backAt: null,
      withinShift: false,
    })
    expect(en(c, now)).toEqual({
      within: 'by 10:05 today',
      by: 'by 10:05 today',
      back: 'as soon as possible',
    })
    expect(zh(c, now)).toEqual({ within: '今天 10:05 前', by: '今天 10:05 前', back: '尽快' })
  })
})

describe('an always-open calendar (00:00-24:00)', () => {
  it('is within the shift however long the target', () => {
    const now = sh('2025-11-03T10:00:00')
    const c = promise('resolution', now, {
      calendar: daily(SHANGHAI, [{ start: '00:00', end: '24:00' }]),
      policy: policyWith({ resolution: 72 * 3600 }),
    })
    expect(c).toMatchObject({ dueAt: now + 72 * HOUR, withinShift: true })
    expect(en(c, now).within).toBe('within 72 hours')
  })
})

describe('locale', () => {
  it('reads anything starting with zh as Chinese, everything else as English', () => {
    const now = sh('2025-11-03T10:00:00')
    const c = promise('next_response', now)
    for (const locale of ['zh', 'zh-CN', 'zh-TW', 'zh_Hant', 'ZH-hk'])
      expect(promiseWords(c, now, locale, SHANGHAI).within).toBe('5分钟内')
    for (const locale of ['en', 'en-GB', 'fr-FR', ''])
      expect(promiseWords(c, now, locale, SHANGHAI).within).toBe('within 5 minutes')
  })

  it('reads days and times in the given zone', () => {
    const now = utc('2025-11-04T01:00:00') // 09:00 Shanghai, 20:00 New York the day before
    const c = promise('next_response', now)
    expect(promiseWords(c, now, 'en', 'America/New_York').by).toBe('by 20:05 today')
    expect(promiseWords(c, now, 'en', SHANGHAI).by).toBe('by 09:05 today')
  })
})
