import { evictDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { advance, conversation, drain, fakeTelegram, postTelegram, telegramText, view } from './helpers'

afterEach(() => vi.unstubAllGlobals())

describe('scratch', () => {
  it('100 messages', async () => {
    const tg = fakeTelegram()
    const chat = 7700001
    const key = `telegram:${chat}`
    for (let w = 0; w < 10; w++) {
      const res = await Promise.all(Array.from({ length: 10 }, (_, i) => postTelegram(telegramText(chat, `message ${w}-${i}`))))
      console.log(res.map((r) => r.status).join(','))
    }
    await drain(key, 50)
    const v = await view(key)
    console.log(v.messages.map((m) => `${m.id} ${m.direction} ${m.status} ${m.template ?? ''} ${m.text.slice(0, 40)}`).join('\n'))
    console.log(v.state.owner, tg.sends().length)
  })

  it('evict in fetch', async () => {
    const chat = 7700002
    const key = `telegram:${chat}`
    let n = 0
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      n++
      if (n === 1) {
        const p = evictDurableObject(conversation(key)).then(() => console.log('evicted'), (e) => console.log('evict err', String(e)))
        void p
      }
      const body = JSON.parse(String(init?.body))
      return Response.json({ ok: true, result: { message_id: n, chat: { id: chat }, date: 1, text: body.text } })
    }))
    await postTelegram(telegramText(chat, 'hello'))
    await drain(key, 10).catch((e) => console.log('drain err', String(e)))
    await new Promise((r) => setTimeout(r, 100))
    await drain(key, 10).catch((e) => console.log('drain err', String(e)))
    const v = await view(key)
    console.log(v.messages.map((m) => `${m.id} ${m.direction} ${m.status} ${m.attempts} ${m.text.slice(0, 40)}`).join('\n'), n)
  })
})
