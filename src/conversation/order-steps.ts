import { isOpen, nextOpening } from '../sla/calendar'
import { localeFromHint } from '../flows/locale'
import { outcome, type Outcome } from './outcome'
import { say } from './say'
import type { ConversationState, OrderInfo } from './types'
import type { World } from './world'

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

/** Pure: an order as an event leaves it; payment, refund and cancellation keep their first time. */
const orderAfter = (known: OrderInfo | undefined, event: OrderEvent, world: World): OrderInfo => {
  const base: OrderInfo = known ?? {
    id: event.orderId,
    status: 'created',
    createdAt: world.now,
    updatedAt: world.now,
    reminderDueAt: null,
    remindedAt: null,
  }
  const status = event.type.slice('order.'.length) as OrderInfo['status']
  return {
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
}

/** Records an order event: unpaid orders get a reminder timer; shipping sends the tracking template. */
export const serveOrderEvent = (
  prior: ConversationState,
  event: OrderEvent,
  world: World
): Outcome => {
  const known = prior.orders[event.orderId]
  const order = orderAfter(known, event, world)
  const { status } = order
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
