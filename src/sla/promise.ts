import { addBusinessTime, isOpen, nextClosing, nextOpening, type BusinessHours } from './calendar'
import { wallClock } from './zone-time'
import type { SlaTarget } from './engine'
import { targetMs, type Scenario, type SlaPolicy, type TargetKind } from './policy'

/** What the customer is told about one SLA target. */
export interface Commitment {
  kind: TargetKind
  /** When the target falls due: exactly the SLA engine's arithmetic for a target started at `now`. */
  dueAt: number
  /** What the customer is told: dueAt rounded DOWN to the whole minute (never later than dueAt). */
  promisedAt: number
  /** People are on shift at `now`. */
  openNow: boolean
  /** The next opening when closed now; null when open now (or the calendar never opens). */
  backAt: number | null
  /** promisedAt falls before the staffed stretch running at `now` ends, so "within N minutes" is literally true. */
  withinShift: boolean
}

/** Everything needed to promise a target that would start now. */
export interface PromiseQuery {
  policy: SlaPolicy
  calendar: BusinessHours
  scenario: Scenario
  level: number
  kind: TargetKind
  now: number
}

/** The customer-facing words for a commitment: `within` and `by` fit "will reply {{…}}", `back` fits "we are back {{…}}". */
export interface PromiseWords {
  within: string
  by: string
  back: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Commitment for a target that is already running (uses its dueAt, not a fresh one). */
export const commitmentOf = (
  target: Pick<SlaTarget, 'kind' | 'dueAt'>,
  calendar: BusinessHours,
  now: number
): Commitment => {
  const { kind, dueAt } = target
  const promisedAt = Math.floor(dueAt / MINUTE) * MINUTE
  const openNow = isOpen(calendar, now)
  const backAt = openNow ? null : nextOpening(calendar, now)
  const closing = openNow ? nextClosing(calendar, now) : null
  // An open calendar with no closing within a year (24/7) never ends its stretch. A promise landing
  // exactly on the closing instant (a target that uses up the shift) is still kept on shift.
  const withinShift = openNow && (closing === null || promisedAt <= closing)
  return { kind, dueAt, promisedAt, openNow, backAt, withinShift }
}

/** Commitment for a target that would start now; null when the policy tracks no such target. */
export const commitmentFor = (q: PromiseQuery): Commitment | null => {
  const ms = targetMs(q.policy, q.kind, q.scenario, q.level)
  if (ms === null) return null
  // Mirrors the engine's `start` (its `later`), so the promise and the breach timer agree; a
  // never-open calendar makes addBusinessTime fall back to wall time, as the engine does.
  const dueAt = q.policy.businessHoursOnly ? addBusinessTime(q.calendar, q.now, ms) : q.now + ms
  return commitmentOf({ kind: q.kind, dueAt }, q.calendar, q.now)
}

interface Wall {
  year: number
  month: number
  date: number
  weekday: number
  time: string
  /** Epoch day number of the local date. */
  day: number
}

const pad = (n: number) => String(n).padStart(2, '0')

const wallOf = (t: number, timeZone: string): Wall => {
  const wall = wallClock(timeZone, t)
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    date: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
    day: Math.floor(wall.getTime() / DAY),
  }
}

const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]
const ZH_DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

type Relative = 'today' | 'tomorrow' | 'date'

const relative = (at: Wall, now: Wall): Relative =>
  at.day === now.day ? 'today' : at.day === now.day + 1 ? 'tomorrow' : 'date'

/** en `09:05 today` / `09:05 tomorrow` / `09:05 on Mon 3 Nov [2027]`. */
const enMoment = (at: Wall, now: Wall): string => {
  const rel = relative(at, now)
  if (rel !== 'date') return `${at.time} ${rel}`
  const year = at.year !== now.year ? ` ${at.year}` : ''
  return `${at.time} on ${EN_DAYS[at.weekday]} ${at.date} ${EN_MONTHS[at.month - 1]}${year}`
}

/** zh `今天 09:05` / `明天 09:05` / `[2027年]11月3日（周一）09:05`. */
const zhMoment = (at: Wall, now: Wall): string => {
  const rel = relative(at, now)
  if (rel === 'today') return `今天 ${at.time}`
  if (rel === 'tomorrow') return `明天 ${at.time}`
  const year = at.year !== now.year ? `${at.year}年` : ''
  return `${year}${at.month}月${at.date}日（${ZH_DAYS[at.weekday]}）${at.time}`
}

/** The customer-facing words for a commitment, in the customer's locale ('zh-CN' or anything starting with zh -> Chinese, else English), in the shop's time zone. */
export const promiseWords = (
  c: Commitment,
  now: number,
  locale: string,
  timeZone: string
): PromiseWords => {
  const zh = locale.trim().toLowerCase().startsWith('zh')
  const nowWall = wallOf(now, timeZone)
  const moment = (t: number) => (zh ? zhMoment : enMoment)(wallOf(t, timeZone), nowWall)
  const by = zh ? `${moment(c.promisedAt)} 前` : `by ${moment(c.promisedAt)}`
  let within = by
  if (c.openNow && c.withinShift) {
    // Whole minutes until the target falls due, rounded down: "within N minutes" ends at or before dueAt.
    const minutes = Math.max(1, Math.floor((c.dueAt - now) / MINUTE))
    // Hours only from two on, rounded down, so the promise never stretches past dueAt.
    if (minutes >= 120) {
      const hours = Math.floor(minutes / 60)
      within = zh ? `${hours}小时内` : `within ${hours} hours`
    } else
      within = zh ? `${minutes}分钟内` : `within ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
  }
  let back: string
  if (c.openNow) back = zh ? '现在' : 'now'
  else if (c.backAt === null) back = zh ? '尽快' : 'as soon as possible'
  else back = zh ? moment(c.backAt) : `at ${moment(c.backAt)}`
  return { within, by, back }
}
