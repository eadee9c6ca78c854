import { runInDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Conversation } from './worker'
import {
  ADMIN,
  advance,
  api,
  conversation,
  drain,
  fakeTelegram,
  postTelegram,
  telegramText,
  view,
} from './helpers'

const shanghai = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`)

/** Puts one conversation's clock at a Shanghai wall time before its first message. */
const clockAt = (key: string, wall: string) =>
  runInDurableObject(conversation(key), (instance: Conversation) => {
    instance.skewMs += shanghai(wall) - instance.now()
  })

afterEach(() => vi.unstubAllGlobals())

describe('the promise clock, end to end', () => {
  it('a night-time request for a person: told when, enforced to the minute, renewed once as an update', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:7701'
    await clockAt(key, '2036-12-08 03:56')
    await postTelegram({
      ...telegramText(7701, '我想找人工客服'),
      message: {
        ...telegramText(7701, '我想找人工客服').message,
        from: { id: 7701, is_bot: false, first_name: 'Ada', language_code: 'zh-hans' },
      },
    })
    await drain(key)
    let v = await view(key)
    const handoff = v.messages.find((m) => m.template === 'handoff.offhours')
    expect(handoff?.text).toContain('今天 09:05 前')
    expect(v.state).toMatchObject({ owner: 'human', level: 0 })
    expect(v.sla.targets.find((t) => t.target === 'first_response')).toMatchObject({
      status: 'running',
      dueAt: shanghai('2036-12-08 09:05'),
    })

    // Nothing happens overnight, nor a second before the promise.
    await advance(key, shanghai('2036-12-08 09:04') + 59_000 - shanghai('2036-12-08 03:56') - 10)
    await drain(key)
    v = await view(key)
    expect(v.sla.events.map((e) => `${e.target}:${e.event}`)).not.toContain(
      'first_response:breached'
    )

    // Past the promise: the team first, then one update with a new, later time.
    await advance(key, 2_000)
    await drain(key)
    v = await view(key)
    expect(v.escalation).toMatchObject({ level: 1, reasons: ['sla_breach'] })
    const update = v.messages.filter((m) => m.template === 'promise.update')
    expect(update).toHaveLength(1)
    expect(update[0]?.text).toContain('5分钟内')
    expect(tg.sends().map((s) => s.body.text)).toEqual(expect.arrayContaining([update[0]?.text]))

    // The renewed promise passes too: the team hears again, the customer does not.
    await advance(key, 6 * 60_000)
    await drain(key)
    v = await view(key)
    expect(v.messages.filter((m) => m.template?.startsWith('promise.update'))).toHaveLength(1)
  })
})

describe('proactive notices at night', () => {
  it('hold a shipping notice until people are at work, then send it once', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:7702'
    await clockAt(key, '2036-12-08 02:10')
    const res = await api('/api/v1/events', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'order.shipped',
        conversationKey: key,
        orderId: 'A20361208',
        carrier: 'SF Express',
        tracking: 'SF1',
        locale: 'en',
      }),
    })
    expect(res.status).toBe(202)
    await drain(key)
    expect(tg.sends()).toHaveLength(0)

    await advance(key, shanghai('2036-12-08 09:00') - shanghai('2036-12-08 02:10'))
    await drain(key)
    await drain(key)
    const notices = (await view(key)).messages.filter((m) => m.template === 'order.tracking')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.text).toContain('SF1')
    expect(tg.sends()).toHaveLength(1)
  })
})
