import type { ConversationState, TicketWatch } from '../conversation/types'
import { addBusinessTime, type BusinessHours } from '../sla/calendar'
import type { TicketCategory } from './categories'
import { missingFields, priorityOf, staffedDueAt } from './lifecycle'
import type { Ticket, Urgency } from './types'

/** What a new ticket starts from; anything the linked conversation knows fills the gaps. */
export interface NewTicket {
  category: string
  urgency: Urgency
  description?: string
  contact?: string
  fields?: Record<string, string>
  customerId?: string
  conversationKey?: string
  assignee?: string
}

// No 0/O or 1/I: a number read out over the phone survives.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A ticket number a customer can read out: `T-` and six letters or digits (no 0/O, 1/I). */
export const newTicketId = (): string =>
  `T-${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => ALPHABET[b % ALPHABET.length]).join('')}`

/** Share of the time to the deadline after which a warning is recorded. */
const WARN_SHARE = 0.8

/** Pure: the watch a conversation keeps for one of its tickets. */
export const watchOf = (
  t: Ticket,
  category: TicketCategory,
  calendar: BusinessHours
): TicketWatch => ({
  id: t.id,
  categoryId: category.id,
  category: category.names,
  status: t.status,
  missing: t.missing,
  dueAt: t.dueAt,
  warnAt: t.createdAt + Math.round((t.dueAt - t.createdAt) * WARN_SHARE),
  warned: t.warnedAt !== null,
  breached: t.breachedAt !== null,
  updateEveryMs: category.updateEveryHours * 3600_000,
  nextUpdateAt: addBusinessTime(calendar, t.createdAt, category.updateEveryHours * 3600_000),
  openedAt: t.createdAt,
  sync: null,
})

/**
 * Pure: a new ticket from what is given and what the linked conversation knows (the case's first
 * message as the problem, the phone and order number the bot learned); null without a customer.
 */
export const draftTicket = (
  input: NewTicket,
  state: ConversationState | null,
  category: TicketCategory,
  calendar: BusinessHours,
  at: { id: string; actor: string; now: number }
): Ticket | null => {
  const customerId =
    input.customerId ?? (state ? `${state.channel}:${state.customer.id}` : undefined)
  if (!customerId) return null
  const draft = {
    description: (input.description ?? state?.case?.problem ?? '').trim(),
    contact: input.contact?.trim() || state?.vars['customer.phone'] || null,
    fields: {
      ...(state?.vars['order.id'] && category.fields.includes('order.id')
        ? { 'order.id': state.vars['order.id'] }
        : {}),
      ...Object.fromEntries(Object.entries(input.fields ?? {}).filter(([, v]) => v.trim())),
    },
  }
  const missing = missingFields(draft, category)
  return {
    id: at.id,
    category: category.id,
    urgency: input.urgency,
    priority: priorityOf(input.urgency),
    status: missing.length > 0 ? 'collecting' : input.assignee ? 'assigned' : 'received',
    customerId,
    ...draft,
    missing,
    team: category.team,
    assignee: input.assignee ?? null,
    conversationKey: input.conversationKey ?? state?.key ?? null,
    dueAt: staffedDueAt(calendar, category, input.urgency, at.now),
    warnedAt: null,
    breachedAt: null,
    feedback: null,
    summary: null,
    mergedInto: null,
    createdBy: at.actor,
    createdAt: at.now,
    updatedAt: at.now,
    closedAt: null,
  }
}
