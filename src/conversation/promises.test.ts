import { describe, expect, it } from 'vitest'
import { DEFAULT_BUSINESS_HOURS } from '../sla/calendar'
import { onCustomerMessage, onHandoff } from '../sla/engine'
import { DEFAULT_SLA_POLICY } from '../sla/policy'
import {
  notePromises,
  promiseVars,
  replyCommitment,
  resolveCommitment,
  type Clock,
} from './promises'
import { initialState } from './state'

const shanghai = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`)
const clock = (wall: string): Clock => ({
  policy: DEFAULT_SLA_POLICY,
  calendar: DEFAULT_BUSINESS_HOURS,
  now: shanghai(wall),
})
const fresh = (intent: string | null = null, locale = 'en') => ({
  ...initialState('telegram:1', 'telegram', { id: '1' }, 0),
  intent,
  locale,
})

describe('promise variables', () => {
  it('promise a reply within the target on shift, and by a staffed time at night', () => {
    expect(promiseVars(fresh(), clock('2026-12-07 14:00'))).toMatchObject({
      'reply.within': 'within 5 minutes',
      'resolve.by': 'by 22:00 today',
    })
    expect(promiseVars(fresh(null, 'zh-CN'), clock('2026-12-08 03:56'))).toMatchObject({
      'reply.within': '今天 09:05 前',
      'reply.by': '今天 09:05 前',
      'hours.back': '今天 09:00',
    })
  })

  it('name exactly the due time the SLA engine then enforces', () => {
    for (const wall of [
      '2026-12-07 14:00',
      '2026-12-07 23:20',
      '2026-12-07 23:28',
      '2026-12-08 03:56',
    ]) {
      const c = clock(wall)
      const state = fresh('logistics')
      const reply = replyCommitment(state, c)
      const resolve = resolveCommitment(state, c)
      const ctx = {
        policy: c.policy,
        calendar: c.calendar,
        scenario: 'logistics' as const,
        level: 0,
        now: c.now,
      }
      const started = onHandoff(onCustomerMessage(state.sla, ctx, false).sla, ctx).sla
      expect(reply?.dueAt, wall).toBe(started.targets.first_response?.dueAt)
      expect(resolve?.dueAt, wall).toBe(started.targets.resolution?.dueAt)
      expect(reply?.promisedAt ?? 0, wall).toBeLessThanOrEqual(reply?.dueAt ?? 0)
    }
  })

  it('stand by a running target instead of starting a new one', () => {
    const c = clock('2026-12-07 14:00')
    const ctx = {
      policy: c.policy,
      calendar: c.calendar,
      scenario: 'default' as const,
      level: 0,
      now: c.now,
    }
    const sla = onCustomerMessage(fresh().sla, ctx, false).sla
    const later = { ...c, now: c.now + 3 * 60_000 }
    expect(promiseVars({ ...fresh(), sla }, later)['reply.within']).toBe('within 2 minutes')
  })
})

describe('notePromises', () => {
  it('records what the replies promised, once', () => {
    const state = { ...fresh(), promised: ['reply' as const] }
    const noted = notePromises({
      state,
      replies: [{ promises: ['reply' as const, 'resolve' as const] }, {}],
    })
    expect(noted.state.promised).toEqual(['reply', 'resolve'])
    const same = { state, replies: [{}] }
    expect(notePromises(same)).toBe(same)
  })
})
