import { describe, expect, it } from 'vitest'
import { retryAfterMs } from './retry-after'

const NOW = Date.parse('2026-01-02T03:04:05Z')

describe('retryAfterMs', () => {
  it('reads whole seconds, trimmed', () => {
    expect(retryAfterMs('7')).toBe(7000)
    expect(retryAfterMs(' 2 ')).toBe(2000)
    expect(retryAfterMs('0')).toBe(0)
  })

  it('gives undefined when absent or unreadable, so each caller applies its own default', () => {
    expect(retryAfterMs(null)).toBeUndefined()
    expect(retryAfterMs('  ')).toBeUndefined()
    expect(retryAfterMs('-1')).toBeUndefined()
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(null) ?? 1000).toBe(1000)
  })

  it('takes fractions and caps digits only when the caller says so', () => {
    expect(retryAfterMs('1.5')).toBeUndefined()
    expect(retryAfterMs('1.5', { fractions: true })).toBe(1500)
    expect(retryAfterMs('1234567')).toBe(1_234_567_000)
    expect(retryAfterMs('1234567', { maxDigits: 6 })).toBeUndefined()
    expect(retryAfterMs('123456', { maxDigits: 6 })).toBe(123_456_000)
  })

  it('reads an HTTP date only with a clock, never as a negative wait', () => {
    const date = 'Fri, 02 Jan 2026 03:04:35 GMT'
    expect(retryAfterMs(date)).toBeUndefined()
    expect(retryAfterMs(date, { now: NOW })).toBe(30_000)
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:00 GMT', { now: NOW })).toBe(0)
    expect(retryAfterMs('not a date', { now: NOW })).toBeUndefined()
  })
})
