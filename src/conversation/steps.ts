import type { FlowPack, FlowStep } from '../flows/types'
import { own } from '../lib/own'
import { describeOrder, findOrder } from './orders'
import { outcome, type Outcome } from './outcome'
import { say, type ServiceContext } from './say'
import type { ConversationState, OrderInfo } from './types'

/** Action id a bare attachment (photo of a defect, a packing slip) is routed by. */
export const ATTACHMENT_ACTION = 'attachment'

/**
 * Where the closing stands after entering a step: a step whose "no" leads to a closing step asks
 * "anything else?"; a closing step without answers (the farewell) ends.
 */
const closingAfter = (step: FlowStep, pack: FlowPack): ConversationState['closing'] => {
  const no = step.on?.['confirm.no']
  if (no && own(pack.flow.steps, no)?.stage === 'closing' && !own(pack.flow.steps, no)?.on)
    return 'asked'
  if (step.stage !== 'closing') return null
  return step.on ? 'asked' : 'done'
}

const MAX_CHAIN = 4

/** Enters a step: sends its templates, moves the stage, records intent and handoff, runs its lookup. */
export const enter = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  stepId: string,
  depth = 0
): Outcome => {
  const step: FlowStep | undefined = Object.hasOwn(pack.flow.steps, stepId)
    ? pack.flow.steps[stepId]
    : undefined
  // A published flow is validated, so a missing step means a corrupt document: fail closed to a human.
  if (!step) return outcome({ ...state, owner: 'human', step: null }, { handling: 'handoff' })
  let next: ConversationState = {
    ...state,
    step: stepId,
    stage: step.stage,
    intent: step.intent ?? state.intent,
    owner: step.handoff ? 'human' : state.owner,
    closing: closingAfter(step, pack),
    ...(step.ticket && !hasOpenTicket(state, step.ticket.category)
      ? {
          ticketWanted: {
            category: step.ticket.category,
            urgency: step.ticket.urgency ?? 'normal',
          },
        }
      : {}),
  }
  const known = Object.values(next.orders)
  if (step.lookup === 'known_order' && step.capture && known.length === 1 && depth < MAX_CHAIN) {
    // The shop reported this customer's order: confirm it rather than ask for its number again.
    const withOrder = {
      ...next,
      vars: { ...next.vars, [step.capture.variable]: (known[0] as OrderInfo).id },
    }
    return enter(withOrder, pack, ctx, step.capture.next, depth + 1)
  }
  const replies = step.say.flatMap((id) => say(next, pack, ctx, id))
  if (step.lookup === 'order' && depth < MAX_CHAIN) {
    const order = findOrder(next.orders, next.vars['order.id'])
    const target = step.on?.[order ? 'order.found' : 'order.unknown']
    if (order) {
      next = {
        ...next,
        // The customer has the status now: a shipping notice held for the morning would repeat it.
        orders: { ...next.orders, [order.id]: { ...order, noticeDueAt: null } },
        vars: {
          ...next.vars,
          'order.id': order.id,
          'order.status': describeOrder(order, next.locale),
          ...(order.tracking ? { 'order.tracking': order.tracking } : {}),
          ...(order.carrier ? { 'order.carrier': order.carrier } : {}),
        },
      }
    }
    if (target) {
      const chained = enter(next, pack, ctx, target, depth + 1)
      return { ...chained, replies: [...replies, ...chained.replies] }
    }
  }
  return outcome(next, { replies, handling: step.handoff ? 'handoff' : 'answered' })
}

/** Pure: the conversation already follows an open work order of this category (one per category is enough). */
export const hasOpenTicket = (state: ConversationState, category: string): boolean =>
  state.ticketWanted?.category === category ||
  Object.values(state.tickets).some(
    (w) =>
      w.categoryId === category &&
      w.status !== 'closed' &&
      w.status !== 'summarised' &&
      w.status !== 'merged'
  )

/** Unmatched text: re-ask once, then offer a person. */
export const fallback = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext
): Outcome => {
  const target =
    state.fallbackStreak === 0 ? pack.flow.fallback.reask : pack.flow.fallback.offerHuman
  return missed(enter(state, pack, ctx, target), state.fallbackStreak)
}

/** A decision that did not understand the customer: one more in the streak, unless it handed off. */
export const missed = (decision: Outcome, streak: number): Outcome => ({
  ...decision,
  state: { ...decision.state, fallbackStreak: streak + 1 },
  handling: decision.handling === 'handoff' ? 'handoff' : 'fallback',
})

/** A decision that understood the customer: the fallback streak starts over. */
export const matched = (decision: Outcome): Outcome => ({
  ...decision,
  state: { ...decision.state, fallbackStreak: 0 },
})
