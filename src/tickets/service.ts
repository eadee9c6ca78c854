import type { Role } from '../api/auth'
import type { ErrorCode } from '../api/errors'
import type { ConversationState } from '../conversation/types'
import { readBusinessHours } from '../sla/settings-store'
import { categoryOf, ticketCategoriesDoc } from './categories'
import { draftTicket, newTicketId, watchOf, type NewTicket } from './draft'
import { fillFields, priorityOf, staffedDueAt, transition, type TransitionInput } from './lifecycle'
import { ticketStore } from './store'
import { isOpenTicket, type Ticket, type TicketEvent, type Urgency } from './types'

/** Outcome of a ticket operation: the ticket, or an error the API maps to a status. */
export type TicketResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; status: 400 | 404 | 409; code: ErrorCode; message: string }

const fail = (status: 400 | 404 | 409, code: ErrorCode, message: string): TicketResult => ({
  ok: false,
  status,
  code,
  message,
})

const conflict = (): TicketResult =>
  fail(409, 'conflict', 'the ticket changed meanwhile; reload and try again')

/** Opens a ticket (API, console or bot); a linked conversation asks the customer for what is missing. */
export const openTicket = async (
  env: Env,
  input: NewTicket,
  actor: string,
  now: number
): Promise<TicketResult> => {
  const category = categoryOf(await ticketCategoriesDoc.read(env.CONFIG), input.category)
  if (!category) return fail(400, 'unknown_category', `no ticket category "${input.category}"`)
  let state: ConversationState | null = null
  if (input.conversationKey) {
    const view = await env.CONVERSATION.getByName(input.conversationKey).view({ limit: 1 })
    if (!view.ok) return fail(404, 'not_found', 'no such conversation')
    state = view.value.state
  }
  const calendar = await readBusinessHours(env.CONFIG)
  const ticket = draftTicket(input, state, category, calendar, { id: newTicketId(), actor, now })
  if (!ticket) return fail(400, 'missing_customer', 'give `customerId` or `conversationKey`')
  const { status, missing } = ticket
  const events: TicketEvent[] = [
    {
      ticketId: ticket.id,
      at: now,
      actor,
      kind: 'created',
      to: status,
      text: missing.length ? `missing: ${missing.join(', ')}` : null,
    },
  ]
  await ticketStore(env.DB).create(ticket, events)
  if (ticket.conversationKey)
    await env.CONVERSATION.getByName(ticket.conversationKey).trackTicket(
      watchOf(ticket, category, calendar)
    )
  return { ok: true, ticket }
}

const tell = async (env: Env, before: Ticket, after: Ticket, by: string): Promise<void> => {
  if (!after.conversationKey) return
  await env.CONVERSATION.getByName(after.conversationKey).ticketChanged({
    id: after.id,
    status: after.status,
    missing: after.missing,
    dueAt: after.dueAt,
    ...(after.status === 'closed' && before.status !== 'closed' && after.feedback
      ? { feedback: { text: after.feedback, by } }
      : {}),
  })
}

/** Moves a ticket along its lifecycle; closing sends the customer the outcome in the conversation. */
export const moveTicket = async (
  env: Env,
  id: string,
  input: Omit<TransitionInput, 'now'>,
  now: number
): Promise<TicketResult> => {
  const store = ticketStore(env.DB)
  const ticket = await store.get(id)
  if (!ticket) return fail(404, 'not_found', 'no such ticket')
  const result = transition(ticket, { ...input, now: Math.max(now, ticket.updatedAt + 1) })
  if (!result.ok)
    return fail(result.code === 'missing_input' ? 400 : 409, result.code, result.message)
  const events = [result.event]
  if (input.to === 'assigned')
    events.push({
      ticketId: id,
      at: result.event.at,
      actor: input.actor,
      kind: 'assigned',
      text: result.ticket.assignee,
    })
  if (!(await store.save(result.ticket, events, ticket.updatedAt))) return conflict()
  await tell(env, ticket, result.ticket, input.actor)
  return { ok: true, ticket: result.ticket }
}

/** Changes a ticket's details: fills missing fields, changes urgency (and with it the deadline). */
export const editTicket = async (
  env: Env,
  id: string,
  input: {
    urgency?: Urgency
    description?: string
    contact?: string
    fields?: Record<string, string>
  },
  actor: string,
  now: number
): Promise<TicketResult> => {
  const store = ticketStore(env.DB)
  const ticket = await store.get(id)
  if (!ticket) return fail(404, 'not_found', 'no such ticket')
  if (!isOpenTicket(ticket.status))
    return fail(409, 'invalid_transition', `a ${ticket.status} ticket cannot be changed`)
  const category = categoryOf(await ticketCategoriesDoc.read(env.CONFIG), ticket.category)
  if (!category)
    return fail(409, 'unknown_category', `the category "${ticket.category}" no longer exists`)
  const at = Math.max(now, ticket.updatedAt + 1)
  const filled = fillFields(ticket, category, input, actor, at)
  let next = filled.ticket
  const events = filled.events
  if (input.urgency && input.urgency !== ticket.urgency) {
    const dueAt = staffedDueAt(
      await readBusinessHours(env.CONFIG),
      category,
      input.urgency,
      ticket.createdAt
    )
    next = { ...next, urgency: input.urgency, priority: priorityOf(input.urgency), dueAt }
    events.push({
      ticketId: id,
      at,
      actor,
      kind: 'fields',
      text: `urgency ${ticket.urgency} → ${input.urgency}`,
    })
  }
  if (!(await store.save(next, events, ticket.updatedAt))) return conflict()
  await tell(env, ticket, next, actor)
  return { ok: true, ticket: next }
}

/** Merges a duplicate into another open ticket; the duplicate's conversation stops following it. */
export const mergeTicket = async (
  env: Env,
  id: string,
  into: string,
  actor: string,
  now: number
): Promise<TicketResult> => {
  const store = ticketStore(env.DB)
  const [source, target] = await Promise.all([store.get(id), store.get(into)])
  if (!source || !target) return fail(404, 'not_found', 'no such ticket')
  if (source.id === target.id)
    return fail(400, 'invalid_merge', 'a ticket cannot be merged into itself')
  if (!isOpenTicket(source.status) || !isOpenTicket(target.status))
    return fail(409, 'invalid_merge', 'only open tickets are merged')
  const at = Math.max(now, source.updatedAt + 1)
  const merged: Ticket = { ...source, status: 'merged', mergedInto: target.id, updatedAt: at }
  if (
    !(await store.save(
      merged,
      [
        {
          ticketId: id,
          at,
          actor,
          kind: 'merged',
          from: source.status,
          to: 'merged',
          text: `merged into ${target.id}`,
        },
      ],
      source.updatedAt
    ))
  ) {
    return conflict()
  }
  await store.addEvent({
    ticketId: target.id,
    at,
    actor,
    kind: 'merged',
    text: `${source.id} merged into this ticket${source.conversationKey ? ` (conversation ${source.conversationKey})` : ''}`,
  })
  await tell(env, source, merged, actor)
  return { ok: true, ticket: merged }
}

/** Who may override the lifecycle. */
export const roleOf = (role: Role | undefined): 'admin' | 'agent' =>
  role === 'admin' ? 'admin' : 'agent'
