import { evictDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  advance,
  conversation,
  drain,
  fakeTelegram,
  postTelegram,
  telegramError,
  telegramText,
  view,
} from './helpers'
import { telegramPresses, telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

describe('a signed Telegram update', () => {
  it('is stored once and answered once under duplicate delivery', async () => {
    const tg = fakeTelegram()
    const update = telegramText(9001, 'Where is my order?')
    const first = await postTelegram(update)
    const retry = await postTelegram(update)
    expect([first.status, retry.status]).toEqual([200, 200])
    expect(tg.calls).toHaveLength(0) // nothing leaves from the ingress path

    await drain('telegram:9001')
    await postTelegram(update) // a late redelivery after the answer went out
    await drain('telegram:9001')

    const v = await view('telegram:9001')
    const inbound = v.messages.filter((m) => m.direction === 'in')
    expect(inbound.map((m) => m.text)).toEqual(['Where is my order?'])
    const outbound = v.messages.filter((m) => m.direction === 'out')
    expect(outbound.length).toBeGreaterThanOrEqual(2) // introduction + the order step
    expect(outbound.every((m) => m.status === 'sent')).toBe(true)
    expect(tg.sends()).toHaveLength(outbound.length)
    expect(outbound[0]?.template).toBe('intro')
    expect(v.state.intent).toBe('order')
  })

  it('records an edit on the original message instead of a new one', async () => {
    fakeTelegram()
    await postTelegram(telegramText(9002, 'hello', 7001))
    await postTelegram({
      update_id: 7002,
      edited_message: {
        message_id: 7001,
        from: { id: 9002, is_bot: false, first_name: 'Ada' },
        chat: { id: 9002, type: 'private' },
        date: 1_700_000_000,
        edit_date: 1_700_000_100,
        text: 'hello again',
      },
    })
    const inbound = (await view('telegram:9002')).messages.filter((m) => m.direction === 'in')
    expect(inbound).toHaveLength(1)
    expect(inbound[0]?.text).toBe('hello again')
    expect(inbound[0]?.editedAt).toBeTypeOf('number')
  })

  it('answers a button press and always acknowledges the callback query', async () => {
    const tg = fakeTelegram()
    await telegramSays(9003, 'hi')
    await drain('telegram:9003')
    await telegramPresses(9003, 'topic.return')
    await drain('telegram:9003')
    expect(tg.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1)
    const v = await view('telegram:9003')
    expect(v.state.intent).toBe('aftersale')
    expect(v.messages.at(-1)?.status).toBe('sent')
  })
})

describe('delivery', () => {
  it('survives a platform 500 then a 429 and delivers exactly once', async () => {
    const tg = fakeTelegram([
      () => telegramError(500, 'Internal Server Error'),
      () => telegramError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
    ])
    const key = 'telegram:9101'
    await telegramSays(9101, '你好')

    await drain(key)
    let first = (await view(key)).messages.find((m) => m.direction === 'out')
    expect(first).toMatchObject({ status: 'queued', attempts: 1 })
    expect(first?.error).toContain('Internal Server Error')

    await advance(key, 2_000) // exponential backoff: 2 s after the first failure
    await drain(key)
    first = (await view(key)).messages.find((m) => m.direction === 'out')
    expect(first).toMatchObject({ status: 'queued', attempts: 2 })

    await advance(key, 5_000) // the platform said 7 s: not yet
    await drain(key)
    expect(tg.sends()).toHaveLength(2)

    await advance(key, 2_500)
    await drain(key)
    const v = await view(key)
    const out = v.messages.filter((m) => m.direction === 'out')
    expect(out.every((m) => m.status === 'sent')).toBe(true)
    expect(out[0]?.attempts).toBe(3)
    const texts = tg.sends().map((c) => c.body.text)
    expect(texts.filter((t) => t === texts[0])).toHaveLength(3) // 500, 429, then the one delivery
    expect(new Set(texts).size).toBe(out.length)
  })

  it('marks a message failed on a 400 and keeps sending the rest', async () => {
    const tg = fakeTelegram([() => telegramError(400, 'Bad Request: chat not found')])
    const key = 'telegram:9102'
    await telegramSays(9102, 'I want to return this')
    await drain(key)
    const out = (await view(key)).messages.filter((m) => m.direction === 'out')
    expect(out[0]).toMatchObject({ status: 'failed', error: 'Bad Request: chat not found' })
    expect(out.slice(1).every((m) => m.status === 'sent')).toBe(true)
    expect(tg.sends()).toHaveLength(out.length)
  })

  it('still sends the reply when the object is evicted between ingest and alarm', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:9103'
    await telegramSays(9103, 'hello')
    await evictDurableObject(conversation(key))
    await drain(key)
    const v = await view(key)
    expect(v.messages.filter((m) => m.direction === 'out').every((m) => m.status === 'sent')).toBe(
      true
    )
    expect(tg.sends().length).toBeGreaterThan(0)
  })
})

describe('messages from other bots', () => {
  it('are stored but never answered', async () => {
    const tg = fakeTelegram()
    const update = telegramText(9201, 'hello from another bot')
    update.message.from = { ...update.message.from, is_bot: true }
    await postTelegram(update)
    await drain('telegram:9201')
    const v = await view('telegram:9201')
    expect(v.messages.map((m) => m.direction)).toEqual(['in'])
    expect(tg.sends()).toHaveLength(0)
  })
})
