import { sha256Hex } from '../lib/crypto'
import { categoryOf, ticketCategoriesDoc, type TicketCategory } from '../tickets/categories'
import { draftTicket, TICKET_ALPHABET, watchOf } from '../tickets/service'
import { ticketStore } from '../tickets/store'
import type { Ticket } from '../tickets/types'
import { resolveCommitment } from './promises'
import type { ConversationState, TicketWatch } from './types'
import type { World } from './world'

/** The number of a work order a flow step opens: derived from the case, so a retried job finds the row it wrote. */
export const flowTicketId = async (state: ConversationState, category: string): Promise<string> => {
  const hex = await sha256Hex(`${state.key}#${state.case?.id ?? state.createdAt}#${category}`)
  const chars = Array.from({ length: 6 }, (_, i) => TICKET_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % TICKET_ALPHABET.length])
  return `T-${chars.join('')}`
}

/**
 * Pure: the work order a flow step asked for, drafted from what the conversation knows. When the
 * step already told the customer when the case will be solved, that time is the deadline: the
 * registration message then repeats the promise instead of naming another time.
 */
/** Pure: whether the flow already told the customer when the case will be solved (the ticket's deadline is then that time). */
export const promisedResolution = (state: ConversationState): boolean => state.promised.includes('resolve')

export const draftWantedTicket = (state: ConversationState, category: TicketCategory, world: World, id: string): Ticket | null => {
  const wanted = state.ticketWanted
  if (!wanted) return null
  // The customer is in this chat: it is the contact, unless they gave a phone number already.
  const contact = state.vars['customer.phone'] || `chat ${state.key}`
  const draft = draftTicket({ category: category.id, urgency: wanted.urgency, conversationKey: state.key, contact }, state, category, world.calendar, { id, actor: 'bot', now: world.now })
  if (!draft) return null
  const promised = promisedResolution(state) ? resolveCommitment(state, { policy: world.policy, calendar: world.calendar, now: world.now })?.promisedAt : undefined
  return promised !== undefined && promised > world.now ? { ...draft, dueAt: promised } : draft
}

/**
 * Opens in D1 the work order a flow step asked for (`state.ticketWanted`) and returns the watch the
 * conversation keeps; null when the category no longer exists.
 */
export const openWantedTicket = async (env: Env, state: ConversationState, world: World): Promise<TicketWatch | null> => {
  const wanted = state.ticketWanted
  if (!wanted) return null
  const category = categoryOf(await ticketCategoriesDoc.read(env.FLOWS), wanted.category)
  if (!category) {
    console.error('a flow step asks for an unknown work order category', wanted.category)
    return null
  }
  const id = await flowTicketId(state, category.id)
  const store = ticketStore(env.DB)
  let ticket = await store.get(id)
  if (!ticket) {
    ticket = draftWantedTicket(state, category, world, id)
    if (!ticket) return null
    await store.create(ticket, [{ ticketId: id, at: world.now, actor: 'bot', kind: 'created', to: ticket.status, text: ticket.missing.length ? `missing: ${ticket.missing.join(', ')}` : null }])
  }
  return watchOf(ticket, category, world.calendar)
}
