import { afterEach, describe, expect, it } from 'vitest'
import { vi } from 'vitest'
import { drain, fakeTelegram, view } from './helpers'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

describe('a send whose answer never came', () => {
  it('is not sent again by itself: it is marked unknown for an agent, and later replies still go out', async () => {
    const key = 'telegram:9201'
    // The platform takes the message, but its answer is lost (our side times out).
    const tg = fakeTelegram([
      (body, method) => {
        if (method !== 'sendMessage') return undefined
        throw new DOMException(
          `The operation was aborted due to timeout (${String(body.text).slice(0, 10)})`,
          'TimeoutError'
        )
      },
    ])
    await telegramSays(9201, 'hello')
    await drain(key)
    const first = tg.sends()
    expect(first).toHaveLength(2) // the timed-out greeting reached the platform once, and the next reply went out
    const v = await view(key)
    const unknown = v.messages.find((m) => m.direction === 'out' && m.delivery === 'unknown')
    expect(unknown).toMatchObject({ status: 'failed' })
    expect(unknown?.error).toContain('may have been delivered')
    // Nothing repeats it later either.
    await drain(key)
    expect(tg.sends()).toHaveLength(2)
  })
})
