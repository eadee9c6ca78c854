import { TARGET_KINDS, type TargetKind } from '../sla/policy'
import type { CaseFacts, OrderFacts } from './facts'

/** A spread of durations in milliseconds (nearest-rank percentiles). */
export interface Spread {
  count: number
  mean: number | null
  p50: number | null
  p90: number | null
}

/** A share with what it is made of. */
export interface Share {
  of: number
  hits: number
  rate: number | null
}

/** Every figure of one report (or one group of a breakdown). */
export interface Figures {
  cases: number
  resolved: number
  /** Cases a person took part in (handed over, escalated or answered by an agent). */
  handedOff: number
  /** Resolved without a person taking part. */
  containment: Share
  firstResponse: Spread
  humanFirstResponse: Spread
  responseTime: Spread
  humanResponseTime: Spread
  /** Customer turns that got a reply. */
  replyRate: Share
  resolutionTime: Spread
  sla: Record<TargetKind, Share>
  csat: {
    responses: number
    average: number | null
    distribution: [number, number, number, number, number]
  }
  escalations: { level1: number; level2: number; resolutionTime: Spread }
  /** Pre-sale cases followed by an order from the same customer within the window. */
  conversion: Share
  /** Unpaid orders that were reminded, then paid; null where orders don't belong to the group (agent, intent). */
  recovery: Share | null
  refunds: Share | null
  /** Average amount of the orders created (not cancelled), in their most common currency. */
  orderValue: { orders: number; average: number | null; currency: string | null } | null
}

/** How the figures are computed: the conversion window. */
export interface FigureOptions {
  conversionWindowMs: number
}

/** Pure: count, mean and nearest-rank p50/p90 of durations. */
export const spread = (values: readonly number[]): Spread => {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p90: null }
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? null
  return {
    count: sorted.length,
    mean: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50: rank(0.5),
    p90: rank(0.9),
  }
}

const share = (of: number, hits: number): Share => ({ of, hits, rate: of === 0 ? null : hits / of })

const orderValue = (orders: readonly OrderFacts[]): Figures['orderValue'] => {
  const priced = orders.filter((o) => o.amount !== null && o.cancelledAt === null)
  const counts = new Map<string, number>()
  for (const o of priced) counts.set(o.currency ?? '', (counts.get(o.currency ?? '') ?? 0) + 1)
  const currency = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
  const same = priced.filter((o) => (o.currency ?? '') === currency)
  const average =
    same.length === 0
      ? null
      : Math.round((same.reduce((sum, o) => sum + (o.amount ?? 0), 0) / same.length) * 100) / 100
  return { orders: same.length, average, currency: currency || null }
}

const defined = (values: (number | null)[]): number[] =>
  values.filter((v): v is number => v !== null)

/** Pure: the figures of a set of cases, with the orders for conversion (all) and recovery and refunds (`ownOrders`). */
export const computeFigures = (
  cases: readonly CaseFacts[],
  orders: readonly OrderFacts[],
  ownOrders: readonly OrderFacts[] | null,
  options: FigureOptions
): Figures => {
  const resolved = cases.filter((c) => c.resolvedAt !== null)
  const sla = Object.fromEntries(
    TARGET_KINDS.map((kind) => {
      const outcomes = cases.map((c) => c.sla[kind]).filter((o) => o !== undefined)
      return [kind, share(outcomes.length, outcomes.filter((o) => o === 'met').length)]
    })
  ) as Record<TargetKind, Share>
  const ratings = defined(cases.map((c) => c.csat)).filter((r) => r >= 1 && r <= 5)
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0]
  for (const r of ratings) distribution[r - 1] = (distribution[r - 1] ?? 0) + 1
  const byConversation = new Map<string, OrderFacts[]>()
  for (const o of orders)
    byConversation.set(o.conversationKey, [...(byConversation.get(o.conversationKey) ?? []), o])
  const inquiries = cases.filter((c) => c.presale)
  const converted = inquiries.filter((c) =>
    (byConversation.get(c.conversationKey) ?? []).some(
      (o) => o.createdAt >= c.openedAt && o.createdAt <= c.openedAt + options.conversionWindowMs
    )
  )
  const reminded = ownOrders?.filter((o) => o.remindedAt !== null) ?? []
  const escalated = cases.filter((c) => c.level > 0)
  return {
    cases: cases.length,
    resolved: resolved.length,
    handedOff: cases.filter((c) => c.handedOff).length,
    containment: share(resolved.length, resolved.filter((c) => !c.handedOff).length),
    firstResponse: spread(defined(cases.map((c) => c.firstResponseMs))),
    humanFirstResponse: spread(defined(cases.map((c) => c.humanFirstResponseMs))),
    responseTime: spread(cases.flatMap((c) => c.responseWaits)),
    humanResponseTime: spread(cases.flatMap((c) => c.humanWaits)),
    replyRate: share(
      cases.reduce((n, c) => n + c.customerTurns, 0),
      cases.reduce((n, c) => n + c.answeredTurns, 0)
    ),
    resolutionTime: spread(resolved.map((c) => (c.resolvedAt ?? c.openedAt) - c.openedAt)),
    sla,
    csat: {
      responses: ratings.length,
      average:
        ratings.length === 0
          ? null
          : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100,
      distribution,
    },
    escalations: {
      level1: escalated.filter((c) => c.level === 1).length,
      level2: escalated.filter((c) => c.level >= 2).length,
      resolutionTime: spread(
        escalated.filter((c) => c.resolvedAt !== null).map((c) => (c.resolvedAt ?? 0) - c.openedAt)
      ),
    },
    conversion: share(inquiries.length, converted.length),
    recovery: ownOrders
      ? share(
          reminded.length,
          reminded.filter((o) => o.paidAt !== null && o.paidAt >= (o.remindedAt ?? 0)).length
        )
      : null,
    refunds: ownOrders
      ? share(ownOrders.length, ownOrders.filter((o) => o.refundedAt !== null).length)
      : null,
    orderValue: ownOrders ? orderValue(ownOrders) : null,
  }
}

/** What a breakdown groups by. */
export type GroupBy = 'day' | 'channel' | 'agent' | 'intent'

/** The dimensions a report can group by. */
export const GROUP_BY: readonly GroupBy[] = ['day', 'channel', 'agent', 'intent']

/** Pure: every local day from `from` to `to` inclusive (YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = []
  const end = Date.parse(`${to}T00:00:00Z`)
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length <= 400; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

/** Pure: `day` moved by `n` calendar days. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The group a bot-only case falls under when grouping by agent. */
export const BOT_GROUP = 'bot'

const keyOf = (c: CaseFacts, by: GroupBy): string =>
  by === 'day'
    ? c.openedDay
    : by === 'channel'
      ? c.channel
      : by === 'agent'
        ? (c.agent ?? BOT_GROUP)
        : (c.intent ?? 'unknown')

/**
 * Pure: figures per group. Orders count towards recovery and refunds by their own day or channel;
 * grouped by agent or intent they have no group, so those figures are null there.
 */
export const breakdown = (
  cases: readonly CaseFacts[],
  orders: readonly OrderFacts[],
  by: GroupBy,
  range: { from: string; to: string },
  options: FigureOptions
): { key: string; figures: Figures }[] => {
  const groups = new Map<string, CaseFacts[]>()
  if (by === 'day') for (const day of daysBetween(range.from, range.to)) groups.set(day, [])
  for (const c of cases) groups.set(keyOf(c, by), [...(groups.get(keyOf(c, by)) ?? []), c])
  const inRange = orders.filter((o) => o.createdDay >= range.from && o.createdDay <= range.to)
  if (by === 'channel')
    for (const o of inRange) if (!groups.has(o.channel)) groups.set(o.channel, [])
  const ownOrders = (key: string): OrderFacts[] | null =>
    by === 'day'
      ? inRange.filter((o) => o.createdDay === key)
      : by === 'channel'
        ? inRange.filter((o) => o.channel === key)
        : null
  return [...groups.entries()]
    .sort(([a], [b]) =>
      by === 'day'
        ? a.localeCompare(b)
        : // People first (the bot's group last), the busiest first.
          Number(by === 'agent' && a === BOT_GROUP) - Number(by === 'agent' && b === BOT_GROUP) ||
          (groups.get(b)?.length ?? 0) - (groups.get(a)?.length ?? 0) ||
          a.localeCompare(b)
    )
    .map(([key, group]) => ({
      key,
      figures: computeFigures(group, orders, ownOrders(key), options),
    }))
}

/** Pure: the orders a range's own figures count (created within it). */
export const ordersIn = (
  orders: readonly OrderFacts[],
  range: { from: string; to: string }
): OrderFacts[] => orders.filter((o) => o.createdDay >= range.from && o.createdDay <= range.to)
