import { describe, expect, it } from 'vitest'
import { VARIABLES, formatValue, isKnownVariable } from './variables'

describe('variable registry', () => {
  it('has the variables templates rely on, with types', () => {
    expect(VARIABLES['shop.name'].type).toBe('text')
    expect(VARIABLES['order.id'].type).toBe('order_id')
    expect(VARIABLES['customer.phone'].type).toBe('phone')
    expect(VARIABLES['return.days'].type).toBe('number')
    expect(VARIABLES['reply.minutes'].type).toBe('number')
    expect(VARIABLES['hours.open'].example).toBe('09:00-23:30')
    for (const name of ['customer.name', 'agent.name']) expect(isKnownVariable(name)).toBe(true)
  })

  it('knows only its own names', () => {
    expect(isKnownVariable('order.idd')).toBe(false)
    expect(isKnownVariable('constructor')).toBe(false)
    expect(isKnownVariable('__proto__')).toBe(false)
  })
})

describe('formatValue', () => {
  it('groups numbers per locale and keeps non-numbers as text', () => {
    expect(formatValue('number', 1234567, 'en')).toBe('1,234,567')
    expect(formatValue('number', '1234567', 'zh-CN')).toBe('1,234,567')
    expect(formatValue('number', 1234.5, 'de')).toBe('1.234,5')
    expect(formatValue('number', 7, 'not a locale!')).toBe('7')
    expect(formatValue('number', 'soon', 'en')).toBe('soon')
  })

  it('trims, caps at 200 characters and removes control characters', () => {
    expect(formatValue('text', '  Amy\u0007 \u202eLee\r\n ', 'en')).toBe('Amy Lee')
    expect(formatValue('text', '好'.repeat(300), 'zh-CN')).toBe('好'.repeat(200))
    expect(formatValue('text', '😀'.repeat(300), 'en')).toBe('😀'.repeat(200))
    expect(formatValue('order_id', ' A123\u0000456 ', 'en')).toBe('A123456')
  })
})
