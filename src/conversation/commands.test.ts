import { describe, expect, it } from 'vitest'
import { DEFAULT_ESCALATION_RULES } from '../escalation/default-rules'
import { DEFAULT_FLOW } from '../flows/default-pack'
import { DEFAULT_TEMPLATES } from '../flows/default-templates'
import { DEFAULT_BUSINESS_HOURS } from '../sla/calendar'
import { onCustomerMessage } from '../sla/engine'
import { DEFAULT_SLA_POLICY } from '../sla/policy'
import { serveRelease, serveSlaTimer } from './commands'
import { initialState } from './state'
import type { ConversationState } from './types'
import { worldAt } from './world'

const shanghai = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`)
const world = (wall: string) =>
  worldAt(
    {
      pack: { flow: DEFAULT_FLOW, templates: DEFAULT_TEMPLATES },
      ctx: { shopName: 'Test Shop', replyMinutes: 5, hoursOpen: '09:00-23:30', returnDays: 7 },
      policy: DEFAULT_SLA_POLICY,
      calendar: DEFAULT_BUSINESS_HOURS,
      rules: DEFAULT_ESCALATION_RULES,
    },
    shanghai(wall)
  )

/** A level-2 case owned by a person, waiting on a reply promised at 14:00. */
const waiting = (): ConversationState => {
  const start = world('2026-12-07 14:00')
  const base = initialState('telegram:1', 'telegram', { id: '1' }, start.now)
  const sla = onCustomerMessage(
    base.sla,
    {
      policy: start.policy,
      calendar: start.calendar,
      scenario: 'default',
      level: 2,
      now: start.now,
    },
    false
  ).sla
  return { ...base, owner: 'human', level: 2, sla, promised: ['reply'] }
}

describe('a breach', () => {
  it('on a level-2 case alerts risk and PR, and renews the reply promise once', () => {
    const first = serveSlaTimer(waiting(), 'first_response', world('2026-12-07 14:06'))
    expect(first.notices.map((n) => n.team).sort()).toEqual(['pr', 'risk'])
    expect(first.replies.map((r) => r.template)).toEqual(['promise.update'])
    expect(first.state.renewed).toEqual(['first_response'])
  })
})

describe('release', () => {
  it('clears the promises the customer held, so a later handoff starts afresh', () => {
    const released = serveRelease(
      { ...waiting(), renewed: ['first_response'] },
      world('2026-12-07 14:02')
    )
    expect(released.state).toMatchObject({ owner: 'bot', promised: [], renewed: [] })
  })
})
