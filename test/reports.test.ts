import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { localDay } from '../src/sla/zone-time'
import { advance, api, drain, fakeTelegram, TEST_CLOCK_OFFSET_MS, view } from './helpers'
import { adminGet as get, adminSend as post } from './support/admin-api'
import { telegramPresses, telegramSays } from './support/telegram'
import { consoleCookie } from './support/console'

afterEach(() => vi.unstubAllGlobals())

const HOUR = 3600_000
const MINUTE = 60_000
// Conversations run on the test clock (see vitest.config.ts); the range is wide enough for the
// clock moves below, in the shop's default time zone.
const now = () => Date.now() + TEST_CLOCK_OFFSET_MS
const range = () =>
  `from=${localDay(now() - 3 * 86_400_000, 'Asia/Shanghai')}&to=${localDay(now() + 3 * 86_400_000, 'Asia/Shanghai')}`

interface Figures {
  cases: number
  resolved: number
  containment: { of: number; hits: number }
  humanFirstResponse: { count: number; p50: number }
  replyRate: { of: number; hits: number }
  sla: Record<string, { of: number; hits: number }>
  csat: { responses: number; average: number; distribution: number[] }
  conversion: { of: number; hits: number }
  recovery: { of: number; hits: number }
  refunds: { of: number; hits: number }
}

const caseRow = (key: string) =>
  env.DB.prepare('SELECT * FROM case_facts WHERE conversation_key = ? ORDER BY opened_at DESC')
    .bind(key)
    .first()

describe('reports from the rows conversations roll up', () => {
  it('count a bot-only case, a handed-over one, a pre-sale conversion and a recovered payment', async () => {
    fakeTelegram()
    // 1. The bot answers and the case is resolved and rated 5.
    await telegramSays(9401, 'where is my order?')
    await drain('telegram:9401')
    await post('/api/v1/conversations/telegram:9401/resolve', { solution: 'status given' })
    await drain('telegram:9401')
    await telegramPresses(9401, 'csat.5')
    await drain('telegram:9401')

    // 2. The customer asks for a person, who answers 2 minutes later; rated 3.
    const handed = 'telegram:9402'
    await telegramSays(9402, 'I want to talk to a person')
    await drain(handed)
    const opened = await caseRow(handed)
    expect(opened).toMatchObject({ handed_off: 1, resolved_at: null })
    // An ordinary message while a person owns the conversation writes no report row.
    await advance(handed, 30_000)
    await telegramSays(9402, 'hello?')
    await drain(handed)
    expect((await caseRow(handed))?.updated_at).toBe(opened?.updated_at)
    await advance(handed, 90_000)
    await post(`/api/v1/conversations/${handed}/messages`, {
      text: "Hi, I'm here to help. What can I do for you?",
    })
    await drain(handed)
    await post(`/api/v1/conversations/${handed}/resolve`, { solution: 'answered' })
    await drain(handed)
    await telegramPresses(9402, 'csat.3')
    await drain(handed)

    // 3. A pre-sale question, then an order 2 hours later, paid.
    const presale = 'telegram:9403'
    await telegramSays(9403, 'Is the blue jacket in stock in size M?')
    await drain(presale)
    expect((await view(presale)).state.intent).toBe('presale')
    await advance(presale, 2 * HOUR)
    expect(
      (
        await post('/api/v1/events', {
          type: 'order.created',
          conversationKey: presale,
          orderId: 'P1',
          amount: 299,
          currency: 'CNY',
        })
      ).status
    ).toBe(202)
    await post('/api/v1/events', { type: 'order.paid', conversationKey: presale, orderId: 'P1' })
    await drain(presale)

    // 4. An unpaid order is reminded, then paid; another is paid and refunded.
    const unpaid = 'telegram:9404'
    await post('/api/v1/events', {
      type: 'order.created',
      conversationKey: unpaid,
      orderId: 'U1',
      amount: 99,
    })
    await drain(unpaid)
    await advance(unpaid, 12 * HOUR + 15 * HOUR)
    await drain(unpaid)
    await post('/api/v1/events', { type: 'order.paid', conversationKey: unpaid, orderId: 'U1' })
    await post('/api/v1/events', {
      type: 'order.created',
      conversationKey: unpaid,
      orderId: 'R1',
      amount: 50,
    })
    await post('/api/v1/events', { type: 'order.paid', conversationKey: unpaid, orderId: 'R1' })
    await post('/api/v1/events', { type: 'order.refunded', conversationKey: unpaid, orderId: 'R1' })
    await drain(unpaid)

    const res = await get(`/api/v1/reports/summary?${range()}`)
    expect(res.status).toBe(200)
    const { figures: f, range: frame } = (await res.json()) as {
      figures: Figures
      range: { timeZone: string; conversionWindowHours: number }
    }
    expect(frame).toMatchObject({ timeZone: 'Asia/Shanghai', conversionWindowHours: 72 })
    expect(f.cases).toBe(3)
    expect(f.resolved).toBe(2)
    expect(f.containment).toMatchObject({ of: 2, hits: 1 })
    expect(f.humanFirstResponse.count).toBe(1)
    expect(f.humanFirstResponse.p50).toBeGreaterThanOrEqual(2 * MINUTE)
    expect(f.humanFirstResponse.p50).toBeLessThan(3 * MINUTE)
    expect(f.csat).toMatchObject({ responses: 2, average: 4, distribution: [0, 0, 1, 0, 1] })
    // The bot's answers meet the first-response target too.
    expect(f.sla.first_response).toMatchObject({ of: 3, hits: 3 })
    expect(f.conversion).toEqual({ of: 1, hits: 1, rate: 1 })
    expect(f.recovery).toEqual({ of: 1, hits: 1, rate: 1 })
    expect(f.refunds).toMatchObject({ of: 3, hits: 1 })
    expect(f.replyRate.hits).toBeLessThanOrEqual(f.replyRate.of)

    // A shorter conversion window loses the order that came 2 hours later.
    const narrow = (await (
      await get(`/api/v1/reports/summary?${range()}&conversionHours=1`)
    ).json()) as { figures: Figures }
    expect(narrow.figures.conversion).toMatchObject({ of: 1, hits: 0 })

    const agents = (await (await get(`/api/v1/reports/breakdown?by=agent&${range()}`)).json()) as {
      groups: { key: string; figures: Figures }[]
    }
    // Replies through the API carry the caller's name (here the root admin).
    expect(agents.groups.map((g) => [g.key, g.figures.cases])).toEqual([
      ['admin', 1],
      ['bot', 2],
    ])
    const csv = await get(`/api/v1/reports/breakdown?by=channel&format=csv&${range()}`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="report-channel-/)
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]?.split(',').slice(0, 3)).toEqual(['channel', 'cases', 'resolved'])
    expect(lines[1]?.startsWith('telegram,3,2,')).toBe(true)
  })

  it('refuse bad ranges and non-admins clearly', async () => {
    expect((await get('/api/v1/reports/summary?from=2026-12-10&to=2026-12-01')).status).toBe(400)
    expect((await get('/api/v1/reports/summary?from=2024-01-01&to=2026-12-01')).status).toBe(400)
    expect((await get('/api/v1/reports/summary?from=yesterday')).status).toBe(400)
    expect((await get('/api/v1/reports/breakdown?by=colour')).status).toBe(400)
    expect((await api('/api/v1/reports/summary')).status).toBe(401)
    const token = (await (
      await post('/api/v1/tokens', { name: 'shift', role: 'agent' })
    ).json()) as { token: string }
    expect(
      (
        await api('/api/v1/reports/summary', {
          headers: { Authorization: `Bearer ${token.token}` },
        })
      ).status
    ).toBe(403)
  })

  it('show on the console page with a chart and a table each, for admins only', async () => {
    const owner = await consoleCookie()
    const res = await api(`/console/admin/reports?${range()}&by=agent`, {
      headers: { cookie: owner },
    })
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<h1>Reports</h1>')
    expect(page.match(/<svg class="chart"/g)?.length).toBe(4)
    expect(page).toContain('Pre-sale chats that ordered')
    expect(page).toMatch(/<th scope="row">admin<\/th>/)
    expect(page).toContain('format=csv')
    // The session works for the CSV link too.
    expect(
      (await api(`/api/v1/reports/breakdown?format=csv&${range()}`, { headers: { cookie: owner } }))
        .status
    ).toBe(200)
    expect(
      (await api('/console/admin/reports?from=2026-13-01', { headers: { cookie: owner } })).status
    ).toBe(400)
    // The form's empty fields mean "any".
    expect(
      (
        await api('/console/admin/reports?from=&to=&channel=&conversionHours=&by=channel', {
          headers: { cookie: owner },
        })
      ).status
    ).toBe(200)

    await post('/api/v1/agents', {
      name: 'Shift',
      email: 'shift@example.com',
      role: 'agent',
      password: 'long enough password',
    })
    const agent = await consoleCookie('shift@example.com', 'long enough password')
    expect((await api('/console/admin/reports', { headers: { cookie: agent } })).status).toBe(403)
  })

  it('default to the last 7 days, every day listed', async () => {
    const days = (await (await get('/api/v1/reports/breakdown')).json()) as {
      by: string
      groups: { key: string }[]
      range: { to: string }
    }
    expect(days.by).toBe('day')
    expect(days.groups).toHaveLength(7)
    expect(days.groups.at(-1)?.key).toBe(days.range.to)
  })
})
