import type { CaseFacts, OrderFacts } from './facts'

/** Upserts a conversation's report rows in one round trip; an older write never overwrites a newer one. */
export const writeFacts = async (
  db: D1Database,
  c: CaseFacts | null,
  orders: readonly OrderFacts[]
): Promise<void> => {
  const statements: D1PreparedStatement[] = []
  if (c) {
    statements.push(
      db
        .prepare(
          `INSERT INTO case_facts (case_id, conversation_key, channel, intent, presale, agent, opened_at, opened_day, resolved_at,
             handed_off, level, customer_turns, answered_turns, first_response_ms, human_first_response_ms, response_waits,
             human_waits, sla, csat, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
           ON CONFLICT (case_id) DO UPDATE SET intent = excluded.intent, presale = MAX(case_facts.presale, excluded.presale),
             agent = excluded.agent, resolved_at = excluded.resolved_at, handed_off = excluded.handed_off, level = excluded.level,
             customer_turns = excluded.customer_turns, answered_turns = excluded.answered_turns,
             first_response_ms = excluded.first_response_ms, human_first_response_ms = excluded.human_first_response_ms,
             response_waits = excluded.response_waits, human_waits = excluded.human_waits, sla = excluded.sla,
             csat = excluded.csat, updated_at = excluded.updated_at
           WHERE excluded.updated_at >= case_facts.updated_at`
        )
        .bind(
          c.caseId,
          c.conversationKey,
          c.channel,
          c.intent,
          c.presale ? 1 : 0,
          c.agent,
          c.openedAt,
          c.openedDay,
          c.resolvedAt,
          c.handedOff ? 1 : 0,
          c.level,
          c.customerTurns,
          c.answeredTurns,
          c.firstResponseMs,
          c.humanFirstResponseMs,
          JSON.stringify(c.responseWaits),
          JSON.stringify(c.humanWaits),
          JSON.stringify(c.sla),
          c.csat,
          c.updatedAt
        )
    )
  }
  for (const o of orders) {
    statements.push(
      db
        .prepare(
          `INSERT INTO order_facts (conversation_key, order_id, channel, status, amount, currency, created_at, created_day,
             reminded_at, paid_at, refunded_at, cancelled_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
           ON CONFLICT (conversation_key, order_id) DO UPDATE SET status = excluded.status, amount = excluded.amount,
             currency = excluded.currency, reminded_at = excluded.reminded_at, paid_at = excluded.paid_at,
             refunded_at = excluded.refunded_at, cancelled_at = excluded.cancelled_at, updated_at = excluded.updated_at
           WHERE excluded.updated_at >= order_facts.updated_at`
        )
        .bind(
          o.conversationKey,
          o.orderId,
          o.channel,
          o.status,
          o.amount,
          o.currency,
          o.createdAt,
          o.createdDay,
          o.remindedAt,
          o.paidAt,
          o.refundedAt,
          o.cancelledAt,
          o.updatedAt
        )
    )
  }
  if (statements.length > 0) await db.batch(statements)
}

/** Which rows a report covers: local days (inclusive) and optional filters. */
export interface FactsQuery {
  from: string
  to: string
  channel?: string
  agent?: string
  intent?: string
}

interface CaseRow {
  case_id: string
  conversation_key: string
  channel: string
  intent: string | null
  presale: number
  agent: string | null
  opened_at: number
  opened_day: string
  resolved_at: number | null
  handed_off: number
  level: number
  customer_turns: number
  answered_turns: number
  first_response_ms: number | null
  human_first_response_ms: number | null
  response_waits: string
  human_waits: string
  sla: string
  csat: number | null
  updated_at: number
}

interface OrderRow {
  conversation_key: string
  order_id: string
  channel: string
  status: OrderFacts['status']
  amount: number | null
  currency: string | null
  created_at: number
  created_day: string
  reminded_at: number | null
  paid_at: number | null
  refunded_at: number | null
  cancelled_at: number | null
  updated_at: number
}

const parseList = (text: string): number[] => {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((n): n is number => typeof n === 'number') : []
  } catch {
    return []
  }
}

const parseSla = (text: string): CaseFacts['sla'] => {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? value : {}
  } catch {
    return {}
  }
}

const toCase = (r: CaseRow): CaseFacts => ({
  caseId: r.case_id,
  conversationKey: r.conversation_key,
  channel: r.channel,
  intent: r.intent,
  presale: r.presale === 1,
  agent: r.agent,
  openedAt: r.opened_at,
  openedDay: r.opened_day,
  resolvedAt: r.resolved_at,
  handedOff: r.handed_off === 1,
  level: r.level,
  customerTurns: r.customer_turns,
  answeredTurns: r.answered_turns,
  firstResponseMs: r.first_response_ms,
  humanFirstResponseMs: r.human_first_response_ms,
  responseWaits: parseList(r.response_waits),
  humanWaits: parseList(r.human_waits),
  sla: parseSla(r.sla),
  csat: r.csat,
  updatedAt: r.updated_at,
})

const toOrder = (r: OrderRow): OrderFacts => ({
  conversationKey: r.conversation_key,
  orderId: r.order_id,
  channel: r.channel,
  status: r.status,
  amount: r.amount,
  currency: r.currency,
  createdAt: r.created_at,
  createdDay: r.created_day,
  remindedAt: r.reminded_at,
  paidAt: r.paid_at,
  refundedAt: r.refunded_at,
  cancelledAt: r.cancelled_at,
  updatedAt: r.updated_at,
})

/** Most case rows one report reads; a longer range is refused (one more is read to know) rather than cut short silently. */
export const MAX_REPORT_CASES = 200_000

/** Cases opened in the range (with the filters), and orders created from its first day to `ordersTo`. */
export const readFacts = async (
  db: D1Database,
  q: FactsQuery,
  ordersTo: string
): Promise<{ cases: CaseFacts[]; orders: OrderFacts[] }> => {
  const where = ['opened_day BETWEEN ?1 AND ?2']
  const binds: (string | number)[] = [q.from, q.to]
  for (const [column, value] of [
    ['channel', q.channel],
    ['agent', q.agent],
    ['intent', q.intent],
  ] as const) {
    if (value === undefined) continue
    binds.push(value)
    where.push(`${column} = ?${binds.length}`)
  }
  const orderWhere = ['created_day BETWEEN ?1 AND ?2']
  const orderBinds: string[] = [q.from, ordersTo]
  if (q.channel !== undefined) {
    orderBinds.push(q.channel)
    orderWhere.push(`channel = ?${orderBinds.length}`)
  }
  const [cases, orders] = await db.batch([
    db
      .prepare(
        `SELECT * FROM case_facts WHERE ${where.join(' AND ')} LIMIT ${MAX_REPORT_CASES + 1}`
      )
      .bind(...binds),
    db.prepare(`SELECT * FROM order_facts WHERE ${orderWhere.join(' AND ')}`).bind(...orderBinds),
  ])
  return {
    cases: ((cases?.results ?? []) as CaseRow[]).map(toCase),
    orders: ((orders?.results ?? []) as OrderRow[]).map(toOrder),
  }
}
