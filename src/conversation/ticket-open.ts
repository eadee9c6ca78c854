import { categoryOf, ticketCategoriesDoc, type TicketCategory } from '../tickets/categories'
import { draftTicket, watchOf } from '../tickets/draft'
import { ticketStore } from '../tickets/store'
import type { Ticket } from '../tickets/types'
import { resolveCommitment } from './promises'
import type { ConversationState, TicketWatch } from './types'
import type { World } from './world'

/** Pure: whether the flow already told the customer when the case will be solved (the ticket's deadline is then that time). */
export const promisedResolution = (state: ConversationState): boolean =>
  state.promised.includes('resolve')

export const draftWantedTicket = (
  state: ConversationState,
  category: TicketCategory,
  world: World,
  id: string
): Ticket | null => {
  const wanted = state.ticketWanted
  if (!wanted) return null
  // The customer is in this chat: it is the contact, unless they gave a phone number already.
  const contact = state.vars['customer.phone'] || `chat ${state.key}`
  const draft = draftTicket(
    { category: category.id, urgency: wanted.urgency, conversationKey: state.key, contact },
    state,
    category,
    world.calendar,
    { id, actor: 'bot', now: world.now }
  )
  if (!draft) return null
  const promised = promisedResolution(state)
    ? resolveCommitment(state, { policy: world.policy, calendar: world.calendar, now: world.now })
        ?.promisedAt
    : undefined
  return promised !== undefined && promised > world.now ? { ...draft, dueAt: promised } : draft
}

/** What opening the requested work order came to. */
export type Opened = { kind: 'opened'; watch: TicketWatch } | { kind: 'gone' } | { kind: 'taken' }

/**
 * Opens in D1 the work order a flow step asked for, under the number the job chose and kept in
 * `state.ticketWanted.id`: a retried job finds its own row. `gone` when the category no longer
 * exists; `taken` when the number already belongs to another conversation's ticket (the job picks
 * another).
 */
export const openWantedTicket = async (
  env: Env,
  state: ConversationState,
  world: World
): Promise<Opened> => {
  const wanted = state.ticketWanted
  if (!wanted?.id) return { kind: 'gone' }
  const category = categoryOf(await ticketCategoriesDoc.read(env.CONFIG), wanted.category)
  if (!category) {
    console.error('a flow step asks for an unknown work order category', wanted.category)
    return { kind: 'gone' }
  }
  const store = ticketStore(env.DB)
  const existing = await store.get(wanted.id)
  if (existing)
    return existing.conversationKey === state.key
      ? { kind: 'opened', watch: watchOf(existing, category, world.calendar) }
      : { kind: 'taken' }
  const ticket = draftWantedTicket(state, category, world, wanted.id)
  if (!ticket) return { kind: 'gone' }
  await store.create(ticket, [
    {
      ticketId: ticket.id,
      at: world.now,
      actor: 'bot',
      kind: 'created',
      to: ticket.status,
      text: ticket.missing.length ? `missing: ${ticket.missing.join(', ')}` : null,
    },
  ])
  return { kind: 'opened', watch: watchOf(ticket, category, world.calendar) }
}
