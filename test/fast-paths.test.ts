import { env, exports } from 'cloudflare:workers'
import { evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { isWebhookUrl } from '../src/app'
import { migrate } from '../src/conversation/schema'
import {
  initialState,
  readOutbox,
  readState,
  transact,
  writeState,
} from '../src/conversation/state'

const get = (path: string, init?: RequestInit) =>
  exports.default.fetch(new Request(`https://engine.test${path}`, init))

describe('the webhook fast path', () => {
  it('knows a webhook URL from its path alone', () => {
    expect(isWebhookUrl('https://engine.test/webhooks/telegram')).toBe(true)
    expect(isWebhookUrl('https://engine.test/webhooks/telegram?x=1')).toBe(true)
    expect(isWebhookUrl('http://127.0.0.1:8787/webhooks/webchat')).toBe(true)
    expect(isWebhookUrl('https://engine.test/webhooks')).toBe(false)
    expect(isWebhookUrl('https://engine.test/api/v1/webhooks/telegram')).toBe(false)
    expect(isWebhookUrl('https://webhooks.test/chat')).toBe(false)
    expect(isWebhookUrl('https://engine.test/webhooksx/telegram')).toBe(false)
  })

  it('answers unknown and unconfigured webhooks as the whole app does', async () => {
    const unknown = await get('/webhooks/carrier-pigeon', { method: 'POST', body: '{}' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })
    const deeper = await get('/webhooks/telegram/extra', { method: 'POST', body: '{}' })
    expect(deeper.status).toBe(404)
    expect(await deeper.json()).toMatchObject({
      error: { code: 'not_found', message: 'no route for POST /webhooks/telegram/extra' },
    })
    const wrongMethod = await get('/webhooks/telegram', { method: 'PUT', body: '{}' })
    expect(wrongMethod.status).toBe(404)
  })
})

describe('the parsed state cache', () => {
  it('reads the row once per version, frozen, and never serves a rolled-back write', async () => {
    await runInDurableObject(env.CONVERSATION.getByName('telegram:state-cache-1'), (_o, ctx) => {
      const sql = ctx.storage.sql
      migrate(sql)
      const first = initialState('telegram:state-cache-1', 'telegram', { id: '1' }, 1000)
      writeState(sql, first)
      const read = readState(sql)
      expect(read).toEqual(first)
      // The same object until the row changes, and nobody can change it in place.
      expect(readState(sql)).toBe(read)
      expect(Object.isFrozen(read)).toBe(true)
      expect(Object.isFrozen(read?.sla)).toBe(true)
      expect(() => {
        ;(read as { stage: string }).stage = 'closing'
      }).toThrow(TypeError)

      const second = { ...first, stage: 'closing' as const, updatedAt: 2000 }
      writeState(sql, second)
      expect(readState(sql)?.stage).toBe('closing')

      // A write in a transaction that rolls back leaves the row, and so what is read, as it was.
      expect(() =>
        transact(ctx.storage, sql, () => {
          writeState(sql, { ...second, stage: 'resolved' as never, updatedAt: 3000 })
          throw new Error('roll back')
        })
      ).toThrow('roll back')
      expect(readState(sql)?.stage).toBe('closing')
      expect(readState(sql)?.updatedAt).toBe(2000)
    })
  })

  it('is read afresh by a new instance, queued replies with it', async () => {
    const key = 'telegram:state-cache-2'
    await runInDurableObject(env.CONVERSATION.getByName(key), (_o, ctx) => {
      const sql = ctx.storage.sql
      migrate(sql)
      const state = initialState(key, 'telegram', { id: '2' }, 1000)
      writeState(sql, state, { outbox: [{ seq: 1, at: 1000, author: 'bot', text: 'hi' }] })
    })
    await evictDurableObject(env.CONVERSATION.getByName(key))
    await runInDurableObject(env.CONVERSATION.getByName(key), (_o, ctx) => {
      expect(readState(ctx.storage.sql)?.key).toBe(key)
      expect(readOutbox(ctx.storage.sql)).toEqual([{ seq: 1, at: 1000, author: 'bot', text: 'hi' }])
    })
  })
})
