import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ADMIN, advance, api, drain, fakeTelegram, view } from './helpers'
import { closedWeek } from './support/hours'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

beforeAll(async () => {
  // Staffed one minute a week: every test message lands outside staffed hours.
  const weekly = { ...closedWeek(), mon: [{ start: '09:00', end: '09:01' }] }
  const res = await api('/api/v1/settings/business-hours', {
    method: 'PUT',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ timeZone: 'Asia/Shanghai', weekly, holidays: [], special: [] }),
  })
  expect(res.status).toBe(200)
})

describe('outside staffed hours', () => {
  it('answers as usual and says when people are back, once a day', async () => {
    fakeTelegram()
    const key = 'telegram:7301'
    await telegramSays(7301, 'I want to return a jacket')
    await drain(key)
    let out = (await view(key)).messages.filter((m) => m.direction === 'out')
    // Who is answering, when people are back, then the answer.
    expect(out.map((m) => m.template)).toEqual(['intro', 'offhours', 'return.policy'])
    expect(out[1]?.text).toMatch(/Mon|Monday|09:00/)

    await telegramSays(7301, 'where is my order?')
    await drain(key)
    out = (await view(key)).messages.filter((m) => m.direction === 'out')
    expect(out.filter((m) => m.template === 'offhours')).toHaveLength(1)
  })

  it('stays quiet about hours right after an agent answered, and tells again the next day', async () => {
    fakeTelegram()
    const key = 'telegram:7302'
    const offhours = async () =>
      (await view(key)).messages.filter((m) => m.template === 'offhours').length
    await telegramSays(7302, 'hello')
    await drain(key)
    expect(await offhours()).toBe(1)

    await advance(key, 24 * 3600_000)
    await api(`/api/v1/conversations/${key}/messages`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hi, Mia here, working late today.' }),
    })
    await api(`/api/v1/conversations/${key}/release`, { method: 'POST', headers: ADMIN })
    await telegramSays(7302, 'great, where is my order?')
    await drain(key)
    expect(await offhours()).toBe(1) // an agent answered a minute ago

    await advance(key, 10 * 60_000)
    await telegramSays(7302, 'and can I pay by card?')
    await drain(key)
    expect(await offhours()).toBe(2)
  })
})
