import { describe, expect, it } from 'vitest'
import { parseSafely, verifySafely } from './never-throws'
import type { WebhookRequest } from './types'

const req: WebhookRequest = {
  method: 'POST',
  url: new URL('https://engine.test/webhooks/telegram'),
  headers: new Headers(),
  body: '{}',
  receivedAt: 0,
}

describe('never-throwing adapter entry points', () => {
  it('turns a throwing or rejecting check into a failed one', async () => {
    expect(await verifySafely(() => Promise.resolve(true))(req)).toBe(true)
    expect(await verifySafely(() => Promise.reject(new Error('bad key')))(req)).toBe(false)
    const throwsAtOnce = () => {
      throw new Error('no header')
    }
    expect(await verifySafely(throwsAtOnce)(req)).toBe(false)
  })

  it('turns a throwing parse into an invalid request that says what was unreadable', () => {
    const ok = parseSafely('update', () => ({ kind: 'events', events: [] }))
    expect(ok(req)).toEqual({ kind: 'events', events: [] })
    const broken = parseSafely('update', () => {
      throw new Error('Maximum call stack size exceeded')
    })
    expect(broken(req)).toEqual({
      kind: 'invalid',
      reason: 'unreadable update: Maximum call stack size exceeded',
    })
    const odd = parseSafely('push', () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- code may throw anything
      throw 'a string'
    })
    expect(odd(req)).toEqual({ kind: 'invalid', reason: 'unreadable push: unknown' })
  })
})
