import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { verifyWebhookSignature } from '../src/notify/deliver'
import { DEFAULT_SLA_POLICY } from '../src/sla/policy'
import {
  ADMIN,
  advance,
  api,
  drain,
  fakeTelegram,
  postTelegram,
  telegramText,
  view,
} from './helpers'
import { adminSend as post, adminSend } from './support/admin-api'
import { telegramSays } from './support/telegram'

const put = (path: string, body: unknown) => adminSend(path, body, 'PUT')
const names = (events: { target: string; event: string }[]) =>
  events.map((e) => `${e.target}:${e.event}`)
const HOOK_SECRET = 'a-webhook-secret-of-some-length'

beforeAll(async () => {
  const policy = {
    ...DEFAULT_SLA_POLICY,
    pauseWhileWaitingOnCustomer: true,
    scenarios: {
      ...DEFAULT_SLA_POLICY.scenarios,
      default: { firstResponse: 5, nextResponse: 5, periodicUpdate: 600, resolution: 3600 },
    },
  }
  expect((await put('/api/v1/policies/sla', policy)).status).toBe(200)
  const notify = {
    teams: {
      senior: [
        { kind: 'webhook', url: 'https://hooks.shop.test/escalations', secret: HOOK_SECRET },
      ],
      risk: [{ kind: 'webhook', url: 'https://hooks.shop.test/risk', secret: HOOK_SECRET }],
      pr: [],
    },
  }
  expect((await put('/api/v1/settings/notifications', notify)).status).toBe(200)
  // Staffed around the clock, so off-hours notices don't interfere with these flows.
  const always = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
      d,
      [{ start: '00:00', end: '24:00' }],
    ])
  )
  expect(
    (
      await put('/api/v1/settings/business-hours', {
        timeZone: 'Asia/Shanghai',
        weekly: always,
        holidays: [],
        special: [],
      })
    ).status
  ).toBe(200)
})
afterEach(() => vi.unstubAllGlobals())

describe('a 5-second first-response target', () => {
  it('warns, breaches, escalates, notifies the team and queues the escalation on time; resolve sends the survey once', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:5001'
    await telegramSays(5001, 'hello')
    await drain(key)
    await telegramSays(5001, 'qwerty zxcv plonk') // outside the flow's coverage
    await drain(key)
    let v = await view(key)
    expect(v.sla.targets.find((t) => t.target === 'next_response')).toMatchObject({
      status: 'running',
    })

    await advance(key, 4_100) // 80% of 5 s
    await drain(key)
    v = await view(key)
    expect(names(v.sla.events)).toContain('next_response:warned')
    expect(v.state.level).toBe(0)

    await advance(key, 1_000)
    await drain(key)
    v = await view(key)
    expect(names(v.sla.events)).toEqual(
      expect.arrayContaining(['next_response:breached', 'resolution:started'])
    )
    // The team is alerted and it is in the queue; the bot keeps answering until a person takes it.
    expect(v.state).toMatchObject({ level: 1, owner: 'bot' })
    expect(v.escalation).toMatchObject({ level: 1, reasons: ['sla_breach'], teams: ['senior'] })
    expect(v.escalation?.expectedResolutionAt).toBeGreaterThan(0)
    // The team hears first; the customer was promised no person's reply, so the bot stays quiet.
    expect(v.messages.at(-1)).toMatchObject({ template: 'fallback.reask', status: 'sent' })
    expect(
      v.messages.some(
        (m) => m.template?.startsWith('escalation.') || m.template?.startsWith('promise.')
      )
    ).toBe(false)
    expect(v.notifications).toEqual([
      expect.objectContaining({ team: 'senior', status: 'delivered' }),
    ])

    const hook = tg.calls.find((c) => c.method === 'escalations')
    expect(hook?.body).toMatchObject({ type: 'escalation', level: 1, conversationKey: key })

    const queue = await api('/api/v1/escalations', { headers: ADMIN })
    const entries = ((await queue.json()) as { escalations: { key: string; level: number }[] })
      .escalations
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ key, level: 1 })]))

    expect(
      (
        await post(`/api/v1/conversations/${key}/resolve`, {
          solution: 'explained the delivery times',
        })
      ).status
    ).toBe(200)
    expect((await post(`/api/v1/conversations/${key}/resolve`)).status).toBe(200)
    await drain(key)
    v = await view(key)
    expect(v.messages.filter((m) => m.template === 'survey')).toHaveLength(1)
    expect(v.state.status).toBe('resolved')
    const cases = (await (await api('/api/v1/cases', { headers: ADMIN })).json()) as {
      cases: { conversationKey: string; solution: string }[]
    }
    expect(cases.cases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conversationKey: key, solution: 'explained the delivery times' }),
      ])
    )
  })

  it('is met by a standard answer from the flow, with no warning', async () => {
    fakeTelegram()
    const key = 'telegram:5002'
    await telegramSays(5002, 'I want to return a jacket')
    await drain(key)
    await advance(key, 60_000)
    await drain(key)
    const v = await view(key)
    expect(names(v.sla.events)).toEqual(['first_response:started', 'first_response:met'])
    expect(v.state.level).toBe(0)
  })

  it('is met by an agent reply before the breach', async () => {
    fakeTelegram()
    const key = 'telegram:5003'
    await telegramSays(5003, 'asdf qwer zxcv')
    await drain(key)
    expect(
      (
        await post(`/api/v1/conversations/${key}/messages`, {
          text: 'Hi, Mia here - how can I help?',
        })
      ).status
    ).toBe(202)
    await drain(key)
    await advance(key, 10_000)
    await drain(key)
    const v = await view(key)
    expect(names(v.sla.events)).toContain('first_response:met')
    expect(names(v.sla.events)).not.toContain('first_response:breached')
    expect(v.state).toMatchObject({ owner: 'human', agent: 'admin', level: 0 })
  })
})

describe('people-side clocks', () => {
  it('sends a progress update at the policy interval while people work on the case, and pauses resolution while waiting on the customer', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:5004'
    await telegramSays(5004, 'I want to return a jacket')
    await drain(key)
    await post(`/api/v1/conversations/${key}/assign`, { agent: 'mia' })
    let v = await view(key)
    expect(v.sla.targets.map((t) => `${t.target}:${t.status}`)).toEqual(
      expect.arrayContaining(['resolution:running', 'periodic_update:running'])
    )
    const before = tg.sends().length
    await advance(key, 4 * 3600_000) // the after-sale progress interval
    await drain(key)
    v = await view(key)
    expect(tg.sends().length).toBe(before + 1)
    expect(v.messages.at(-1)?.template).toBe('progress')
    expect(names(v.sla.events)).toContain('periodic_update:update_due')

    await post(`/api/v1/conversations/${key}/messages`, {
      text: 'Could you send a photo of the label?',
    })
    v = await view(key)
    expect(v.sla.targets.find((t) => t.target === 'resolution')).toMatchObject({ status: 'paused' })
    await telegramSays(5004, 'here you go')
    await drain(key)
    v = await view(key)
    expect(v.sla.targets.find((t) => t.target === 'resolution')).toMatchObject({
      status: 'running',
    })
    expect(names(v.sla.events)).toEqual(
      expect.arrayContaining(['resolution:paused', 'resolution:resumed'])
    )
  })
})

describe('escalation rules', () => {
  it.each([
    [
      'en',
      5101,
      [
        'My parcel is still not here, this is terrible',
        'Still nothing! This is a joke',
        'I am complaining again, nothing has changed',
      ],
    ],
    ['zh-CN', 5102, ['我要投诉，快递还没到', '怎么还没到？太差了', '我再次投诉，还是没有任何消息']],
  ])('a repeated complaint reaches level 1 (%s)', async (_, chat, texts) => {
    fakeTelegram()
    const key = `telegram:${chat}`
    for (const text of texts) {
      await telegramSays(chat, text)
      await drain(key)
    }
    const v = await view(key)
    expect(v.state.level).toBe(1)
    expect(v.escalation?.reasons).toEqual(expect.arrayContaining(['repeat_complaint']))
    expect(v.state.owner).toBe('human')
  })

  it.each([
    ['en', 5201, 'If this is not fixed today I will sue you and talk to my lawyer'],
    ['zh-CN', 5202, '再不解决我就找律师起诉你们，还要打12315'],
  ])('a legal threat reaches level 2 (%s), risk and PR notified', async (locale, chat, text) => {
    const tg = fakeTelegram()
    const key = `telegram:${chat}`
    await telegramSays(chat, text)
    await drain(key)
    const v = await view(key)
    expect(v.state).toMatchObject({ level: 2, owner: 'human', locale })
    expect(v.escalation?.reasons).toContain('legal')
    expect(v.messages.filter((m) => m.direction === 'out').at(-1)?.template).toBe(
      'escalation.level2'
    )
    expect(v.notifications.map((n) => n.team).sort()).toEqual(['pr', 'risk'])
    expect(v.notifications.find((n) => n.team === 'risk')?.status).toBe('delivered')
    expect(v.notifications.find((n) => n.team === 'pr')?.status).toBe('no_target')
    expect(tg.calls.some((c) => c.method === 'risk')).toBe(true)
  })

  it('answers abuse calmly, never closes, and tells the risk team', async () => {
    fakeTelegram()
    const key = 'telegram:5301'
    await telegramSays(5301, '你们是垃圾客服，傻逼')
    await drain(key)
    const v = await view(key)
    expect(v.messages.filter((m) => m.direction === 'out').at(-1)?.template).toBe('abuse.calm')
    expect(v.state.status).toBe('open')
    expect(v.notifications.map((n) => n.team)).toContain('risk')
  })
})

describe('team notification delivery', () => {
  it('is signed, masked, and retried until the endpoint accepts it', async () => {
    let failures = 1
    const deliveries: { headers: Headers; body: string }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input)
        if (url.startsWith('https://hooks.shop.test')) {
          deliveries.push({ headers: new Headers(init?.headers), body: String(init?.body) })
          if (failures-- > 0) return new Response('busy', { status: 503 })
          return new Response('ok')
        }
        return Response.json({ ok: true, result: { message_id: 1 } })
      })
    )
    const key = 'telegram:5401'
    await postTelegram(
      telegramText(5401, 'I will sue you. Call me on 13812345678 or mail ada@example.com')
    )
    await drain(key)
    expect(deliveries).toHaveLength(1)
    let v = await view(key)
    expect(v.notifications.find((n) => n.team === 'risk')).toMatchObject({
      status: 'pending',
      attempts: 1,
    })

    await advance(key, 2_500)
    await drain(key)
    expect(deliveries).toHaveLength(2)
    v = await view(key)
    expect(v.notifications.find((n) => n.team === 'risk')).toMatchObject({
      status: 'delivered',
      attempts: 2,
    })

    const [first, second] = deliveries
    expect(first?.headers.get('X-Delivery-Id')).toBe(second?.headers.get('X-Delivery-Id'))
    const ok = await verifyWebhookSignature(
      HOOK_SECRET,
      second?.headers.get('X-Timestamp') ?? '',
      second?.body ?? '',
      second?.headers.get('X-Signature-256') ?? ''
    )
    expect(ok).toBe(true)
    expect(second?.body).not.toContain('13812345678')
    expect(second?.body).not.toContain('ada@example.com')
  })
})

describe('handoff state machine', () => {
  it('assign -> bot silent but holding; release -> bot answers; escalate -> level; resolve -> resolved', async () => {
    fakeTelegram()
    const key = 'telegram:5501'
    await telegramSays(5501, 'hi')
    await drain(key)
    let state = (
      (await (await post(`/api/v1/conversations/${key}/assign`, { agent: 'mia' })).json()) as {
        state: { owner: string; agent: string }
      }
    ).state
    expect(state).toMatchObject({ owner: 'human', agent: 'mia' })

    await telegramSays(5501, 'where is my order?')
    await drain(key)
    let v = await view(key)
    expect(v.messages.filter((m) => m.direction === 'out').at(-1)?.template).toBe('holding')
    await telegramSays(5501, 'hello??')
    await drain(key)
    v = await view(key)
    expect(v.messages.at(-1)?.direction).toBe('in') // no second holding message right away

    state = (
      (await (await post(`/api/v1/conversations/${key}/release`)).json()) as {
        state: { owner: string; agent: string }
      }
    ).state
    expect(state).toMatchObject({ owner: 'bot', agent: null })
    await telegramSays(5501, 'I want to return something')
    await drain(key)
    expect((await view(key)).state.intent).toBe('aftersale')

    const escalated = await post(`/api/v1/conversations/${key}/escalate`, {
      level: 2,
      reason: 'customer posted on social media',
    })
    expect(escalated.status).toBe(200)
    v = await view(key)
    expect(v.state).toMatchObject({ level: 2, owner: 'human' })
    expect(v.escalation).toMatchObject({
      reasons: ['manual'],
      summary: 'customer posted on social media',
    })

    expect(
      (await post(`/api/v1/conversations/${key}/escalate`, { level: 3, reason: 'x' })).status
    ).toBe(400)
    expect(
      (await post('/api/v1/conversations/telegram:404404/assign', { agent: 'mia' })).status
    ).toBe(404)
    await post(`/api/v1/conversations/${key}/resolve`)
    expect((await view(key)).state.status).toBe('resolved')
  })
})

describe('listing', () => {
  it('filters conversations by owner, level, channel and breached', async () => {
    const list = async (q: string) =>
      (
        (await (await api(`/api/v1/conversations?${q}`, { headers: ADMIN })).json()) as {
          conversations: { key: string }[]
        }
      ).conversations.map((c) => c.key)
    expect(await list('level=2')).toEqual(
      expect.arrayContaining(['telegram:5201', 'telegram:5202'])
    )
    expect(await list('level=2')).not.toContain('telegram:5002')
    expect(await list('breached=true')).toContain('telegram:5001')
    expect(await list('breached=true')).not.toContain('telegram:5002')
    expect(await list('owner=bot&channel=telegram')).toContain('telegram:5002')
    expect(await list('status=resolved')).toContain('telegram:5001')
    expect(await list('channel=webchat')).not.toContain('telegram:5002')
  })
})
