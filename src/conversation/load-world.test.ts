import { describe, expect, it } from 'vitest'
import { DEFAULT_SHOP_SETTINGS } from '../shop/settings'
import { DEFAULT_BUSINESS_HOURS } from '../sla/calendar'
import { DEFAULT_SLA_POLICY } from '../sla/policy'
import { pinsKey, serviceContext } from './load-world'

describe('the shop facts templates state', () => {
  it('come from the settings: the defaults say what the shop always said', () => {
    expect(
      serviceContext(DEFAULT_SHOP_SETTINGS, DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_POLICY, 'Test Shop')
    ).toEqual({ shopName: 'Test Shop', replyMinutes: 5, hoursOpen: '09:00-23:30', returnDays: 7 })
  })

  it('follow the settings when the shop changes them', () => {
    const policy = {
      ...DEFAULT_SLA_POLICY,
      scenarios: {
        ...DEFAULT_SLA_POLICY.scenarios,
        default: { ...DEFAULT_SLA_POLICY.scenarios.default, firstResponse: 600 },
      },
    }
    const ctx = serviceContext(
      { name: '小鹿家居', returnDays: 15 },
      DEFAULT_BUSINESS_HOURS,
      policy,
      'x'
    )
    expect(ctx).toMatchObject({ shopName: '小鹿家居', replyMinutes: 10, returnDays: 15 })
  })
})

describe('pins', () => {
  it('key the same versions alike, whatever the order of the templates', () => {
    const a = { flow: { id: 'default', version: 1 }, templates: { en: 2, 'zh-CN': 3 } }
    const b = { flow: { id: 'default', version: 1 }, templates: { 'zh-CN': 3, en: 2 } }
    expect(pinsKey(a)).toBe(pinsKey(b))
    expect(pinsKey(a)).not.toBe(pinsKey({ ...a, knowledge: 4 }))
  })
})
