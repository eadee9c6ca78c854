import { describe, expect, it } from 'vitest'
import { DEFAULT_FLOW } from '../flows/default-pack'
import { DEFAULT_TEMPLATES } from '../flows/default-templates'
import type { FlowPack, TemplateDoc } from '../flows/types'
import { DEFAULT_BUSINESS_HOURS } from '../sla/calendar'
import { DEFAULT_SLA_POLICY } from '../sla/policy'
import { promiseVars } from './promises'
import { refined, say, type ServiceContext } from './say'
import { initialState } from './state'

const shanghai = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`)
const ctxAt = (wall: string): ServiceContext => ({
  shopName: 'Test Shop',
  replyMinutes: 5,
  hoursOpen: '09:00-23:30',
  returnDays: 7,
  clock: { policy: DEFAULT_SLA_POLICY, calendar: DEFAULT_BUSINESS_HOURS, now: shanghai(wall) },
})
const state = { ...initialState('telegram:1', 'telegram', { id: '1' }, 0), locale: 'en' }
const published = (id: string, en: string): TemplateDoc => ({
  id,
  version: 3,
  locales: { en },
  updatedAt: '2026-12-01T00:00:00.000Z',
})
const pack = (overrides: TemplateDoc[] = []): FlowPack => ({
  flow: DEFAULT_FLOW,
  templates: { ...DEFAULT_TEMPLATES, ...Object.fromEntries(overrides.map((t) => [t.id, t])) },
})

describe('which template speaks', () => {
  it('uses the off-hours twin while nobody is staffed', () => {
    expect(say(state, pack(), ctxAt('2026-12-08 03:56'), 'handoff')[0]?.template).toBe(
      'handoff.offhours'
    )
    expect(say(state, pack(), ctxAt('2026-12-08 14:00'), 'handoff')[0]?.template).toBe('handoff')
  })

  it("never lets a bundled twin or refinement speak over the shop's own wording", () => {
    const shop = pack([
      published('handoff', 'Our team will be with you.'),
      published('holding', 'Hang on!'),
    ])
    expect(say(state, shop, ctxAt('2026-12-08 03:56'), 'handoff')[0]?.text).toBe(
      'Our team will be with you.'
    )
    expect(refined(shop, 'progress', 'holding')).toBe('holding')
    expect(refined(pack(), 'progress', 'holding')).toBe('progress')
  })

  it('records the promises a message makes', () => {
    expect(say(state, pack(), ctxAt('2026-12-08 14:00'), 'complaint')[0]?.promises).toEqual([
      'reply',
      'resolve',
    ])
    expect(say(state, pack(), ctxAt('2026-12-08 14:00'), 'farewell')[0]?.promises).toBeUndefined()
  })
})

describe('the older variables', () => {
  it('keep the formats templates were written for', () => {
    const vars = promiseVars(state, ctxAt('2026-12-08 03:56').clock!)
    expect(vars['due.time']).toBe('today at 17:00')
    expect(vars['hours.next']).toBe('today at 09:00')
    expect(vars['reply.minutes']).toBe(5)
  })
})
