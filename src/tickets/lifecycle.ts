import { addBusinessTime, type BusinessHours } from '../sla/calendar'
import type { TicketCategory } from './categories'
import { URGENCIES, type Ticket, type TicketEvent, type TicketStatus, type Urgency } from './types'

/** Pure: the required fields a ticket still lacks. */
export const missingFields = (
  t: Pick<Ticket, 'description' | 'contact' | 'fields'>,
  category: TicketCategory
): string[] => [
  ...(t.description.trim() ? [] : ['description']),
  ...(t.contact?.trim() ? [] : ['contact']),
  ...category.fields.filter((f) => !t.fields[f]?.trim()),
]

/** Pure: the priority of an urgency (0 is the most urgent). */
export const priorityOf = (urgency: Urgency): number => URGENCIES.indexOf(urgency)

/**
 * Pure: when a ticket must be resolved. Targets count staffed hours only (the business-hours
 * calendar), since only people resolve tickets: the deadline the customer is told is always a
 * time someone is at work, and a ticket opened at night gets its full target.
 */
export const staffedDueAt = (
  calendar: BusinessHours,
  category: TicketCategory,
  urgency: Urgency,
  createdAt: number
): number => addBusinessTime(calendar, createdAt, category.targetHours[urgency] * 3600_000)

/** The forward path; each status may go to the next, or back to analysing when the customer isn't satisfied. */
const NEXT: Partial<Record<TicketStatus, TicketStatus[]>> = {
  received: ['assigned'],
  assigned: ['analysing', 'received'],
  analysing: ['replied'],
  replied: ['follow_up', 'analysing'],
  follow_up: ['closed', 'analysing'],
  closed: ['summarised', 'analysing'],
}

/** A requested change of status, with what it needs. */
export interface TransitionInput {
  to: TicketStatus
  actor: string
  role: 'admin' | 'agent' | 'system'
  now: number
  /** `closed`: what the customer is told (sent to the linked conversation). */
  feedback?: string
  /** `summarised`: cause, solution and lessons. */
  summary?: string
  /** `assigned`: who takes it. */
  assignee?: string
  /** An admin skipping steps (to closed without the feedback step) says why. */
  overrideReason?: string
}

/** The outcome of a transition: the changed ticket and its history entry, or why not. */
export type TransitionResult =
  | { ok: true; ticket: Ticket; event: TicketEvent }
  | { ok: false; code: 'invalid_transition' | 'missing_input'; message: string }

/** Pure: moves a ticket along its lifecycle, or says why it can't go there. */
export const transition = (ticket: Ticket, input: TransitionInput): TransitionResult => {
  const { to } = input
  const refuse = (
    message: string,
    code: 'invalid_transition' | 'missing_input' = 'invalid_transition'
  ): TransitionResult => ({ ok: false, code, message })
  if (ticket.status === to) return refuse(`the ticket is already ${to}`)
  if (to === 'merged' || to === 'collecting')
    return refuse(`a ticket becomes ${to} only by merging or by missing fields`)
  if (ticket.status === 'collecting' && to !== 'closed')
    return refuse(`still collecting: ${ticket.missing.join(', ')}`)
  const override = input.role === 'admin' && !!input.overrideReason?.trim()
  const allowed = NEXT[ticket.status]?.includes(to) ?? false
  // The one skip there is: an admin closing (or reopening) a ticket out of order, with a reason.
  if (
    !allowed &&
    !(
      override &&
      (to === 'closed' || to === 'analysing') &&
      ticket.status !== 'merged' &&
      ticket.status !== 'summarised'
    )
  ) {
    return refuse(
      to === 'closed'
        ? 'a ticket is closed after the customer was replied to and followed up; an admin may close it early with a reason'
        : `${ticket.status} cannot go to ${to}`
    )
  }
  if (to === 'assigned' && !(input.assignee ?? ticket.assignee))
    return refuse('say who it is assigned to', 'missing_input')
  if (to === 'closed' && !input.feedback?.trim())
    return refuse('closing sends the customer the outcome: write it in `feedback`', 'missing_input')
  if (to === 'summarised' && !input.summary?.trim())
    return refuse('write the summary: cause, solution, what to change', 'missing_input')
  const next: Ticket = {
    ...ticket,
    status: to,
    assignee:
      to === 'assigned'
        ? (input.assignee ?? ticket.assignee)
        : to === 'received'
          ? null
          : ticket.assignee,
    feedback: to === 'closed' ? (input.feedback?.trim() ?? null) : ticket.feedback,
    summary: to === 'summarised' ? (input.summary?.trim() ?? null) : ticket.summary,
    closedAt: to === 'closed' ? input.now : to === 'analysing' ? null : ticket.closedAt,
    updatedAt: input.now,
  }
  const text = [
    allowed ? null : `override: ${input.overrideReason?.trim()}`,
    to === 'closed' ? next.feedback : null,
    to === 'summarised' ? next.summary : null,
  ]
    .filter(Boolean)
    .join(' · ')
  return {
    ok: true,
    ticket: next,
    event: {
      ticketId: ticket.id,
      at: input.now,
      actor: input.actor,
      kind: 'status',
      from: ticket.status,
      to,
      text: text || null,
    },
  }
}

/** Pure: fields given later (by the customer or an agent); a complete ticket leaves collecting for received. */
export const fillFields = (
  ticket: Ticket,
  category: TicketCategory,
  given: { description?: string; contact?: string; fields?: Record<string, string> },
  actor: string,
  now: number
): { ticket: Ticket; events: TicketEvent[] } => {
  const filled: Ticket = {
    ...ticket,
    description: ticket.description.trim()
      ? ticket.description
      : (given.description ?? ticket.description),
    contact: ticket.contact?.trim() ? ticket.contact : (given.contact ?? ticket.contact),
    fields: {
      ...ticket.fields,
      ...Object.fromEntries(
        Object.entries(given.fields ?? {}).filter(([k, v]) => v.trim() && !ticket.fields[k]?.trim())
      ),
    },
  }
  const missing = missingFields(filled, category)
  const complete = ticket.status === 'collecting' && missing.length === 0
  const next: Ticket = {
    ...filled,
    missing,
    status: complete ? 'received' : ticket.status,
    updatedAt: now,
  }
  const events: TicketEvent[] = [
    { ticketId: ticket.id, at: now, actor, kind: 'fields', text: Object.keys(given).join(', ') },
  ]
  if (complete)
    events.push({
      ticketId: ticket.id,
      at: now,
      actor: 'system',
      kind: 'status',
      from: 'collecting',
      to: 'received',
      text: null,
    })
  return { ticket: next, events }
}
