import { addBusinessTime, isOpen, nextOpening } from '../sla/calendar'
import { formatOpening } from '../sla/opening-label'
import { extractTicketFields, gaveAnything } from '../tickets/extract'
import { isOpenTicket, type TicketStatus } from '../tickets/types'
import { outcome, type Outcome } from './outcome'
import { refined, say } from './say'
import type { ConversationState, TicketWatch, WorkPart } from './types'
import type { World } from './world'

const zh = (locale: string) => /^zh/i.test(locale)

const MISSING_WORDS: Record<string, { en: string; zh: string }> = {
  contact: { en: 'a phone number or email we can reach you on', zh: '您的联系电话或邮箱' },
  'order.id': { en: 'your order number', zh: '订单号' },
  description: { en: 'a short description of the problem', zh: '问题的简单描述' },
}

/** Pure: the missing fields in the customer's words ("your order number and a phone number ..."). */
export const describeMissing = (missing: readonly string[], locale: string): string => {
  const words = missing.map((m) => (zh(locale) ? MISSING_WORDS[m]?.zh : MISSING_WORDS[m]?.en) ?? m)
  if (zh(locale)) return words.join('、')
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

const vars = (state: ConversationState, watch: TicketWatch, world: World) => ({
  'ticket.id': watch.id,
  'ticket.category': zh(state.locale) ? watch.category['zh-CN'] : watch.category.en,
  'ticket.due': formatOpening(watch.dueAt, world.now, state.locale, world.calendar.timeZone),
  'ticket.missing': describeMissing(watch.missing, state.locale),
})

/** Pure: the watches with this one added or replaced. */
const put = <S extends Pick<WorkPart, 'tickets'>>(state: S, watch: TicketWatch): S => ({
  ...state,
  tickets: { ...state.tickets, [watch.id]: watch },
})

/** Pure: the watches without this one. */
const drop = <S extends Pick<WorkPart, 'tickets'>>(state: S, id: string): S => {
  const { [id]: _, ...rest } = state.tickets
  return { ...state, tickets: rest }
}

/** A work order for this conversation was opened: the customer is asked for what is missing, or told it is registered. */
export const serveTicketOpened = (
  prior: ConversationState,
  opened: TicketWatch,
  world: World,
  opts: { byFlow?: boolean; promised?: boolean } = {}
): Outcome => {
  // The ticket's times are the opener's; this object's clock runs them (the same clock but in tests).
  const shift = opened.openedAt === undefined ? 0 : world.now - opened.openedAt
  const at = (t: number) => t + shift
  const watch: TicketWatch = {
    ...opened,
    ...(opts.byFlow && opts.promised ? { boundToCase: true } : {}),
    clockShift: shift,
    dueAt: at(opened.dueAt),
    warnAt: at(opened.warnAt),
    nextUpdateAt: opened.nextUpdateAt === null ? null : at(opened.nextUpdateAt),
  }
  const state = put({ ...prior, updatedAt: world.now }, watch)
  // Opened by a flow step, right after the bot said what happens next: the number is the news, and
  // the time only when the step named none (a second "registered" would read like a correction).
  const flowId = opts.promised ? 'ticket.noted' : 'ticket.noted.due'
  const id =
    watch.missing.length > 0
      ? 'ticket.ask'
      : opts.byFlow
        ? refined(world.pack, flowId, 'ticket.registered')
        : 'ticket.registered'
  const replies = say(state, world.pack, world.ctx, id, vars(state, watch, world))
  return outcome(state, { replies })
}

/** The fields and status D1 changed (an agent or an admin acted on the ticket). */
export interface TicketChange {
  id: string
  status: TicketStatus
  missing: string[]
  dueAt: number
  /** Closing: the outcome the team wrote for the customer, and who wrote it. */
  feedback?: { text: string; by: string }
}

/** A ticket changed elsewhere: the watch follows it; closing sends the customer the outcome. */
export const serveTicketChanged = (
  prior: ConversationState,
  change: TicketChange,
  world: World
): Outcome => {
  const watch = prior.tickets[change.id]
  if (!watch) return outcome(prior)
  const next: TicketWatch = {
    ...watch,
    status: change.status,
    missing: change.missing,
    dueAt: change.dueAt + (watch.clockShift ?? 0),
  }
  const state = isOpenTicket(change.status)
    ? put({ ...prior, updatedAt: world.now }, next)
    : drop({ ...prior, updatedAt: world.now }, change.id)
  if (change.status !== 'closed' || !change.feedback?.text.trim()) {
    // Fields an agent filled in: a ticket that was collecting is now registered.
    const registered =
      watch.status === 'collecting' && change.status !== 'collecting' && isOpenTicket(change.status)
    return outcome(
      state,
      registered
        ? {
            replies: say(
              state,
              world.pack,
              world.ctx,
              'ticket.registered',
              vars(state, next, world)
            ),
          }
        : {}
    )
  }
  const replies = [
    { author: 'agent' as const, agent: change.feedback.by, text: change.feedback.text.trim() },
    ...say(state, world.pack, world.ctx, 'ticket.closed', vars(state, next, world)),
  ]
  return outcome({ ...state, lastAgentReplyAt: world.now }, { replies })
}

/**
 * A customer message while a ticket waits for fields: what it gives is kept (and sent on to D1),
 * and the customer hears what is still missing, or that the ticket is registered. Null when the
 * message gave nothing, so the flow answers it as usual.
 */
export const collectTicketFields = (
  prior: ConversationState,
  text: string,
  world: World
): Outcome | null => {
  const watch = Object.values(prior.tickets).find(
    (w) => w.status === 'collecting' && w.missing.length > 0
  )
  if (!watch) return null
  const given = extractTicketFields(text, watch.missing)
  if (!gaveAnything(given)) return null
  const missing = watch.missing.filter(
    (m) =>
      !(m === 'contact' && given.contact) &&
      !(m === 'description' && given.description) &&
      !given.fields?.[m]
  )
  const next: TicketWatch = {
    ...watch,
    missing,
    status: missing.length === 0 ? 'received' : 'collecting',
    sync: {
      ...watch.sync,
      given: {
        ...watch.sync?.given,
        ...given,
        fields: { ...watch.sync?.given?.fields, ...given.fields },
      },
    },
  }
  const state = put({ ...prior, lastInboundAt: world.now, updatedAt: world.now }, next)
  const replies = say(
    state,
    world.pack,
    world.ctx,
    missing.length === 0 ? 'ticket.registered' : 'ticket.ask',
    vars(state, next, world)
  )
  return outcome(state, { replies })
}

/** Pure: the next time a ticket's clock needs the object (warning, deadline, progress update). */
export const nextTicketWake = (w: TicketWatch): number | null => {
  if (!isOpenTicket(w.status)) return null
  const times = [
    w.warned ? null : w.warnAt,
    w.breached ? null : w.dueAt,
    w.status === 'collecting' ? null : w.nextUpdateAt,
  ].filter((t): t is number => t !== null)
  return times.length === 0 ? null : Math.min(...times)
}

/**
 * Pure: the conversation's own progress updates speak for this ticket's promise right now: the
 * same condition under which the SLA clock sends them (a person owns the open case and its
 * solution time is still ahead). Otherwise the ticket speaks for itself, late wording included.
 */
const caseSpeaks = (state: ConversationState, w: TicketWatch, now: number): boolean => {
  const solving = state.sla.targets.resolution
  return (
    w.boundToCase === true &&
    state.owner === 'human' &&
    state.status === 'open' &&
    solving?.status === 'running' &&
    solving.dueAt > now
  )
}

/**
 * A ticket's clock: the warning and the breach are recorded (and sent on to D1); the customer
 * gets a progress update at the fixed interval "even when there is nothing new", in staffed hours.
 */
export const serveTicketTimer = (prior: ConversationState, id: string, world: World): Outcome => {
  const watch = prior.tickets[id]
  if (!watch || !isOpenTicket(watch.status)) return outcome(prior)
  const now = world.now
  let next: TicketWatch = { ...watch }
  if (!next.warned && now >= next.warnAt)
    next = { ...next, warned: true, sync: { ...next.sync, warned: true } }
  if (!next.breached && now >= next.dueAt)
    next = { ...next, breached: true, sync: { ...next.sync, breached: true } }
  let replies: Outcome['replies'] = []
  if (next.status !== 'collecting' && next.nextUpdateAt !== null && now >= next.nextUpdateAt) {
    // Never twice in a row: a conversation whose own updates come more often can't starve the ticket's.
    const recent =
      !next.skippedLast &&
      prior.lastHoldingAt !== null &&
      now - prior.lastHoldingAt < next.updateEveryMs / 2
    if (caseSpeaks(prior, next, now)) {
      next = { ...next, nextUpdateAt: addBusinessTime(world.calendar, now, next.updateEveryMs) }
    } else if (recent && prior.lastHoldingAt !== null) {
      // The conversation's own progress update just went out: one message says it, the next waits a full interval.
      next = {
        ...next,
        skippedLast: true,
        nextUpdateAt: addBusinessTime(world.calendar, prior.lastHoldingAt, next.updateEveryMs),
      }
    } else if (isOpen(world.calendar, now)) {
      const state = put(prior, next)
      // Past the deadline the update names no new time: only the team can promise one.
      const sent = next.updatesSent ?? 0
      const late =
        sent % 2 === 0
          ? 'ticket.progress.late'
          : refined(world.pack, 'ticket.progress.late.again', 'ticket.progress.late')
      const id = next.breached
        ? late
        : sent % 2 === 0
          ? 'ticket.progress'
          : refined(world.pack, 'ticket.progress.again', 'ticket.progress')
      replies = say(state, world.pack, world.ctx, id, vars(state, next, world))
      next = {
        ...next,
        updatesSent: sent + 1,
        skippedLast: false,
        nextUpdateAt: addBusinessTime(world.calendar, now, next.updateEveryMs),
        sync: { ...next.sync, progress: now },
      }
    } else {
      // A shop doesn't write to customers in the night: the update waits for the morning.
      next = { ...next, nextUpdateAt: nextOpening(world.calendar, now) ?? now + next.updateEveryMs }
    }
  }
  return outcome(put({ ...prior, updatedAt: now }, next), { replies })
}
