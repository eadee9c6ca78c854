import { describe, expect, it } from 'vitest'
import { formatTime, shortDuration, slaTone } from './format'

describe('SLA badge arithmetic', () => {
  it('turns amber under 20% of the budget and red once the deadline passed', () => {
    expect(slaTone(1000, 0, 0)).toBe('ok')
    expect(slaTone(1000, 0, 799)).toBe('ok')
    expect(slaTone(1000, 0, 801)).toBe('warn')
    expect(slaTone(1000, 0, 1000)).toBe('breach')
    // Without a known start, the last five minutes are amber.
    expect(slaTone(600_000, null, 0)).toBe('ok')
    expect(slaTone(600_000, null, 301_000)).toBe('warn')
  })

  it('shows at most two units', () => {
    expect(shortDuration(45_000)).toBe('45s')
    expect(shortDuration(-125_000)).toBe('2m')
    expect(shortDuration(4_800_000)).toBe('1h 20m')
    expect(shortDuration(2 * 86_400_000 + 3 * 3_600_000 + 5_000)).toBe('2d 3h')
  })

  it('formats times in the shop zone, with the date only when not today', () => {
    const now = Date.UTC(2026, 11, 4, 12, 0)
    expect(formatTime(Date.UTC(2026, 11, 4, 1, 5), 'en', 'Asia/Shanghai', now)).toBe('09:05')
    expect(formatTime(Date.UTC(2026, 11, 2, 1, 5), 'zh-CN', 'Asia/Shanghai', now)).toMatch(
      /12月2日.*09:05/
    )
  })
})
