import { afterEach, describe, expect, it, vi } from 'vitest'
import { ADMIN, api, drain, fakeTelegram, postTelegram, telegramText, view } from './helpers'

const json = { ...ADMIN, 'content-type': 'application/json' }
const put = (body: unknown) => api('/api/v1/settings/shop', { method: 'PUT', headers: json, body: JSON.stringify(body) })

afterEach(() => vi.unstubAllGlobals())

describe('shop settings', () => {
  it('default to 7-day returns and the configured name, and validate input', async () => {
    const res = await api('/api/v1/settings/shop', { headers: ADMIN })
    expect(await res.json()).toEqual({ returnDays: 7 })
    expect((await put({ returnDays: -1 })).status).toBe(400)
    expect((await put({ returnDays: 15, colour: 'red' })).status).toBe(400)
    expect((await api('/api/v1/settings/shop', { method: 'PUT', headers: json, body: '{' })).status).toBe(400)
  })

  it('are what replies state', async () => {
    fakeTelegram()
    expect((await put({ name: '小鹿家居', returnDays: 15 })).status).toBe(200)
    const key = 'telegram:7801'
    await postTelegram(telegramText(7801, 'I want to return the lamp, it is not what I expected'))
    await drain(key)
    const out = (await view(key)).messages.filter((m) => m.direction === 'out')
    expect(out[0]?.text).toContain('小鹿家居')
    expect(out.find((m) => m.template === 'return.policy')?.text).toContain('Within 15 days of delivery')
  })
})
