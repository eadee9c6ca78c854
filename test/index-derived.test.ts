import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { commitReceipt } from '../src/conversation/inbound'
import { migrate } from '../src/conversation/schema'
import { owedAt } from '../src/conversation/state'
import { conversation, drain, fakeTelegram } from './helpers'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

const timers = (key: string) =>
  runInDurableObject(conversation(key), (_o, ctx) => ({
    rows: ctx.storage.sql
      .exec<{ id: string }>('SELECT id FROM timers')
      .toArray()
      .map((r) => r.id),
    indexDue: owedAt(ctx.storage.sql, 'index') !== null,
  }))

const listed = (key: string) =>
  env.DB.prepare('SELECT last_message FROM conversations WHERE key = ?')
    .bind(key)
    .first<{ last_message: string }>()

describe('the index row after an outcome that sends nothing', () => {
  it('is due from the state row (no timer row), written by the alarm, and written again after an eviction', async () => {
    const key = 'telegram:9501'
    fakeTelegram()
    await telegramSays(9501, 'hello')
    await drain(key)
    const taken = await conversation(key).assign({ agent: 'Mia' })
    expect(taken.ok).toBe(true)
    await drain(key)
    // A person owns the conversation; the first message may get a holding reply, the next gets
    // none, and then the row says the index is due.
    await telegramSays(9501, 'is my parcel on its way?')
    await drain(key)
    const before = await timers(key)
    await telegramSays(9501, 'it was due on Monday')
    const due = await timers(key)
    expect(due.indexDue).toBe(true)
    expect(due.rows).toEqual(before.rows)
    expect(due.rows).not.toContain('index')
    await drain(key)
    expect(await listed(key)).toEqual({ last_message: 'it was due on Monday' })
    expect((await timers(key)).indexDue).toBe(false)
    // A new instance can't know it was written: it writes it once more, and then knows.
    // (evictDurableObject would wait out the adapter's request timeout after an alarm that sent.)
    await expect(
      runInDurableObject(conversation(key), (_o, ctx) => {
        ctx.abort('simulated eviction')
      })
    ).rejects.toThrow(/eviction/)
    expect((await timers(key)).indexDue).toBe(true)
    await drain(key)
    expect((await timers(key)).indexDue).toBe(false)
  })

  it('gets a timer row with backoff when D1 fails', async () => {
    const key = 'telegram:9502'
    fakeTelegram()
    await telegramSays(9502, 'hello')
    await drain(key)
    await conversation(key).assign({ agent: 'Mia' })
    await drain(key)
    await telegramSays(9502, 'anyone there?')
    await runInDurableObject(conversation(key), async (instance) => {
      const failing = new Proxy(env.DB, {
        get: (target, prop) =>
          prop === 'prepare'
            ? () => {
                throw new Error('D1 is down')
              }
            : (Reflect.get(target, prop) as unknown),
      })
      // The object's env is the test env: swap its D1 for one that fails, for one alarm.
      const own = (instance as unknown as { env: Env }).env
      const real = own.DB
      own.DB = failing
      try {
        await instance.alarm()
      } finally {
        own.DB = real
      }
    })
    const after = await runInDurableObject(conversation(key), (_o, ctx) =>
      ctx.storage.sql
        .exec<{ id: string; attempts: number; due_at: number }>(
          "SELECT id, attempts, due_at FROM timers WHERE id = 'index'"
        )
        .toArray()
    )
    expect(after).toHaveLength(1)
    expect(after[0]?.attempts).toBe(1)
  })
})

describe('a delivery receipt', () => {
  it('leaves the index row alone unless the message failed (the only thing it lists)', async () => {
    await runInDurableObject(conversation('whatsapp:receipts-1'), (_o, ctx) => {
      const sql = ctx.storage.sql
      migrate(sql)
      sql.exec(
        "INSERT INTO messages (seq, kind, direction, author, text, status, platform_id, at) VALUES (1, 'message', 'out', 'bot', 'hi', 'sent', 'wamid.1', 1)"
      )
      const receipt = (externalId: string, status: 'delivered' | 'read' | 'failed') =>
        commitReceipt(
          sql,
          {
            type: 'status',
            channel: 'whatsapp',
            conversationKey: 'whatsapp:receipts-1',
            externalId,
            sender: { id: '1', isBot: false },
            sentAt: 2,
            raw: null,
            platformMessageId: 'wamid.1',
            status,
          },
          2
        )
      const indexRows = () => sql.exec("SELECT id FROM timers WHERE id = 'index'").toArray()
      expect(receipt('r1', 'delivered')).toBe(1)
      expect(receipt('r2', 'read')).toBe(1)
      expect(indexRows()).toEqual([])
      expect(receipt('r3', 'failed')).toBe(1)
      expect(indexRows()).toEqual([{ id: 'index' }])
    })
  })
})

describe('the report rows of a case that opens', () => {
  it('are owed by the state row (no timer row) and written by the alarm', async () => {
    const key = 'telegram:9503'
    fakeTelegram()
    await telegramSays(9503, 'hello')
    const owed = await runInDurableObject(conversation(key), (_o, ctx) => ({
      rows: ctx.storage.sql.exec('SELECT id FROM timers').toArray(),
      report: owedAt(ctx.storage.sql, 'report') !== null,
    }))
    expect(owed).toEqual({ rows: [], report: true })
    await drain(key)
    expect(
      await runInDurableObject(conversation(key), (_o, ctx) => owedAt(ctx.storage.sql, 'report'))
    ).toBeNull()
    const facts = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM case_facts WHERE conversation_key = ?'
    )
      .bind(key)
      .first<{ n: number }>()
    expect(facts?.n).toBe(1)
  })
})

describe('the archive of a resolved case', () => {
  it('is owed by the state row (no timer row) and written by the alarm', async () => {
    const key = 'telegram:9504'
    fakeTelegram()
    await telegramSays(9504, 'hello')
    await drain(key)
    const resolved = await conversation(key).resolve({ by: 'Mia', solution: 'answered' })
    expect(resolved.ok).toBe(true)
    const owed = await runInDurableObject(conversation(key), (_o, ctx) => ({
      caseRow: ctx.storage.sql.exec("SELECT id FROM timers WHERE id = 'case'").toArray(),
      owed: owedAt(ctx.storage.sql, 'case') !== null,
    }))
    expect(owed).toEqual({ caseRow: [], owed: true })
    await drain(key)
    expect(
      await runInDurableObject(conversation(key), (_o, ctx) => owedAt(ctx.storage.sql, 'case'))
    ).toBeNull()
    const archived = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM cases WHERE conversation_key = ?'
    )
      .bind(key)
      .first<{ n: number }>()
    expect(archived?.n).toBe(1)
  })
})
