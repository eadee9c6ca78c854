import { runInDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readOutbox } from '../src/conversation/state'
import { advance, conversation, drain, fakeTelegram, telegramError, view } from './helpers'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

/** The transcript rows as stored (no queued replies), and the replies waiting in the state row. */
const stored = (key: string) =>
  runInDurableObject(conversation(key), (_o, ctx) => ({
    rows: ctx.storage.sql
      .exec<{ seq: number; direction: string; status: string; attempts: number }>(
        'SELECT seq, direction, status, attempts FROM messages ORDER BY seq'
      )
      .toArray(),
    outbox: readOutbox(ctx.storage.sql).map((entry) => entry.seq),
  }))

describe('a queued reply rides in the state row', () => {
  it('is shown queued under its id, and gets its one row when sent', async () => {
    const key = 'telegram:9301'
    const tg = fakeTelegram()
    await telegramSays(9301, 'hello')
    const before = await stored(key)
    // The customer's message has a row; the greeting and the answer wait in the state row.
    expect(before.rows).toEqual([{ seq: 1, direction: 'in', status: 'received', attempts: 0 }])
    expect(before.outbox.length).toBeGreaterThan(0)
    const queued = (await view(key)).messages.filter((m) => m.direction === 'out')
    expect(queued.map((m) => m.status)).toEqual(before.outbox.map(() => 'queued'))
    expect(queued.map((m) => m.id)).toEqual(before.outbox)

    await drain(key)
    const after = await stored(key)
    expect(after.rows.slice(1)).toEqual(
      before.outbox.map((seq) => ({ seq, direction: 'out', status: 'sent', attempts: 1 }))
    )
    expect(tg.sends().map((s) => s.body.text)).toEqual(queued.map((m) => m.text))
    // Sent, so spent: the next write of the state prunes them.
    await telegramSays(9301, 'where is my order?')
    const next = await stored(key)
    // The answer to the new message is queued; the sent ones are gone from the row.
    expect(next.outbox.length).toBeGreaterThan(0)
    expect(next.outbox.every((seq) => seq > before.outbox.at(-1)!)).toBe(true)
  })

  it('keeps transcript order: a message arriving before the send comes after the reply it answered', async () => {
    const key = 'telegram:9302'
    fakeTelegram()
    await telegramSays(9302, 'hello')
    const queued = (await stored(key)).outbox
    await telegramSays(9302, 'are you there?')
    const { rows } = await stored(key)
    // The second message took the id after the queued replies, not one of theirs.
    expect(rows.map((r) => r.seq)).toEqual([1, queued.at(-1)! + 1])
    await drain(key)
    const transcript = (await view(key)).messages
    expect(transcript.map((m) => m.id)).toEqual(
      [...transcript.map((m) => m.id)].sort((a, b) => a - b)
    )
    expect(transcript[0]?.text).toBe('hello')
    expect(transcript.filter((m) => m.direction === 'out').every((m) => m.status === 'sent')).toBe(
      true
    )
  })

  it('gets its row at the first failed attempt, and later attempts update that row', async () => {
    const key = 'telegram:9303'
    const tg = fakeTelegram([() => telegramError(502, 'Bad Gateway')])
    await telegramSays(9303, 'hello')
    const queued = (await stored(key)).outbox
    await drain(key, 1)
    const failed = await stored(key)
    expect(failed.rows.find((r) => r.seq === queued[0])).toEqual({
      seq: queued[0],
      direction: 'out',
      status: 'queued',
      attempts: 1,
    })
    // The queue holds behind it: nothing after it was sent.
    expect(tg.sends()).toHaveLength(1)
    const shown = (await view(key)).messages.find((m) => m.id === queued[0])
    expect(shown?.error).toContain('Bad Gateway')
    await advance(key, 60_000)
    await drain(key)
    const done = await stored(key)
    expect(done.rows.filter((r) => r.direction === 'out')).toEqual(
      queued.map((seq, i) => ({ seq, direction: 'out', status: 'sent', attempts: i === 0 ? 2 : 1 }))
    )
  })
})
