import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ticketStore } from '../src/tickets/store'
import { advance, api, drain, fakeTelegram, postTelegram, telegramText, view } from './helpers'
import { adminCall as call } from './support/admin-api'
import { consoleCookie } from './support/console'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

const HOUR = 3600_000

interface Ticket {
  id: string
  status: string
  missing: string[]
  contact: string | null
  description: string
  fields: Record<string, string>
  breachedAt: number | null
  warnedAt: number | null
  conversationKey: string | null
  dueAt: number
  createdAt: number
}

const ticketOf = async (id: string) =>
  (await (await call(`/api/v1/tickets/${id}`)).json()) as {
    ticket: Ticket
    events: { kind: string; to: string | null; text: string | null }[]
  }

describe('work orders from a conversation', () => {
  it('ask the customer for what is missing, register, follow up and close with the outcome sent to the customer', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:9501'
    await telegramSays(9501, "My parcel hasn't moved for five days")
    await drain(key)

    const created = await call('/api/v1/tickets', 'POST', {
      category: 'logistics',
      urgency: 'high',
      conversationKey: key,
    })
    expect(created.status).toBe(201)
    const ticket = (await created.json()) as Ticket
    expect(ticket).toMatchObject({
      status: 'collecting',
      missing: ['contact', 'order.id'],
      description: "My parcel hasn't moved for five days",
      conversationKey: key,
    })
    expect(ticket.id).toMatch(/^T-[A-Z2-9]{6}$/)
    await drain(key)
    const ask = tg.sends().at(-1)?.body.text as string
    expect(ask).toContain('your order number')
    expect(ask).toContain('a phone number or email we can reach you on')

    // The customer answers in one message; the phone is not taken for an order number.
    await telegramSays(9501, 'Order 202612070001, my phone is 138 0013 8000')
    await drain(key)
    const registered = tg.sends().at(-1)?.body.text as string
    expect(registered).toContain(ticket.id)
    expect(registered).toContain('at the latest')
    const stored = await ticketOf(ticket.id)
    expect(stored.ticket).toMatchObject({
      status: 'received',
      missing: [],
      contact: '13800138000',
      fields: { 'order.id': '202612070001' },
    })
    expect(stored.events.map((e) => e.kind)).toEqual(['created', 'fields', 'status'])

    // An agent can't skip to closed; an admin can, with a reason. Here the ticket goes the whole way.
    const token = (await (
      await call('/api/v1/tokens', 'POST', { name: 'desk', role: 'agent' })
    ).json()) as { token: string }
    const agent = { Authorization: `Bearer ${token.token}`, 'content-type': 'application/json' }
    const move = (to: string, extra: Record<string, unknown> = {}, headers = agent) =>
      call(`/api/v1/tickets/${ticket.id}/transition`, 'POST', { to, ...extra }, headers)
    expect((await move('closed', { feedback: 'done', overrideReason: 'skip' })).status).toBe(409)
    expect((await move('assigned')).status).toBe(400)
    expect((await move('assigned', { assignee: 'Mei' })).status).toBe(200)
    expect((await move('analysing')).status).toBe(200)
    expect(
      (
        await call(
          `/api/v1/tickets/${ticket.id}/notes`,
          'POST',
          { text: 'Courier says the depot mis-sorted it.' },
          agent
        )
      ).status
    ).toBe(201)
    expect((await move('replied')).status).toBe(200)
    expect((await move('follow_up')).status).toBe(200)
    expect((await move('closed')).status).toBe(400)
    expect(
      (
        await move('closed', {
          feedback:
            'The courier found your parcel at the depot; it will be delivered tomorrow before 18:00.',
        })
      ).status
    ).toBe(200)
    await drain(key)
    const texts = tg
      .sends()
      .slice(-2)
      .map((s) => s.body.text as string)
    expect(texts[0]).toContain('The courier found your parcel at the depot')
    expect(texts[1]).toContain(`That's the outcome of your request ${ticket.id}`)
    expect((await view(key)).state.tickets).toEqual({})
    expect(
      (await move('summarised', { summary: 'Depot mis-sort; courier re-scanned.' })).status
    ).toBe(200)
    const history = await ticketOf(ticket.id)
    expect(history.events.filter((e) => e.kind === 'status').map((e) => e.to)).toEqual([
      'received',
      'assigned',
      'analysing',
      'replied',
      'follow_up',
      'closed',
      'summarised',
    ])
    expect(history.events.some((e) => e.kind === 'note')).toBe(true)
  })

  it('tell the customer how it stands at the fixed interval, and record the warning and the breach', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:9502'
    await postTelegram(
      telegramText(9502, 'The vase arrived broken, order 202612070002, phone 13800138001')
    )
    await drain(key)
    const created = (await (
      await call('/api/v1/tickets', 'POST', {
        category: 'quality',
        urgency: 'urgent',
        conversationKey: key,
        contact: '13800138001',
        fields: { 'order.id': '202612070002' },
      })
    ).json()) as Ticket
    expect(created.status).toBe('received')
    await drain(key)
    expect(tg.sends().at(-1)?.body.text).toContain(created.id)

    // Past the whole deadline (8 h urgent, moved to staffed time) and a day of updates.
    await advance(key, created.dueAt - created.createdAt + 25 * HOUR)
    await drain(key, 10)
    const after = await ticketOf(created.id)
    expect(after.ticket.warnedAt).not.toBeNull()
    expect(after.ticket.breachedAt).not.toBeNull()
    expect(after.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['warned', 'breached', 'progress'])
    )
    const updates = tg
      .sends()
      .filter((s) => String(s.body.text).includes('An update on your request'))
    expect(updates.length).toBeGreaterThanOrEqual(1)
    // Past the deadline, an update names no new time.
    expect(String(updates.at(-1)?.body.text)).toContain("it's taking longer than we told you")
  })

  it('lists most urgent first, pages, exports CSV, merges duplicates, and refuses bad input clearly', async () => {
    const mk = async (urgency: string, customerId: string) =>
      (await (
        await call('/api/v1/tickets', 'POST', {
          category: 'other',
          urgency,
          customerId,
          description: 'Question about an invoice',
          contact: 'a@b.example',
        })
      ).json()) as Ticket
    const low = await mk('low', 'web:1')
    const urgent = await mk('urgent', 'web:2')
    const normal = await mk('normal', 'web:3')
    const page1 = (await (
      await call('/api/v1/tickets?status=open&category=other&limit=2')
    ).json()) as { tickets: Ticket[]; nextCursor: string }
    expect(page1.tickets.map((t) => t.id)).toEqual([urgent.id, normal.id])
    const page2 = (await (
      await call(`/api/v1/tickets?status=open&category=other&limit=2&cursor=${page1.nextCursor}`)
    ).json()) as { tickets: Ticket[]; nextCursor: string | null }
    expect(page2.tickets.map((t) => t.id)).toEqual([low.id])
    expect(page2.nextCursor).toBeNull()

    const csv = await call('/api/v1/tickets?category=other&format=csv')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'id,category,urgency,status,team,assignee,customer_id,conversation,order_id,description,created_at,due_at,breached_at,closed_at'
    )

    expect(
      (await call(`/api/v1/tickets/${low.id}/merge`, 'POST', { into: urgent.id })).status
    ).toBe(200)
    expect((await ticketOf(low.id)).ticket).toMatchObject({ status: 'merged' })
    expect((await ticketOf(urgent.id)).events.at(-1)?.text).toContain(
      `${low.id} merged into this ticket`
    )
    expect(
      (await call(`/api/v1/tickets/${low.id}/merge`, 'POST', { into: urgent.id })).status
    ).toBe(409)

    expect(
      (await call('/api/v1/tickets', 'POST', { category: 'nope', customerId: 'x' })).status
    ).toBe(400)
    expect((await call('/api/v1/tickets', 'POST', { category: 'other' })).status).toBe(400)
    expect(
      (
        await call('/api/v1/tickets', 'POST', {
          category: 'other',
          conversationKey: 'telegram:404404',
        })
      ).status
    ).toBe(404)
    expect((await call('/api/v1/tickets/T-NOPE00')).status).toBe(404)
    expect((await call('/api/v1/tickets?cursor=garbage')).status).toBe(400)
    expect((await api('/api/v1/tickets')).status).toBe(401)
    // An API-made ticket without a contact waits in collecting until an agent fills it in.
    const waiting = (await (
      await call('/api/v1/tickets', 'POST', {
        category: 'other',
        customerId: 'web:4',
        description: 'Invoice address wrong',
      })
    ).json()) as Ticket
    expect(waiting).toMatchObject({ status: 'collecting', missing: ['contact'] })
    expect(
      (await (
        await call(`/api/v1/tickets/${waiting.id}`, 'PATCH', { contact: '+44 20 7946 0000' })
      ).json()) as Ticket
    ).toMatchObject({ status: 'received', missing: [] })
    const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ?')
      .bind(waiting.id)
      .first<{ n: number }>()
    expect(row?.n).toBe(3)
    // A save from a stale read changes nothing and writes no history.
    const store = ticketStore(env.DB)
    const fresh = (await store.get(waiting.id))!
    expect(
      await store.save(
        { ...fresh, urgency: 'urgent', updatedAt: fresh.updatedAt + 5 },
        [{ ticketId: fresh.id, at: 1, actor: 'x', kind: 'note', text: 'stale' }],
        fresh.updatedAt - 1
      )
    ).toBe(false)
    expect((await store.get(waiting.id))?.urgency).toBe('normal')
    expect((await store.events(waiting.id)).length).toBe(3)
    // The reports count them by category (the merged duplicate left out).
    const report = (await (await call('/api/v1/reports/summary')).json()) as {
      tickets: { category: string; opened: number }[]
    }
    expect(report.tickets.find((t) => t.category === 'other')?.opened).toBe(3)
  })
})

describe('work order pages', () => {
  it('list the queue, show a ticket with its actions, and offer the form on the conversation', async () => {
    fakeTelegram()
    const cookie = await consoleCookie()
    const key = 'telegram:9601'
    await telegramSays(9601, 'The zip on my jacket broke')
    await drain(key)
    const conversationPage = await (await api(`/console/c/${key}`, { headers: { cookie } })).text()
    expect(conversationPage).toContain('data-api="/api/v1/tickets"')
    expect(conversationPage).toContain('The zip on my jacket broke</textarea>')
    const t = (await (
      await call('/api/v1/tickets', 'POST', { category: 'quality', conversationKey: key })
    ).json()) as Ticket
    const list = await (await api('/console/tickets', { headers: { cookie } })).text()
    expect(list).toContain(`/console/tickets/${t.id}`)
    expect(list).toContain('Collecting details')
    const page = await api(`/console/tickets/${t.id}`, { headers: { cookie } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`data-api="/api/v1/tickets/${t.id}/transition"`)
    expect(html).toContain('name="fields.order.id"')
    expect((await api('/console/tickets/T-NOPE00', { headers: { cookie } })).status).toBe(404)
    expect((await api('/console/tickets', { redirect: 'manual' })).status).toBe(302)
  })
})

describe('work orders opened by the bot', () => {
  it('a confirmed missing parcel opens a logistics work order once, with the order number and the time already promised', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:9701'
    await telegramSays(9701, "My parcel hasn't moved for five days")
    await drain(key)
    await telegramSays(9701, 'order 202612070003')
    await drain(key)
    await telegramSays(9701, 'Yes')
    await drain(key)

    const [handover, reference] = tg
      .sends()
      .slice(-2)
      .map((s) => String(s.body.text))
    expect(handover).toContain('Order 202612070003 noted')
    expect(reference).toMatch(
      /^Your reference is T-[A-Z2-9]{6} \(Logistics anomaly\), in case you ask about this later\./
    )
    const id = /T-[A-Z2-9]{6}/.exec(reference ?? '')?.[0] as string

    const listed = (await (
      await call(`/api/v1/tickets?conversation=${encodeURIComponent(key)}`)
    ).json()) as { tickets: Ticket[] }
    expect(listed.tickets).toHaveLength(1)
    const { ticket, events } = await ticketOf(id)
    expect(ticket).toMatchObject({
      category: 'logistics',
      status: 'received',
      missing: [],
      contact: `chat ${key}`,
      fields: { 'order.id': '202612070003' },
      conversationKey: key,
    })
    expect(events[0]).toMatchObject({ kind: 'created', to: 'received' })
    const state = (await view(key)).state
    // The deadline is the solution time the handover named; the conversation's clock speaks for both.
    expect(ticket.dueAt - state.sla.targets.resolution!.dueAt).toBe(0)
    expect(state.tickets[id]).toMatchObject({ categoryId: 'logistics', boundToCase: true })
    expect(state.ticketWanted).toBeNull()

    // Another message in the same case opens nothing more.
    await telegramSays(9701, 'Thanks, any news yet?')
    await drain(key)
    expect(
      (
        (await (await call(`/api/v1/tickets?conversation=${encodeURIComponent(key)}`)).json()) as {
          tickets: Ticket[]
        }
      ).tickets
    ).toHaveLength(1)
  })
})
