import { describe, expect, it } from 'vitest'
import { initialState } from '../conversation/state'
import type { ConversationState, TranscriptMessage } from '../conversation/types'
import { caseFactsOf, orderFactsOf, reportSignature } from './facts'

const T0 = Date.parse('2026-12-07T06:00:00Z')
const s = (n: number) => T0 + n * 1000
const day = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10)

let seq = 0
const msg = (
  at: number,
  author: TranscriptMessage['author'],
  text: string,
  extra: Partial<TranscriptMessage> = {}
): TranscriptMessage => ({
  id: ++seq,
  direction: author === 'customer' ? 'in' : 'out',
  kind: 'message',
  author,
  text,
  at,
  status: author === 'customer' ? 'received' : 'sent',
  ...(author === 'customer' ? {} : { sentAt: at + 500 }),
  ...extra,
})

const base = (): ConversationState => ({
  ...initialState('telegram:42', 'telegram', { id: '42', name: 'Lin' }, s(0)),
  intent: 'logistics',
  case: {
    id: 'telegram:42@1',
    openedAt: s(0),
    problem: 'where is my parcel',
    solution: null,
    resolvedAt: null,
    handler: null,
  },
})

describe('case facts', () => {
  it('times the bot reply from the customer message to its send', () => {
    const facts = caseFactsOf(
      base(),
      [msg(s(0), 'customer', 'where is my parcel'), msg(s(0), 'bot', 'Let me check')],
      day,
      s(1)
    )
    expect(facts).toMatchObject({
      caseId: 'telegram:42@1',
      openedDay: '2026-12-07',
      customerTurns: 1,
      answeredTurns: 1,
      firstResponseMs: 500,
      responseWaits: [500],
      humanWaits: [],
      handedOff: false,
      agent: null,
      presale: false,
    })
  })

  it("times a person's replies from the handoff and from each unanswered customer message", () => {
    const state: ConversationState = {
      ...base(),
      owner: 'human',
      agent: 'Mei',
      slaLog: [
        { target: 'first_response', event: 'started', at: s(0), dueAt: s(300) },
        { target: 'resolution', event: 'started', at: s(10), dueAt: s(8 * 3600) },
        { target: 'first_response', event: 'met', at: s(130) },
        { target: 'next_response', event: 'started', at: s(200), dueAt: s(500) },
        { target: 'next_response', event: 'breached', at: s(500) },
        { target: 'next_response', event: 'met', at: s(700) },
      ],
    }
    const messages = [
      msg(s(0), 'customer', 'parcel stuck'),
      msg(s(0), 'bot', 'checking'),
      msg(s(10), 'customer', 'I want a person'),
      msg(s(10), 'bot', 'A colleague will reply by 14:05'),
      msg(s(130), 'agent', 'Hi, Mei here', { agent: 'Mei', sentAt: s(130) }),
      msg(s(200), 'customer', 'any news?'),
      msg(s(260), 'customer', 'hello?'),
      msg(s(700), 'agent', 'The courier found it', { agent: 'Mei', sentAt: s(700) }),
    ]
    const facts = caseFactsOf(state, messages, day, s(800))
    expect(facts).toMatchObject({
      customerTurns: 3,
      answeredTurns: 3,
      firstResponseMs: 500,
      responseWaits: [500, 500, 500_000],
      humanWaits: [120_000, 500_000],
      humanFirstResponseMs: 120_000,
      handedOff: true,
      agent: 'Mei',
      sla: { first_response: 'met', next_response: 'breached' },
    })
  })

  it('leaves out messages of earlier cases and a failed reply', () => {
    const state = { ...base(), case: { ...base().case!, openedAt: s(100) } }
    const messages = [
      msg(s(0), 'customer', 'old'),
      msg(s(1), 'bot', 'old answer'),
      msg(s(100), 'customer', 'new question'),
      msg(s(100), 'bot', 'lost', { status: 'failed' }),
    ]
    expect(caseFactsOf(state, messages, day, s(200))).toMatchObject({
      customerTurns: 1,
      answeredTurns: 0,
      firstResponseMs: null,
      responseWaits: [],
    })
  })

  it('marks a pre-sale inquiry even after the scenario moved on, and takes the rating of this case only', () => {
    const state: ConversationState = {
      ...base(),
      intent: 'payment',
      status: 'resolved',
      case: { ...base().case!, resolvedAt: s(50) },
      survey: { caseId: 'telegram:42@1', sentAt: s(50), rating: 4, ratedAt: s(60), comment: null },
    }
    const messages = [
      msg(s(0), 'customer', 'is it in stock?'),
      msg(s(0), 'bot', 'Yes, in stock', { template: 'presale.stock' }),
    ]
    expect(caseFactsOf(state, messages, day, s(70))).toMatchObject({
      presale: true,
      csat: 4,
      resolvedAt: s(50),
    })
    const other = { ...state, survey: { ...state.survey!, caseId: 'telegram:42@0' } }
    expect(caseFactsOf(other, messages, day, s(70))?.csat).toBeNull()
  })

  it('has no case row before a case opens', () => {
    expect(caseFactsOf({ ...base(), case: null }, [], day, s(0))).toBeNull()
  })
})

describe('order facts', () => {
  it('carry payment, reminder and refund times, with the shop-local creation day', () => {
    const state: ConversationState = {
      ...base(),
      orders: {
        A1: {
          id: 'A1',
          status: 'refunded',
          amount: 99,
          currency: 'CNY',
          createdAt: Date.parse('2026-12-07T17:00:00Z'),
          updatedAt: s(9),
          reminderDueAt: null,
          remindedAt: s(5),
          paidAt: s(6),
          refundedAt: s(9),
        },
      },
    }
    expect(orderFactsOf(state, day, s(10))).toEqual([
      {
        conversationKey: 'telegram:42',
        orderId: 'A1',
        channel: 'telegram',
        status: 'refunded',
        amount: 99,
        currency: 'CNY',
        createdAt: Date.parse('2026-12-07T17:00:00Z'),
        createdDay: '2026-12-08',
        remindedAt: s(5),
        paidAt: s(6),
        refundedAt: s(9),
        cancelledAt: null,
        updatedAt: s(10),
      },
    ])
  })
})

describe('report signature', () => {
  it('ignores an ordinary message and changes with what the rows count', () => {
    const state = base()
    const later = {
      ...state,
      updatedAt: s(30),
      lastInboundAt: s(30),
      vars: { 'order.id': '1' },
      slaLog: [],
    }
    expect(reportSignature(later)).toBe(reportSignature(state))
    expect(reportSignature({ ...state, intent: 'complaint' })).not.toBe(reportSignature(state))
    expect(reportSignature({ ...state, owner: 'human' })).not.toBe(reportSignature(state))
    expect(reportSignature({ ...state, lastAgentReplyAt: s(5) })).not.toBe(reportSignature(state))
    expect(reportSignature({ ...state, case: { ...state.case!, resolvedAt: s(9) } })).not.toBe(
      reportSignature(state)
    )
    expect(reportSignature(null)).not.toBe(reportSignature(state))
  })
})
