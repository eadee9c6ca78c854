import { afterEach, describe, expect, it, vi } from 'vitest'
import { ADMIN, api, drain, fakeTelegram, view } from './helpers'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

const publish = (id: string, locales: Record<string, string>) =>
  api(`/api/v1/templates/${id}`, {
    method: 'PUT',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ locales }),
  })

const lastBotText = async (key: string) =>
  (await view(key)).messages.filter((m) => m.direction === 'out').at(-1)?.text

describe('flow pinning', () => {
  it('keeps a running conversation on the versions it started with across a publish', async () => {
    fakeTelegram()
    await telegramSays(7101, 'hello there')
    await drain('telegram:7101')
    const pinned = (await view('telegram:7101')).state.pins
    expect(pinned?.templates['fallback.reask']).toBe(0)

    const res = await publish('fallback.reask', {
      en: 'PINNING-V1: tell me more?',
      'zh-CN': 'PINNING-V1：请再说说？',
    })
    expect(res.status).toBe(200)

    await telegramSays(7101, 'qwerty zxcvb')
    await drain('telegram:7101')
    expect(await lastBotText('telegram:7101')).not.toContain('PINNING-V1')

    await telegramSays(7102, 'hello there')
    await telegramSays(7102, 'qwerty zxcvb')
    await drain('telegram:7102')
    expect((await view('telegram:7102')).state.pins?.templates['fallback.reask']).toBe(1)
    expect(await lastBotText('telegram:7102')).toContain('PINNING-V1')
  })

  it('greets new conversations with the published greeting', async () => {
    fakeTelegram()
    await publish('greeting', {
      en: 'PINNING-GREETING {{shop.name}}',
      'zh-CN': '欢迎 {{shop.name}}',
    })
    await telegramSays(7103, 'hi')
    await drain('telegram:7103')
    const out = (await view('telegram:7103')).messages.filter((m) => m.direction === 'out')
    expect(out[0]?.text).toBe('PINNING-GREETING Test Shop')
  })
})
