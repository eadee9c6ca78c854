import type { ConversationState, OrderInfo, TranscriptMessage } from '../conversation/types'
import type { TargetKind } from '../sla/policy'

/** What a report needs to know about one case, rolled up by its conversation object. */
export interface CaseFacts {
  caseId: string
  conversationKey: string
  channel: string
  intent: string | null
  presale: boolean
  /** The person who handled the case (latest agent to reply), or null when the bot did it alone. */
  agent: string | null
  openedAt: number
  openedDay: string
  resolvedAt: number | null
  handedOff: boolean
  level: number
  customerTurns: number
  answeredTurns: number
  firstResponseMs: number | null
  humanFirstResponseMs: number | null
  responseWaits: number[]
  humanWaits: number[]
  sla: Partial<Record<TargetKind, 'met' | 'breached'>>
  csat: number | null
  updatedAt: number
}

/** What a report needs to know about one order. */
export interface OrderFacts {
  conversationKey: string
  orderId: string
  channel: string
  status: OrderInfo['status']
  amount: number | null
  currency: string | null
  createdAt: number
  createdDay: string
  remindedAt: number | null
  paidAt: number | null
  refundedAt: number | null
  cancelledAt: number | null
  updatedAt: number
}

/** Waits kept per case; a case longer than this is rare and its first waits say enough. */
const MAX_WAITS = 100

/**
 * Pure: a fingerprint of everything the report rows depend on except message timing. The object
 * rewrites its rows only when this changes, so an ordinary message costs no report write.
 */
export const reportSignature = (state: ConversationState | null): string => {
  if (!state) return ''
  const c = state.case
  const agentReplied =
    c !== null && state.lastAgentReplyAt !== null && state.lastAgentReplyAt >= c.openedAt
  const rating = state.survey && c && state.survey.caseId === c.id ? state.survey.rating : null
  const orders = Object.values(state.orders).map((o) => [o.id, o.status, o.remindedAt])
  return JSON.stringify([
    c?.id ?? null,
    c?.resolvedAt ?? null,
    state.status,
    state.intent,
    state.level,
    state.owner,
    state.agent,
    agentReplied,
    rating,
    orders,
  ])
}

const isReply = (m: TranscriptMessage): boolean =>
  m.direction === 'out' && m.kind === 'message' && m.status !== 'failed' && m.author !== 'customer'
const isCustomer = (m: TranscriptMessage): boolean =>
  m.direction === 'in' && m.author === 'customer'
const replyAt = (m: TranscriptMessage): number => m.sentAt ?? m.at

/**
 * Pure: the current case's facts from the state and the case's own messages (oldest first). Reply
 * waits run from the first unanswered customer message to the reply's send; a person's waits run
 * from the handoff (or the customer's next message after a person answered) to the agent's reply.
 */
export const caseFactsOf = (
  state: ConversationState,
  messages: readonly TranscriptMessage[],
  day: (t: number) => string,
  now: number
): CaseFacts | null => {
  const c = state.case
  if (!c) return null
  const end = c.resolvedAt ?? Number.POSITIVE_INFINITY
  const own = messages.filter((m) => m.at >= c.openedAt && m.at <= end)
  const log = state.slaLog.filter((e) => e.at >= c.openedAt && e.at <= end)
  // The resolution clock starts only when people take the case (handoff or escalation).
  const handoffAt =
    log.find((e) => e.target === 'resolution' && e.event === 'started')?.at ??
    own.find((m) => m.author === 'agent')?.at ??
    null

  let turns = 0
  let answered = 0
  let pending: number | null = null
  let firstTurnWait: number | null | undefined
  const waits: number[] = []
  const humanWaits: number[] = []
  let humanPending: number | null = null
  let handoffSeen = false
  let agent: string | null = null
  for (const m of own) {
    if (handoffAt !== null && !handoffSeen && m.at >= handoffAt) {
      handoffSeen = true
      humanPending = handoffAt
    }
    if (isCustomer(m)) {
      if (pending === null) {
        pending = m.at
        turns++
        if (firstTurnWait === undefined && turns > 1) firstTurnWait = null
      }
      if (handoffSeen && humanPending === null) humanPending = m.at
    } else if (isReply(m)) {
      if (pending !== null) {
        const wait = Math.max(0, replyAt(m) - pending)
        if (waits.length < MAX_WAITS) waits.push(wait)
        if (firstTurnWait === undefined) firstTurnWait = wait
        answered++
        pending = null
      }
      if (m.author === 'agent') {
        agent = m.agent ?? agent
        if (humanPending !== null && humanWaits.length < MAX_WAITS)
          humanWaits.push(Math.max(0, replyAt(m) - humanPending))
        humanPending = null
      }
    }
  }

  const sla: CaseFacts['sla'] = {}
  for (const e of log) {
    if (e.event === 'breached') sla[e.target] = 'breached'
    else if (e.event === 'met' && sla[e.target] !== 'breached') sla[e.target] = 'met'
  }
  const level = Math.max(state.level, state.escalation?.level ?? 0)
  const handedOff = handoffAt !== null || level > 0 || agent !== null
  return {
    caseId: c.id,
    conversationKey: state.key,
    channel: state.channel,
    intent: state.intent,
    presale:
      state.intent === 'presale' || own.some((m) => m.template?.startsWith('presale') === true),
    agent: agent ?? (handedOff ? (state.escalation?.handler ?? state.agent) : null),
    openedAt: c.openedAt,
    openedDay: day(c.openedAt),
    resolvedAt: c.resolvedAt,
    handedOff,
    level,
    customerTurns: turns,
    answeredTurns: answered,
    firstResponseMs: firstTurnWait ?? null,
    humanFirstResponseMs: humanWaits[0] ?? null,
    responseWaits: waits,
    humanWaits,
    sla,
    csat: state.survey?.caseId === c.id ? state.survey.rating : null,
    updatedAt: now,
  }
}

/** Pure: one facts row per order the shop reported for this conversation. */
export const orderFactsOf = (
  state: ConversationState,
  day: (t: number) => string,
  now: number
): OrderFacts[] =>
  Object.values(state.orders).map((o) => ({
    conversationKey: state.key,
    orderId: o.id,
    channel: state.channel,
    status: o.status,
    amount: o.amount ?? null,
    currency: o.currency ?? null,
    createdAt: o.createdAt,
    createdDay: day(o.createdAt),
    remindedAt: o.remindedAt,
    paidAt: o.paidAt ?? null,
    refundedAt: o.refundedAt ?? null,
    cancelledAt: o.cancelledAt ?? null,
    updatedAt: now,
  }))
