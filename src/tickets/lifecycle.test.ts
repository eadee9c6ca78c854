import { describe, expect, it } from 'vitest'
import { categoryOf, DEFAULT_TICKET_CATEGORIES } from './categories'
import { DEFAULT_BUSINESS_HOURS } from '../sla/calendar'
import {
  fillFields,
  missingFields,
  priorityOf,
  staffedDueAt,
  transition,
  type TransitionInput,
} from './lifecycle'
import type { Ticket, TicketStatus } from './types'

const logistics = categoryOf(DEFAULT_TICKET_CATEGORIES, 'logistics')!
const T0 = Date.parse('2026-12-07T02:00:00Z')

const ticket = (patch: Partial<Ticket> = {}): Ticket => ({
  id: 'T-ABC123',
  category: 'logistics',
  urgency: 'high',
  priority: 1,
  status: 'received',
  customerId: 'telegram:42',
  description: 'Parcel stuck for 5 days',
  contact: '13800138000',
  fields: { 'order.id': '202612070001' },
  missing: [],
  team: 'logistics',
  assignee: null,
  conversationKey: 'telegram:42',
  dueAt: T0 + 12 * 3600_000,
  warnedAt: null,
  breachedAt: null,
  feedback: null,
  summary: null,
  mergedInto: null,
  createdBy: 'bot',
  createdAt: T0,
  updatedAt: T0,
  closedAt: null,
  ...patch,
})

const by = (to: TicketStatus, extra: Partial<TransitionInput> = {}): TransitionInput => ({
  to,
  actor: 'Mei',
  role: 'agent',
  now: T0 + 60_000,
  ...extra,
})

describe('the work order lifecycle', () => {
  it('walks received -> assigned -> analysing -> replied -> follow-up -> closed -> summarised', () => {
    let t = ticket()
    const steps: [TicketStatus, Partial<TransitionInput>][] = [
      ['assigned', { assignee: 'Mei' }],
      ['analysing', {}],
      ['replied', {}],
      ['follow_up', {}],
      ['closed', { feedback: 'The courier found your parcel; it arrives tomorrow.' }],
      ['summarised', { summary: 'Depot mis-sort; asked the courier to re-scan.' }],
    ]
    for (const [to, extra] of steps) {
      const r = transition(t, by(to, extra))
      expect(r.ok, to).toBe(true)
      if (r.ok) {
        expect(r.event).toMatchObject({ kind: 'status', from: t.status, to })
        t = r.ticket
      }
    }
    expect(t).toMatchObject({
      status: 'summarised',
      assignee: 'Mei',
      feedback: 'The courier found your parcel; it arrives tomorrow.',
      closedAt: T0 + 60_000,
    })
  })

  it('refuses skipping steps, and lets only an admin with a reason close early', () => {
    expect(transition(ticket(), by('analysing'))).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    })
    expect(
      transition(ticket({ status: 'analysing' }), by('closed', { feedback: 'done' }))
    ).toMatchObject({ ok: false, code: 'invalid_transition' })
    expect(
      transition(
        ticket({ status: 'analysing' }),
        by('closed', { feedback: 'done', overrideReason: 'dup' })
      )
    ).toMatchObject({ ok: false })
    const early = transition(
      ticket({ status: 'analysing' }),
      by('closed', {
        role: 'admin',
        feedback: 'Refunded in full.',
        overrideReason: 'customer accepted a refund on the phone',
      })
    )
    expect(early.ok).toBe(true)
    if (early.ok)
      expect(early.event.text).toContain('override: customer accepted a refund on the phone')
    expect(
      transition(
        ticket({ status: 'summarised' }),
        by('closed', { role: 'admin', feedback: 'x', overrideReason: 'y' })
      ).ok
    ).toBe(false)
  })

  it('needs what each step needs: an assignee, the feedback to the customer, a summary', () => {
    expect(transition(ticket(), by('assigned'))).toMatchObject({ ok: false, code: 'missing_input' })
    expect(transition(ticket({ status: 'follow_up' }), by('closed'))).toMatchObject({
      ok: false,
      code: 'missing_input',
    })
    expect(transition(ticket({ status: 'closed' }), by('summarised'))).toMatchObject({
      ok: false,
      code: 'missing_input',
    })
  })

  it('goes back to analysing when the customer is not satisfied, and reopens a closed ticket', () => {
    expect(transition(ticket({ status: 'replied' }), by('analysing')).ok).toBe(true)
    const reopened = transition(ticket({ status: 'closed', closedAt: T0 }), by('analysing'))
    expect(reopened.ok && reopened.ticket.closedAt).toBeNull()
  })

  it('waits in collecting until the required fields arrive', () => {
    const t = ticket({
      status: 'collecting',
      contact: null,
      fields: {},
      missing: ['contact', 'order.id'],
    })
    expect(transition(t, by('assigned', { assignee: 'Mei' }))).toMatchObject({ ok: false })
    expect(missingFields(t, logistics)).toEqual(['contact', 'order.id'])
    const half = fillFields(
      t,
      logistics,
      { fields: { 'order.id': '202612070001' } },
      'customer',
      T0 + 1
    )
    expect(half.ticket).toMatchObject({ status: 'collecting', missing: ['contact'] })
    const full = fillFields(half.ticket, logistics, { contact: '13800138000' }, 'customer', T0 + 2)
    expect(full.ticket).toMatchObject({ status: 'received', missing: [] })
    expect(full.events.map((e) => e.kind)).toEqual(['fields', 'status'])
    // A value given once is not overwritten by a later message.
    expect(
      fillFields(full.ticket, logistics, { fields: { 'order.id': '999999' } }, 'customer', T0 + 3)
        .ticket.fields['order.id']
    ).toBe('202612070001')
  })

  it('derives priority and the deadline, in staffed hours, from the category and urgency', () => {
    expect(priorityOf('urgent')).toBe(0)
    expect(priorityOf('low')).toBe(3)
    // 10:00 in Shanghai plus 12 staffed hours is 22:00 the same day.
    expect(staffedDueAt(DEFAULT_BUSINESS_HOURS, logistics, 'high', T0)).toBe(T0 + 12 * 3600_000)
    // Opened at 03:00, the clock starts at 09:00: 4 staffed hours end at 13:00.
    const night = Date.parse('2026-12-07T19:00:00Z')
    expect(staffedDueAt(DEFAULT_BUSINESS_HOURS, logistics, 'urgent', night)).toBe(
      Date.parse('2026-12-08T05:00:00Z')
    )
  })
})
