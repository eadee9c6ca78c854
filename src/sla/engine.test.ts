import { describe, expect, it } from 'vitest'
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from './calendar'
import {
  emptySla,
  nextDue,
  nextWake,
  onAgentReply,
  onCustomerMessage,
  onHandoff,
  onResolve,
  onTimer,
  type SlaContext,
} from './engine'
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './policy'

// Wall-clock targets with the pause on: these tests are about the clock's mechanics.
const policy: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  businessHoursOnly: false,
  pauseWhileWaitingOnCustomer: true,
  scenarios: {
    ...DEFAULT_SLA_POLICY.scenarios,
    default: { firstResponse: 10, nextResponse: 20, periodicUpdate: 100, resolution: 1000 },
  },
  levels: { '1': { nextResponse: 5, resolution: 500 }, '2': { resolution: 200 } },
}
const ctx = (now: number, over: Partial<SlaContext> = {}): SlaContext => ({
  policy,
  calendar: DEFAULT_BUSINESS_HOURS,
  scenario: 'default',
  level: 0,
  now,
  ...over,
})
const names = (events: { target: string; event: string }[]) =>
  events.map((e) => `${e.target}:${e.event}`)

describe('SLA clock', () => {
  it('starts first response on the first message and meets it when the bot answers', () => {
    const step = onCustomerMessage(emptySla(), ctx(0), true)
    expect(names(step.events)).toEqual(['first_response:started', 'first_response:met'])
  })

  it('warns at 80% and breaches at 100% of an unanswered first response, once', () => {
    const started = onCustomerMessage(emptySla(), ctx(0), false).sla
    const t = started.targets.first_response
    expect(t).toMatchObject({ dueAt: 10_000, warnAt: 8_000 })
    expect(nextWake(t)).toBe(8_000)
    expect(onTimer(started, 'first_response', ctx(7_999)).events).toEqual([])
    const warned = onTimer(started, 'first_response', ctx(8_000))
    expect(names(warned.events)).toEqual(['first_response:warned'])
    expect(nextWake(warned.sla.targets.first_response)).toBe(10_000)
    const again = onTimer(warned.sla, 'first_response', ctx(8_500))
    expect(again.events).toEqual([]) // a repeated alarm is harmless
    const breached = onTimer(warned.sla, 'first_response', ctx(10_000))
    expect(breached).toMatchObject({ breached: true })
    expect(breached.sla.breaches).toBe(1)
    expect(onTimer(breached.sla, 'first_response', ctx(11_000)).events).toEqual([])
  })

  it('warns and breaches together when the alarm runs late', () => {
    const started = onCustomerMessage(emptySla(), ctx(0), false).sla
    expect(names(onTimer(started, 'first_response', ctx(60_000)).events)).toEqual([
      'first_response:warned',
      'first_response:breached',
    ])
  })

  it('starts a next-response target for each later message waiting on the shop', () => {
    let sla = onCustomerMessage(emptySla(), ctx(0), true).sla
    const second = onCustomerMessage(sla, ctx(1_000), false)
    expect(names(second.events)).toEqual(['next_response:started'])
    sla = second.sla
    expect(sla.targets.next_response?.dueAt).toBe(21_000)
    const third = onCustomerMessage(sla, ctx(2_000), false)
    expect(third.events).toEqual([]) // still waiting on the same reply
    const reply = onAgentReply(third.sla, ctx(3_000))
    expect(names(reply.events)).toContain('next_response:met')
  })

  it('runs resolution and progress clocks after a handoff, pausing resolution while waiting on the customer', () => {
    let sla = onCustomerMessage(emptySla(), ctx(0), false).sla
    const handoff = onHandoff(sla, ctx(1_000))
    expect(names(handoff.events)).toEqual(['resolution:started', 'periodic_update:started'])
    sla = onAgentReply(handoff.sla, ctx(2_000)).sla
    expect(sla.targets.resolution).toMatchObject({ status: 'paused', remainingMs: 999_000 })
    const back = onCustomerMessage(sla, ctx(50_000), false)
    expect(back.sla.targets.resolution).toMatchObject({
      status: 'running',
      dueAt: 50_000 + 999_000,
    })
    const resolved = onResolve(back.sla, 60_000)
    expect(names(resolved.events)).toEqual([
      'resolution:met',
      'next_response:cancelled',
      'periodic_update:cancelled',
    ])
    expect(nextDue(resolved.sla)).toBeNull()
  })

  it('reports a due progress update and restarts its clock', () => {
    const sla = onHandoff(emptySla(), ctx(0)).sla
    const fired = onTimer(sla, 'periodic_update', ctx(100_000))
    expect(fired.updateDue).toBe(true)
    expect(fired.sla.targets.periodic_update?.dueAt).toBe(200_000)
  })

  it('tightens running targets to the escalation level', () => {
    let sla = onCustomerMessage(emptySla(), ctx(0), true).sla
    sla = onCustomerMessage(sla, ctx(1_000), false).sla
    const escalated = onHandoff(sla, ctx(2_000, { level: 1 }))
    expect(escalated.sla.targets.next_response?.dueAt).toBe(7_000)
    expect(escalated.sla.targets.resolution?.dueAt).toBe(502_000)
  })

  it('counts business time only when the policy says so', () => {
    const cal: BusinessHours = {
      ...DEFAULT_BUSINESS_HOURS,
      timeZone: 'UTC',
      weekly: {
        mon: [{ start: '09:00', end: '17:00' }],
        tue: [{ start: '09:00', end: '17:00' }],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      },
    }
    const mondayEvening = Date.UTC(2026, 10, 23, 16, 59, 55)
    const step = onCustomerMessage(
      emptySla(),
      { ...ctx(mondayEvening), calendar: cal, policy: { ...policy, businessHoursOnly: true } },
      false
    )
    expect(step.sla.targets.first_response?.dueAt).toBe(Date.UTC(2026, 10, 24, 9, 0, 5))
  })
})
