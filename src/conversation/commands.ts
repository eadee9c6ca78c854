import { isOpen, nextOpening } from '../sla/calendar'
import {
  onAgentReply,
  onHandoff,
  onRelease,
  onResolve,
  onTimer,
  start,
  type SlaEvent,
} from '../sla/engine'
import type { TargetKind } from '../sla/policy'
import { localeFromHint } from '../flows/locale'
import { escalate, teamsFor, type NoticeRequest } from './escalate'
import { outcome, type Outcome } from './outcome'
import { decide } from './policy'
import { refined, say } from './say'
import { slaContext } from './service'
import type { Button } from '../channels/types'
import type { CaseInfo, ConversationState, OrderInfo } from './types'
import type { World } from './world'

/** A person takes the conversation: the bot stops answering and the people-side clocks run. */
const takeOver = (
  prior: ConversationState,
  agent: string,
  world: World
): { state: ConversationState; events: SlaEvent[] } => {
  if (prior.owner === 'human' && prior.agent === agent) return { state: prior, events: [] }
  const handoff =
    prior.owner === 'bot'
      ? onHandoff(prior.sla, slaContext(prior, world))
      : { sla: prior.sla, events: [] }
  const state: ConversationState = {
    ...prior,
    owner: 'human',
    agent,
    sla: handoff.sla,
    escalation: prior.escalation ? { ...prior.escalation, handler: agent } : null,
    updatedAt: world.now,
  }
  return { state, events: handoff.events }
}

/** An agent's reply: meets response targets, records the escalation's first handling. */
export const serveAgentReply = (
  prior: ConversationState,
  input: { text: string; agent: string; buttons?: Button[] },
  world: World
): Outcome => {
  const taken = takeOver(prior, input.agent, world)
  const decision = decide(
    taken.state,
    { type: 'agent_reply', ...input },
    world.pack,
    world.ctx,
    world.now
  )
  const reply = onAgentReply(decision.state.sla, slaContext(decision.state, world))
  const escalation = decision.state.escalation
  const state: ConversationState = {
    ...decision.state,
    sla: reply.sla,
    // Buttons an agent sends work like the bot's (a typed "2" picks the second).
    offered: input.buttons ?? [],
    // A person answered: the reply promise is kept (a solution promise still stands).
    promised: decision.state.promised.filter((p) => p !== 'reply'),
    escalation:
      escalation && escalation.firstHandlingAt === null
        ? {
            ...escalation,
            firstHandlingAt: world.now,
            firstHandling: input.text.slice(0, 500),
            handler: input.agent,
          }
        : escalation,
  }
  return outcome(state, { replies: decision.replies, events: [...taken.events, ...reply.events] })
}

/** `assign { agent }`: an agent owns the conversation. */
export const serveAssign = (prior: ConversationState, agent: string, world: World): Outcome => {
  const taken = takeOver(prior, agent, world)
  return outcome(taken.state, { events: taken.events })
}

/** `release`: back to the bot; the escalation leaves the queue. */
export const serveRelease = (prior: ConversationState, world: World): Outcome => {
  if (prior.owner === 'bot') return outcome(prior)
  const released = onRelease(prior.sla, world.now)
  return outcome(
    {
      ...prior,
      owner: 'bot',
      agent: null,
      level: 0,
      sla: released.sla,
      step: null,
      fallbackStreak: 0,
      promised: [],
      renewed: [],
      updatedAt: world.now,
    },
    { events: released.events }
  )
}

/** `escalate { level, reason }` by a person. */
export const serveEscalate = (
  prior: ConversationState,
  input: { level: 1 | 2; reason: string; by: string },
  world: World
): Outcome => {
  return escalate(prior, world, {
    level: input.level,
    reasons: ['manual'],
    summary: input.reason,
    evidence: [],
    by: input.by,
  })
}

/**
 * `resolve`: the case ends, the clocks stop, the customer gets the satisfaction survey (once per
 * resolution: resolving a resolved conversation does nothing) and the case is archived.
 */
export const serveResolve = (
  prior: ConversationState,
  input: { by: string; solution?: string },
  world: World
): Outcome => {
  if (prior.status === 'resolved') return outcome(prior)
  const closed = decide(
    prior,
    { type: 'close', by: input.by },
    world.pack,
    world.ctx,
    world.now
  ).state
  const sla = onResolve(closed.sla, world.now)
  const caseInfo: CaseInfo = {
    ...(prior.case ?? {
      id: `${prior.key}@${world.now}`,
      openedAt: prior.createdAt,
      problem: null,
    }),
    solution: input.solution ?? null,
    resolvedAt: world.now,
    handler: prior.agent ?? input.by,
  }
  const state: ConversationState = {
    ...closed,
    sla: sla.sla,
    agent: prior.agent,
    case: caseInfo,
    escalation: prior.escalation
      ? {
          ...prior.escalation,
          resolvedAt: world.now,
          solution: input.solution ?? prior.escalation.solution,
          handler: prior.escalation.handler ?? input.by,
        }
      : null,
    survey: { caseId: caseInfo.id, sentAt: world.now, rating: null, ratedAt: null, comment: null },
  }
  return outcome(state, {
    replies: say(state, world.pack, world.ctx, 'survey'),
    events: sla.events,
    archive: true,
  })
}

/**
 * An SLA timer fired: warn, breach or send the progress update. A breach alerts the team first
 * (level 1, the queue, a notification); the customer hears from the bot again only when a person
 * owed them an answer, with a new and later promise, once per target, phrased as an update.
 */
export const serveSlaTimer = (
  prior: ConversationState,
  kind: TargetKind,
  world: World
): Outcome => {
  const fired = onTimer(prior.sla, kind, slaContext(prior, world))
  let result = outcome({ ...prior, sla: fired.sla }, { events: fired.events })
  if (fired.breached && prior.status === 'open') {
    const summary = `SLA ${kind.replace('_', ' ')} target breached`
    let state = result.state
    const events = [...fired.events]
    const level = Math.max(1, prior.level) as 1 | 2
    let notices: NoticeRequest[] = teamsFor(level, ['sla_breach']).map((team) => ({
      team,
      level,
      reasons: ['sla_breach'],
      summary,
    }))
    if (prior.level === 0) {
      const step = escalate(
        state,
        world,
        { level: 1, reasons: ['sla_breach'], summary, evidence: [], by: 'sla' },
        { silent: true, keepOwner: prior.owner === 'bot' }
      )
      state = step.state
      events.push(...step.events)
      notices = step.notices
    }
    let replies: Outcome['replies'] = []
    const held = kind === 'resolution' ? 'resolve' : 'reply'
    if (
      prior.owner === 'human' &&
      kind !== 'periodic_update' &&
      state.promised.includes(held) &&
      !state.renewed.includes(kind)
    ) {
      let renewed = start({ sla: state.sla, events: [] }, kind, slaContext(state, world))
      // The renewal is this interval's news: the next progress update counts from it.
      if (kind === 'resolution' && renewed.sla.targets.periodic_update?.status === 'running') {
        renewed = start(renewed, 'periodic_update', slaContext(state, world))
      }
      state = { ...state, sla: renewed.sla, renewed: [...state.renewed, kind] }
      events.push(...renewed.events)
      replies = say(
        state,
        world.pack,
        world.ctx,
        kind === 'resolution' ? 'promise.update.resolution' : 'promise.update'
      )
    }
    result = outcome(state, { replies, events, notices })
  }
  const solving = result.state.sla.targets.resolution
  // A progress update restates a solution time still ahead; at or past it the breach speaks instead.
  const ahead = solving?.status === 'running' && solving.dueAt > world.now
  if (fired.updateDue && prior.owner === 'human' && prior.status === 'open' && ahead) {
    // "Even when there is nothing new": the progress update restates the resolution promise.
    // Alternate two wordings, so a customer waiting a long time doesn't read the same line again.
    const sent = [...prior.slaLog, ...fired.events].filter((e) => e.event === 'update_due').length
    const wording = sent % 2 === 0 ? refined(world.pack, 'progress.again', 'progress') : 'progress'
    const replies = say(
      result.state,
      world.pack,
      world.ctx,
      refined(world.pack, wording, 'holding')
    )
    result = { ...result, state: { ...result.state, lastHoldingAt: world.now }, replies }
  }
  return result
}

/** An order event from the shop system (`POST /api/v1/events`). */
export type OrderEvent = {
  type: 'order.created' | 'order.paid' | 'order.cancelled' | 'order.shipped' | 'order.refunded'
  orderId: string
  amount?: number
  currency?: string
  tracking?: string
  carrier?: string
  /** The customer's language, used while the customer hasn't written yet. */
  locale?: string
}

/** Records an order event: unpaid orders get a reminder timer; shipping sends the tracking template. */
export const serveOrderEvent = (
  prior: ConversationState,
  event: OrderEvent,
  world: World
): Outcome => {
  const known = prior.orders[event.orderId]
  const base: OrderInfo = known ?? {
    id: event.orderId,
    status: 'created',
    createdAt: world.now,
    updatedAt: world.now,
    reminderDueAt: null,
    remindedAt: null,
  }
  const status = event.type.slice('order.'.length) as OrderInfo['status']
  const order: OrderInfo = {
    ...base,
    status,
    ...(event.amount !== undefined ? { amount: event.amount } : {}),
    ...(event.currency ? { currency: event.currency } : {}),
    ...(event.tracking ? { tracking: event.tracking } : {}),
    ...(event.carrier ? { carrier: event.carrier } : {}),
    ...((status === 'paid' || status === 'shipped') && base.paidAt === undefined
      ? { paidAt: world.now }
      : {}),
    ...(status === 'refunded' && base.refundedAt === undefined ? { refundedAt: world.now } : {}),
    ...(status === 'cancelled' && base.cancelledAt === undefined ? { cancelledAt: world.now } : {}),
    updatedAt: world.now,
    reminderDueAt:
      status === 'created' && !known
        ? (nextOpening(world.calendar, world.now + world.policy.paymentReminderAfter * 1000) ??
          world.now + world.policy.paymentReminderAfter * 1000)
        : status === 'created'
          ? base.reminderDueAt
          : null,
  }
  const state: ConversationState = {
    ...prior,
    // The customer's own messages decide the language once they write; until then the shop's hint.
    locale:
      !prior.greeted && event.locale
        ? (localeFromHint(event.locale) ?? prior.locale)
        : prior.locale,
    orders: { ...prior.orders, [order.id]: order },
    updatedAt: world.now,
  }
  if (status !== 'shipped' || known?.status === 'shipped') return outcome(state)
  if (!isOpen(world.calendar, world.now)) {
    // A shop doesn't message customers in the night: the notice waits for the morning.
    const noticeDueAt = nextOpening(world.calendar, world.now) ?? world.now
    return outcome({ ...state, orders: { ...state.orders, [order.id]: { ...order, noticeDueAt } } })
  }
  return shippingNotice(state, order, world)
}

/** The shipping notice of an order: carrier and tracking, with a button for delivery problems. */
const shippingNotice = (state: ConversationState, order: OrderInfo, world: World): Outcome => {
  const vars = {
    'order.id': order.id,
    ...(order.tracking ? { 'order.tracking': order.tracking } : {}),
    ...(order.carrier ? { 'order.carrier': order.carrier } : {}),
  }
  const replies = say(state, world.pack, world.ctx, 'order.tracking', vars)
  const orders = { ...state.orders, [order.id]: { ...order, noticeDueAt: null } }
  // A typed "1" or the label answers the notice's buttons, as with any bot message.
  return outcome(
    { ...state, orders, offered: replies.at(-1)?.buttons ?? state.offered },
    { replies }
  )
}

/** A held-back shipping notice falls due: sent once, unless the customer has heard the status since. */
export const serveShippingNotice = (
  prior: ConversationState,
  orderId: string,
  world: World
): Outcome => {
  const order = prior.orders[orderId]
  if (
    !order ||
    order.status !== 'shipped' ||
    order.noticeDueAt === null ||
    order.noticeDueAt === undefined
  )
    return outcome(prior)
  return shippingNotice({ ...prior, updatedAt: world.now }, order, world)
}

/** The payment reminder timer: re-checks that the order is still unpaid, then reminds once. */
export const serveReminder = (prior: ConversationState, orderId: string, world: World): Outcome => {
  const order = prior.orders[orderId]
  if (!order || order.status !== 'created' || order.remindedAt !== null) return outcome(prior)
  const state: ConversationState = {
    ...prior,
    orders: {
      ...prior.orders,
      [orderId]: { ...order, remindedAt: world.now, reminderDueAt: null },
    },
    updatedAt: world.now,
  }
  const replies = say(state, world.pack, world.ctx, 'payment.reminder', { 'order.id': orderId })
  return outcome({ ...state, offered: replies.at(-1)?.buttons ?? state.offered }, { replies })
}
