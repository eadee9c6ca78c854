import { describe, expect, it } from 'vitest'
import { isUncertain, planAfterSend } from './retry'

const fail = (reason: string, extra: object = {}) => ({
  ok: false as const,
  retryable: true,
  reason,
  ...extra,
})

describe('after a send', () => {
  it('treats a timeout or a cut connection as uncertain, a refused one as safe to repeat', () => {
    expect(isUncertain(fail('network: The operation was aborted due to timeout'))).toBe(true)
    expect(isUncertain(fail('network: timed out'))).toBe(true)
    expect(isUncertain(fail('network: connection reset by peer'))).toBe(true)
    expect(isUncertain(fail('network: getaddrinfo ENOTFOUND api.telegram.org'))).toBe(false)
    expect(isUncertain(fail('network: connect ECONNREFUSED'))).toBe(false)
    expect(isUncertain(fail('HTTP 502'))).toBe(false)
  })

  it('never repeats an uncertain send by itself unless the platform drops duplicates', () => {
    const timeout = fail('network: The operation was aborted due to timeout')
    expect(planAfterSend(timeout, 1, 0, 1000)).toMatchObject({ action: 'unknown' })
    expect(planAfterSend(timeout, 1, 0, 1000, true)).toMatchObject({ action: 'retry' })
    expect(planAfterSend({ ...timeout, safeToRepeat: true }, 1, 0, 1000)).toMatchObject({
      action: 'retry',
    })
    expect(planAfterSend(fail('network: connect ECONNREFUSED'), 1, 0, 1000)).toMatchObject({
      action: 'retry',
    })
    expect(planAfterSend(fail('HTTP 503'), 1, 0, 1000)).toMatchObject({ action: 'retry', at: 3000 })
  })
})
