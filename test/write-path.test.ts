import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { writeIndex } from '../src/conversation/index-row'
import { readState, writeState } from '../src/conversation/state'
import { writeSummary, type ConversationSummary } from '../src/tables/conversations'
import { conversation, drain, fakeTelegram } from './helpers'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

/** D1 with every statement's billed rows written recorded. */
const counting = () => {
  const written: number[] = []
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop)
        return typeof value === 'function' ? value.bind(target) : value
      }
      return (query: string) => ({
        bind: (...values: unknown[]) => ({
          run: async () => {
            const result = await target
              .prepare(query)
              .bind(...values)
              .run()
            // Not every driver reports rows_written, whatever the type says.
            written.push((result.meta.rows_written as number | undefined) ?? 0)
            return result
          },
        }),
      })
    },
  })
  return { db, written }
}

const summary = (over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  key: 'telegram:summary-1',
  channel: 'telegram',
  status: 'open',
  owner: 'bot',
  level: 0,
  stage: 'greeting',
  intent: null,
  locale: 'en',
  customerName: 'Ada',
  agent: null,
  lastMessage: 'hi',
  lastMessageAt: 1,
  failedMessages: 0,
  createdAt: 1,
  updatedAt: 1,
  nextDueAt: null,
  breaches: 0,
  csat: null,
  escalatedAt: null,
  escalationReasons: null,
  expectedResolutionAt: null,
  waitingSince: null,
  searchText: 'ada',
  ...over,
})

const row = () =>
  env.DB.prepare(
    "SELECT last_message, updated_at, owner, agent FROM conversations WHERE key = 'telegram:summary-1'"
  ).first()

describe('the conversation index row', () => {
  it('costs one D1 row per ordinary message, and is never overwritten by an older summary', async () => {
    const { db, written } = counting()
    await writeSummary(db, summary())
    expect(written.reduce((a, b) => a + b, 0)).toBeGreaterThan(1) // a new row and its index entries
    written.length = 0
    await writeSummary(
      db,
      summary({
        updatedAt: 5,
        lastMessage: 'where is my parcel?',
        nextDueAt: 99,
        searchText: 'ada parcel',
      })
    )
    expect(written).toEqual([1])
    written.length = 0
    await writeSummary(db, summary({ updatedAt: 3, lastMessage: 'stale' }))
    expect(written.reduce((a, b) => a + b, 0)).toBe(0)
    expect(await row()).toEqual({
      last_message: 'where is my parcel?',
      updated_at: 5,
      owner: 'bot',
      agent: null,
    })
  })

  it('takes the full write when a column an index holds changes (a handoff)', async () => {
    const { db } = counting()
    await writeSummary(
      db,
      summary({ updatedAt: 7, owner: 'human', agent: 'Mia', lastMessage: 'a person, please' })
    )
    expect(await row()).toEqual({
      last_message: 'a person, please',
      updated_at: 7,
      owner: 'human',
      agent: 'Mia',
    })
  })
})

describe('a desk reply delivered twice at once', () => {
  it('is sent once', async () => {
    const { conversation, drain, fakeTelegram, postTelegram, telegramText } =
      await import('./helpers')
    const tg = fakeTelegram()
    const key = 'telegram:9901'
    await postTelegram(telegramText(9901, 'Is the blue one in stock?'))
    await drain(key)
    const reply = {
      text: 'Yes, size M and L are in stock.',
      agent: 'Mia',
      externalId: 'slack:desk:1712345678.000100',
    }
    await Promise.all([conversation(key).agentReply(reply), conversation(key).agentReply(reply)])
    await drain(key)
    expect(tg.sends().filter((s) => s.body.text === reply.text)).toHaveLength(1)
  })
})

describe('the index row of a conversation whose listed fields did not change', () => {
  it('is not written again (a delivery receipt, a retried job), and is once they change', async () => {
    const key = 'telegram:9401'
    fakeTelegram()
    await telegramSays(9401, 'hello')
    await drain(key)
    await runInDurableObject(conversation(key), async (_o, ctx) => {
      const { db, written } = counting()
      const shell = {
        sql: ctx.storage.sql,
        env: { ...env, DB: db },
        now: () => Date.now(),
        broadcast: () => undefined,
      }
      await writeIndex(shell)
      expect(written).toEqual([])
      const state = readState(ctx.storage.sql)
      if (!state) throw new Error('no state')
      writeState(ctx.storage.sql, { ...state, owner: 'human', updatedAt: state.updatedAt + 1 })
      await writeIndex(shell)
      expect(written.length).toBeGreaterThan(0)
    })
  })
})
