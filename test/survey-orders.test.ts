import { afterEach, describe, expect, it, vi } from 'vitest'
import { ADMIN, advance, api, drain, fakeTelegram, view } from './helpers'
import { adminSend as post } from './support/admin-api'
import { telegramPresses, telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

const event = (body: Record<string, unknown>) => post('/api/v1/events', body)
const HOUR = 3600_000

describe('satisfaction survey', () => {
  it('is sent once per resolution and stores the rating and a comment', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:6001'
    await telegramSays(6001, 'I want to return a jacket')
    await drain(key)
    await post(`/api/v1/conversations/${key}/resolve`, { solution: 'return label sent' })
    await post(`/api/v1/conversations/${key}/resolve`)
    await drain(key)
    const survey = tg.sends().filter((c) => String(c.body.text).includes('rate'))
    expect(survey).toHaveLength(1)
    expect(JSON.stringify(survey[0]?.body.reply_markup)).toContain('csat.5')

    await telegramPresses(6001, 'csat.4')
    await telegramPresses(6001, 'csat.1') // a second press does not change it
    await drain(key)
    await telegramSays(6001, 'Quick and friendly, thanks')
    await drain(key)
    const v = await view(key)
    expect(v.state.survey).toMatchObject({ rating: 4, comment: 'Quick and friendly, thanks' })
    expect(v.state.status).toBe('resolved')
    const cases = (await (await api('/api/v1/cases?rating=4', { headers: ADMIN })).json()) as {
      cases: Record<string, unknown>[]
    }
    expect(cases.cases).toEqual([
      expect.objectContaining({
        conversationKey: key,
        rating: 4,
        comment: 'Quick and friendly, thanks',
        solution: 'return label sent',
        category: 'aftersale',
      }),
    ])
  })

  it('hands a low rating to a person for follow-up', async () => {
    fakeTelegram()
    const key = 'telegram:6002'
    await telegramSays(6002, 'where is my order')
    await drain(key)
    await post(`/api/v1/conversations/${key}/resolve`)
    await drain(key)
    await telegramSays(6002, '1')
    await drain(key)
    const v = await view(key)
    expect(v.state.survey?.rating).toBe(1)
    expect(v.state).toMatchObject({ owner: 'human', status: 'open' })
    // Whatever the hour the suite runs at: the off-hours twin says when the supervisor is back.
    expect(v.messages.at(-1)?.template).toMatch(/^survey\.low(\.offhours)?$/)
  })
})

describe('order events', () => {
  it('reminds about an unpaid order after the delay, once', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:6101'
    expect(
      (
        await event({
          type: 'order.created',
          conversationKey: key,
          orderId: 'A1001',
          amount: 199,
          currency: 'CNY',
        })
      ).status
    ).toBe(202)
    await drain(key)
    expect(tg.sends()).toHaveLength(0)
    await advance(key, 12 * HOUR + 15 * HOUR) // past the delay, whatever the hour of the day
    await drain(key)
    await advance(key, 24 * HOUR)
    await drain(key)
    const reminders = tg.sends().filter((c) => String(c.body.text).includes('A1001'))
    expect(reminders).toHaveLength(1)
    expect((await view(key)).state.orders.A1001).toMatchObject({
      status: 'created',
      remindedAt: expect.any(Number),
    })
  })

  it('cancels the reminder when the order is paid', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:6102'
    await event({ type: 'order.created', conversationKey: key, orderId: 'A1002' })
    await event({ type: 'order.paid', conversationKey: key, orderId: 'A1002' })
    await advance(key, 48 * HOUR)
    await drain(key)
    expect(tg.sends()).toHaveLength(0)
    expect((await view(key)).state.orders.A1002).toMatchObject({
      status: 'paid',
      reminderDueAt: null,
      remindedAt: null,
    })
  })

  it('cancels the reminder when the order is cancelled, and sends tracking on shipping', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:6103'
    await event({ type: 'order.created', conversationKey: key, orderId: 'A1003' })
    await event({ type: 'order.cancelled', conversationKey: key, orderId: 'A1003' })
    await event({ type: 'order.created', conversationKey: key, orderId: 'A1004' })
    await event({ type: 'order.paid', conversationKey: key, orderId: 'A1004' })
    await event({
      type: 'order.shipped',
      conversationKey: key,
      orderId: 'A1004',
      tracking: 'SF123456789',
      carrier: 'SF Express',
    })
    await advance(key, 48 * HOUR)
    await drain(key)
    const texts = tg.sends().map((c) => String(c.body.text))
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('SF123456789')
    expect(texts[0]).toContain('A1004')
  })

  it('rejects unknown event types and bad keys with 400', async () => {
    expect(
      (await event({ type: 'order.exploded', conversationKey: 'telegram:1', orderId: 'x' })).status
    ).toBe(400)
    expect(
      (await event({ type: 'order.paid', conversationKey: 'nope', orderId: 'x' })).status
    ).toBe(400)
  })
})
