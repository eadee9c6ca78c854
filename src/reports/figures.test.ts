import { describe, expect, it } from 'vitest'
import { breakdownCsv, csvCell } from './csv'
import type { CaseFacts, OrderFacts } from './facts'
import { addDays, breakdown, computeFigures, daysBetween, spread } from './figures'

const H = 3600_000
const T = Date.parse('2026-12-01T02:00:00Z')

const kase = (id: string, patch: Partial<CaseFacts>): CaseFacts => ({
  caseId: id,
  conversationKey: `telegram:${id}`,
  channel: 'telegram',
  intent: 'order',
  presale: false,
  agent: null,
  openedAt: T,
  openedDay: '2026-12-01',
  resolvedAt: null,
  handedOff: false,
  level: 0,
  customerTurns: 1,
  answeredTurns: 1,
  firstResponseMs: 1000,
  humanFirstResponseMs: null,
  responseWaits: [1000],
  humanWaits: [],
  sla: {},
  csat: null,
  updatedAt: T,
  ...patch,
})

const order = (id: string, patch: Partial<OrderFacts>): OrderFacts => ({
  conversationKey: `telegram:${id}`,
  orderId: id,
  channel: 'telegram',
  status: 'created',
  amount: 100,
  currency: 'CNY',
  createdAt: T,
  createdDay: '2026-12-01',
  remindedAt: null,
  paidAt: null,
  refundedAt: null,
  cancelledAt: null,
  updatedAt: T,
  ...patch,
})

// Five cases over two days, figures worked out by hand below.
const cases: CaseFacts[] = [
  // a: bot alone, resolved after 10 minutes, rated 5, pre-sale, ordered 2 h later (converts)
  kase('a', {
    presale: true,
    intent: 'presale',
    resolvedAt: T + 10 * 60_000,
    csat: 5,
    firstResponseMs: 800,
    responseWaits: [800, 1200],
    customerTurns: 2,
    answeredTurns: 2,
  }),
  // b: handed to Mei, first person reply after 2 min, SLA met, resolved after 1 h, rated 2
  kase('b', {
    handedOff: true,
    agent: 'Mei',
    resolvedAt: T + H,
    csat: 2,
    humanFirstResponseMs: 120_000,
    humanWaits: [120_000, 60_000],
    responseWaits: [1000, 120_000, 60_000],
    customerTurns: 3,
    answeredTurns: 3,
    sla: { first_response: 'met', next_response: 'met' },
  }),
  // c: escalated to level 1 by Mei, first response breached, resolved after 5 h
  kase('c', {
    handedOff: true,
    agent: 'Mei',
    level: 1,
    resolvedAt: T + 5 * H,
    humanFirstResponseMs: 600_000,
    humanWaits: [600_000],
    responseWaits: [1000, 600_000],
    customerTurns: 2,
    answeredTurns: 2,
    sla: { first_response: 'breached', resolution: 'met' },
  }),
  // d: pre-sale next day, still open, one customer turn unanswered; its order comes 4 days later (too late)
  kase('d', {
    presale: true,
    intent: 'presale',
    openedAt: T + 24 * H,
    openedDay: '2026-12-02',
    customerTurns: 2,
    answeredTurns: 1,
    responseWaits: [1000],
  }),
  // e: web chat, bot alone, resolved, level 2 complaint handled by Ann
  kase('e', {
    channel: 'webchat',
    conversationKey: 'webchat:e',
    openedAt: T + 24 * H,
    openedDay: '2026-12-02',
    handedOff: true,
    agent: 'Ann',
    level: 2,
    resolvedAt: T + 26 * H,
    csat: 4,
    humanFirstResponseMs: 60_000,
    humanWaits: [60_000],
    responseWaits: [1000, 60_000],
    customerTurns: 2,
    answeredTurns: 2,
  }),
]
const orders: OrderFacts[] = [
  order('a', { createdAt: T + 2 * H, remindedAt: T + 14 * H, paidAt: T + 15 * H }),
  order('x', {
    conversationKey: 'telegram:x',
    createdAt: T + 3 * H,
    remindedAt: T + 15 * H,
    amount: 200,
  }),
  order('z', {
    conversationKey: 'telegram:z',
    createdAt: T + 3 * H,
    amount: 999,
    cancelledAt: T + 4 * H,
    status: 'cancelled',
  }),
  order('u', { conversationKey: 'telegram:u', createdAt: T + 3 * H, amount: 30, currency: 'USD' }),
  order('y', {
    conversationKey: 'telegram:y',
    createdAt: T + 3 * H,
    paidAt: T + 4 * H,
    refundedAt: T + 30 * H,
    status: 'refunded',
    amount: 60,
  }),
  order('d', { createdAt: T + 5 * 24 * H, createdDay: '2026-12-06' }),
]
const window = { conversionWindowMs: 72 * H }
const range = { from: '2026-12-01', to: '2026-12-02' }
const own = orders.filter((o) => o.createdDay <= range.to)

describe('report figures', () => {
  it('match the hand-computed figures of a seeded set', () => {
    const f = computeFigures(cases, orders, own, window)
    expect(f.cases).toBe(5)
    expect(f.resolved).toBe(4)
    // a is the only resolved case no person touched: 1 of 4
    expect(f.containment).toEqual({ of: 4, hits: 1, rate: 0.25 })
    // first responses 800, 1000, 1000, 1000, 1000
    expect(f.firstResponse).toEqual({ count: 5, mean: 960, p50: 1000, p90: 1000 })
    // a person's first replies 60 s, 120 s, 600 s
    expect(f.humanFirstResponse).toEqual({ count: 3, mean: 260_000, p50: 120_000, p90: 600_000 })
    // human waits 120, 60, 600, 60 s -> sorted 60, 60, 120, 600
    expect(f.humanResponseTime).toEqual({ count: 4, mean: 210_000, p50: 60_000, p90: 600_000 })
    // turns 2+3+2+2+2 = 11, answered 10
    expect(f.replyRate).toEqual({ of: 11, hits: 10, rate: 10 / 11 })
    // resolution 10 min, 1 h, 5 h, 2 h -> sorted 600 000, 3 600 000, 7 200 000, 18 000 000
    expect(f.resolutionTime).toEqual({ count: 4, mean: 7_350_000, p50: 3_600_000, p90: 18_000_000 })
    expect(f.sla.first_response).toEqual({ of: 2, hits: 1, rate: 0.5 })
    expect(f.sla.next_response).toEqual({ of: 1, hits: 1, rate: 1 })
    expect(f.sla.resolution).toEqual({ of: 1, hits: 1, rate: 1 })
    expect(f.sla.periodic_update).toEqual({ of: 0, hits: 0, rate: null })
    expect(f.csat).toEqual({ responses: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] })
    expect(f.escalations.level1).toBe(1)
    expect(f.escalations.level2).toBe(1)
    expect(f.escalations.resolutionTime).toMatchObject({
      count: 2,
      p50: 7_200_000,
      p90: 18_000_000,
    })
    // pre-sale a converted within 72 h; d's order came after 4 days
    expect(f.conversion).toEqual({ of: 2, hits: 1, rate: 0.5 })
    // reminded a (paid after) and x (never paid)
    expect(f.recovery).toEqual({ of: 2, hits: 1, rate: 0.5 })
    // 5 orders created in the range, y refunded
    expect(f.refunds).toEqual({ of: 5, hits: 1, rate: 1 / 5 })
    // CNY is the most common currency; z was cancelled: (100 + 200 + 60) / 3
    expect(f.orderValue).toEqual({ orders: 3, average: 120, currency: 'CNY' })
  })

  it('count an order as converted only inside the window', () => {
    expect(computeFigures(cases, orders, own, { conversionWindowMs: 1 * H }).conversion.hits).toBe(
      0
    )
    expect(computeFigures(cases, orders, own, { conversionWindowMs: 2 * H }).conversion.hits).toBe(
      1
    )
    expect(
      computeFigures(cases, orders, own, { conversionWindowMs: 4 * 24 * H - 1 }).conversion.hits
    ).toBe(1)
    expect(
      computeFigures(cases, orders, own, { conversionWindowMs: 4 * 24 * H }).conversion.hits
    ).toBe(2)
  })

  it('break down by day with every day present, and by agent with the bot as its own group', () => {
    const days = breakdown(cases, orders, 'day', { from: '2026-11-30', to: '2026-12-02' }, window)
    expect(days.map((g) => [g.key, g.figures.cases, g.figures.refunds?.of])).toEqual([
      ['2026-11-30', 0, 0],
      ['2026-12-01', 3, 5],
      ['2026-12-02', 2, 0],
    ])
    const agents = breakdown(cases, orders, 'agent', range, window)
    expect(agents.map((g) => [g.key, g.figures.cases])).toEqual([
      ['Mei', 2],
      ['Ann', 1],
      ['bot', 2],
    ])
    expect(agents[0]?.figures.recovery).toBeNull()
    const channels = breakdown(cases, orders, 'channel', range, window)
    expect(channels.map((g) => [g.key, g.figures.cases, g.figures.refunds?.of])).toEqual([
      ['telegram', 4, 5],
      ['webchat', 1, 0],
    ])
  })

  it('write CSV a spreadsheet opens safely', () => {
    const csv = breakdownCsv('agent', breakdown(cases, orders, 'agent', range, window))
    const [header, first] = csv.split('\r\n')
    expect(
      header?.startsWith(
        'agent,cases,resolved,with_a_person,bot_containment_rate,first_response_p50_s'
      )
    ).toBe(true)
    expect(first?.startsWith('Mei,2,2,2,0.0000,1.0,1.0,1.0,')).toBe(true)
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(breakdownCsv('intent', []).split('\r\n')[0]).toContain('csat_average')
  })

  it('spread, days and day arithmetic', () => {
    expect(spread([])).toEqual({ count: 0, mean: null, p50: null, p90: null })
    expect(spread([5])).toEqual({ count: 1, mean: 5, p50: 5, p90: 5 })
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ])
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
})
