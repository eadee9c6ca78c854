import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Conversation } from '../src/conversation/conversation'
import { advance, conversation, drain, fakeTelegram, postTelegram, telegramText, view } from './helpers'

afterEach(() => vi.unstubAllGlobals())

describe('scratch', () => {
  it('abort in fetch', { timeout: 60_000 }, async () => {
    const chat = 7700003
    const key = `telegram:${chat}`
    let n = 0
    let state: DurableObjectState | undefined
    const sent: string[] = []
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      n++
      const body = JSON.parse(String(init?.body))
      if (n === 3) {
        await new Promise((r) => setTimeout(r, 0))
        console.log('aborting')
        state?.abort('crash mid alarm')
        console.log('after abort')
      }
      sent.push(body.text)
      return Response.json({ ok: true, result: { message_id: n, chat: { id: chat }, date: 1, text: body.text } })
    }))
    await postTelegram(telegramText(chat, 'hello'))
    await postTelegram(telegramText(chat, 'where is my order'))
    await postTelegram(telegramText(chat, 'thanks'))
    await runInDurableObject(conversation(key), (_: Conversation, s) => { state = s })
    await advance(key, 777)
    const ran = await runDurableObjectAlarm(conversation(key)).catch((e) => `err ${String(e)}`)
    console.log('ran', ran)
    console.log('alarm', await runInDurableObject(conversation(key), (i: Conversation, s) => s.storage.getAlarm().then((a) => [a, i.skewMs])))
    let v = await view(key)
    console.log(v.messages.map((m) => `${m.id} ${m.direction} ${m.status} ${m.attempts} ${m.text.slice(0, 40)}`).join('\n'), n)
    await runInDurableObject(conversation(key), (_: Conversation, s) => s.storage.setAlarm(Date.now()))
    await drain(key, 10).catch((e) => console.log('drain err', String(e)))
    v = await view(key)
    console.log(v.messages.map((m) => `${m.id} ${m.direction} ${m.status} ${m.attempts} ${m.text.slice(0, 40)}`).join('\n'), n)
    console.log(sent.map((s) => s.slice(0, 30)))
  })
})
