import { describe, expect, it } from 'vitest'
import type { SlaEvent } from '../sla/engine'
import { DEFAULT_RED_LINES } from './red-lines'
import { scoreCase, type ScoredMessage } from './score'

const c = (text: string): ScoredMessage => ({ direction: 'in', author: 'customer', text })
const a = (text: string): ScoredMessage => ({ direction: 'out', author: 'agent', text })
const met: SlaEvent[] = [
  { target: 'first_response', event: 'started', at: 0 },
  { target: 'first_response', event: 'met', at: 60_000 },
  { target: 'resolution', event: 'started', at: 0 },
]

const perfect = [
  c('My parcel is three days late, this is unacceptable'),
  a('Hello, this is Mia from the shop. I understand how frustrating a late parcel is.'),
  a('Just to check: order 202611230001, shipped on Monday, right?'),
  c('yes'),
  a('I have asked the courier to trace it; I will update you by 15:00 today.'),
  c('ok thanks'),
  a('Thank you for your patience. Is there anything else I can help with?'),
]

describe('automatic inspection', () => {
  it('gives a conversation that follows the procedure full marks', () => {
    const score = scoreCase(perfect, met, DEFAULT_RED_LINES)
    expect(score.human?.stages).toEqual({
      greeting: true,
      needConfirmed: true,
      solutionWithTime: true,
      objectionAcknowledged: true,
      closing: true,
    })
    expect(score.total).toBe(100)
    expect(score.bot).toBeNull()
  })

  it.each([
    [
      'greeting',
      perfect.map((m) =>
        m.text.startsWith('Hello') ? a('I understand how frustrating a late parcel is.') : m
      ),
    ],
    [
      'needConfirmed',
      perfect.map((m) =>
        m.text.startsWith('Just to check') ? a('Order 202611230001 shipped on Monday.') : m
      ),
    ],
    [
      'solutionWithTime',
      perfect.map((m) =>
        m.text.startsWith('I have asked') ? a('I have asked the courier to trace it.') : m
      ),
    ],
    ['closing', perfect.slice(0, -1)],
  ] as const)('loses the stage %s when it is missing', (stage, messages) => {
    const score = scoreCase([...messages], met, DEFAULT_RED_LINES)
    expect(score.human?.stages[stage]).toBe(false)
    expect(score.total).toBe(94) // 30 x 4/5 of the stages
  })

  it('an objection answered without acknowledging it costs the stage', () => {
    const messages = perfect.map((m) =>
      m.text.startsWith('Hello') ? a('Hello, this is Mia from the shop.') : m
    )
    expect(scoreCase(messages, met, DEFAULT_RED_LINES).human?.stages.objectionAcknowledged).toBe(
      false
    )
  })

  it('a red line costs the wording part; an unconfirmed promise the promises part', () => {
    const rude = scoreCase(
      [...perfect, a("Honestly that's not my problem.")],
      met,
      DEFAULT_RED_LINES
    )
    expect(rude.human?.wording).toBe(0.5)
    expect(rude.human?.redLines).toEqual([{ kind: 'wording', match: 'not my problem' }])
    const promised = scoreCase(
      [...perfect, a('It will definitely arrive tomorrow.')],
      met,
      DEFAULT_RED_LINES
    )
    expect(promised.human?.promises).toBe(0)
    expect(promised.total).toBe(85)
  })

  it('a broken time (a missed resolution target) and slow replies cost speed and promises', () => {
    const late: SlaEvent[] = [
      ...met,
      { target: 'next_response', event: 'breached', at: 9 },
      { target: 'resolution', event: 'breached', at: 10 },
    ]
    const score = scoreCase(perfect, late, DEFAULT_RED_LINES)
    expect(score.human?.speed).toBe(0.5)
    expect(score.human?.promises).toBe(0)
    expect(score.total).toBe(70)
  })

  it('scores the bot and the people apart', () => {
    const messages: ScoredMessage[] = [
      c('hello'),
      {
        direction: 'out',
        author: 'bot',
        text: "Hi there, welcome to Demo Shop! I'm the shop's assistant bot.",
        template: 'greeting',
      },
      ...perfect,
    ]
    const score = scoreCase(messages, met, DEFAULT_RED_LINES)
    expect(score.bot?.turns).toBe(1)
    expect(score.human?.turns).toBe(4)
    expect(score.total).toBe(score.human?.total)
  })
})
