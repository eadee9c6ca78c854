import { describe, expect, it } from 'vitest'
import { DEFAULT_FLOW } from '../flows/default-pack'
import { DEFAULT_TEMPLATES } from '../flows/default-templates'
import { DEFAULT_KNOWLEDGE } from '../knowledge/default-knowledge'
import { DEFAULT_ESCALATION_RULES } from '../escalation/default-rules'
import { DEFAULT_BUSINESS_HOURS } from '../sla/calendar'
import { DEFAULT_SLA_POLICY } from '../sla/policy'
import { categoryOf, DEFAULT_TICKET_CATEGORIES } from '../tickets/categories'
import { initialState } from './state'
import { enter, hasOpenTicket } from './steps'
import { draftWantedTicket } from './ticket-open'
import type { ConversationState } from './types'
import { worldAt } from './world'

const now = Date.parse('2026-12-07T06:00:00Z') // 14:00 in Shanghai, staffed
const pack = { flow: DEFAULT_FLOW, templates: DEFAULT_TEMPLATES, knowledge: DEFAULT_KNOWLEDGE }
const world = worldAt(
  {
    pack,
    ctx: { shopName: 'Shop', replyMinutes: 5, hoursOpen: '', returnDays: 7 },
    policy: DEFAULT_SLA_POLICY,
    calendar: DEFAULT_BUSINESS_HOURS,
    rules: DEFAULT_ESCALATION_RULES,
  },
  now
)
const base = (): ConversationState => ({
  ...initialState('telegram:5', 'telegram', { id: '5' }, now),
  locale: 'en',
  vars: { 'order.id': '202612070003' },
  case: {
    id: 'c1',
    openedAt: now,
    problem: 'Parcel stuck for five days',
    solution: null,
    resolvedAt: null,
    handler: null,
  },
})

describe('a flow step that opens a work order', () => {
  it('asks for one once per case and category', () => {
    const entered = enter(base(), pack, world.ctx, 'logistics.handover')
    expect(entered.state.ticketWanted).toEqual({ category: 'logistics', urgency: 'normal' })
    expect(hasOpenTicket(entered.state, 'logistics')).toBe(true)
    const again = enter(
      {
        ...entered.state,
        ticketWanted: null,
        tickets: {
          'T-AAAAAA': {
            id: 'T-AAAAAA',
            categoryId: 'logistics',
            category: { en: 'Logistics anomaly', 'zh-CN': '物流异常' },
            status: 'received',
            missing: [],
            dueAt: now,
            warnAt: now,
            warned: false,
            breached: false,
            updateEveryMs: 1,
            nextUpdateAt: null,
            sync: null,
          },
        },
      },
      pack,
      world.ctx,
      'logistics.handover'
    )
    expect(again.state.ticketWanted).toBeNull()
  })

  it('takes the chat as the contact and the promised solution time as the deadline', () => {
    const entered = enter(base(), pack, world.ctx, 'logistics.handover')
    const promised = { ...entered.state, promised: ['resolve' as const] }
    const category = categoryOf(DEFAULT_TICKET_CATEGORIES, 'logistics')!
    const ticket = draftWantedTicket(promised, category, world, 'T-BBBBBB')
    expect(ticket).toMatchObject({
      id: 'T-BBBBBB',
      contact: 'chat telegram:5',
      fields: { 'order.id': '202612070003' },
      missing: [],
      status: 'received',
      createdBy: 'bot',
    })
    const unpromised = draftWantedTicket(entered.state, category, world, 'T-BBBBBB')
    // Without a promise the category's own target counts: 12 staffed hours for a normal logistics anomaly.
    expect(unpromised?.dueAt).not.toBe(ticket?.dueAt)
  })
})
