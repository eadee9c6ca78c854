import { afterEach, describe, expect, it, vi } from 'vitest'
import { ADMIN, api, drain, fakeTelegram, view } from './helpers'
import { ADMIN_JSON as json, adminSend } from './support/admin-api'
import { telegramSays } from './support/telegram'

const put = (body: unknown) => adminSend('/api/v1/settings/shop', body, 'PUT')

afterEach(() => vi.unstubAllGlobals())

describe('shop settings', () => {
  it('default to 7-day returns and the configured name, and validate input', async () => {
    const res = await api('/api/v1/settings/shop', { headers: ADMIN })
    expect(await res.json()).toEqual({ returnDays: 7 })
    expect((await put({ returnDays: -1 })).status).toBe(400)
    expect((await put({ returnDays: 15, colour: 'red' })).status).toBe(400)
    expect(
      (await api('/api/v1/settings/shop', { method: 'PUT', headers: json, body: '{' })).status
    ).toBe(400)
  })

  it('are what replies state', async () => {
    fakeTelegram()
    expect((await put({ name: '小鹿家居', returnDays: 15 })).status).toBe(200)
    const key = 'telegram:7801'
    await telegramSays(7801, 'I want to return the lamp, it is not what I expected')
    await drain(key)
    const out = (await view(key)).messages.filter((m) => m.direction === 'out')
    expect(out[0]?.text).toContain('小鹿家居')
    expect(out.find((m) => m.template === 'return.policy')?.text).toContain(
      'Within 15 days of delivery'
    )
  })
})

describe('web chat branding from the shop settings', () => {
  it('shows the name, accent colour, logo and welcome line the shop set; bad values are refused', async () => {
    const put = (body: unknown) =>
      api('/api/v1/settings/shop', {
        method: 'PUT',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await put({ returnDays: 7, chat: { accent: 'red' } })).status).toBe(400)
    expect(
      (await put({ returnDays: 7, chat: { logoUrl: 'http://cdn.shop.example/logo.png' } })).status
    ).toBe(400)
    const ok = await put({
      name: '小鹿家居',
      returnDays: 7,
      chat: {
        accent: '#0a7d5a',
        logoUrl: 'https://cdn.shop.example/logo.png',
        welcome: {
          en: 'We reply in minutes, 9:00-23:30.',
          'zh-CN': '9:00-23:30 在线，几分钟内回复。',
        },
      },
    })
    expect(ok.status).toBe(200)
    const page = await api('/chat')
    const html = await page.text()
    expect(html).toContain('<h1>小鹿家居</h1>')
    expect(html).toContain('data-accent="#0a7d5a"')
    expect(html).toContain('data-welcome-en="We reply in minutes, 9:00-23:30."')
    expect(html).toContain('<img class="logo" src="https://cdn.shop.example/logo.png" alt="">')
    expect(page.headers.get('content-security-policy')).toContain(
      "img-src 'self' data: https://cdn.shop.example"
    )
  })
})
