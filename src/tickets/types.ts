/** Where a work order stands (the handbook's lifecycle, plus collecting and merged). */
export type TicketStatus =
  | 'collecting'
  | 'received'
  | 'assigned'
  | 'analysing'
  | 'replied'
  | 'follow_up'
  | 'closed'
  | 'summarised'
  | 'merged'

/** Every status, in lifecycle order. */
export const TICKET_STATUSES: readonly TicketStatus[] = [
  'collecting',
  'received',
  'assigned',
  'analysing',
  'replied',
  'follow_up',
  'closed',
  'summarised',
  'merged',
]

/** How urgent the customer's problem is. */
export type Urgency = 'low' | 'normal' | 'high' | 'urgent'

/** Every urgency, most urgent first (its index is the priority). */
export const URGENCIES: readonly Urgency[] = ['urgent', 'high', 'normal', 'low']

/** A work order. */
export interface Ticket {
  id: string
  category: string
  urgency: Urgency
  priority: number
  status: TicketStatus
  customerId: string
  description: string
  contact: string | null
  fields: Record<string, string>
  missing: string[]
  team: string
  assignee: string | null
  conversationKey: string | null
  dueAt: number
  warnedAt: number | null
  breachedAt: number | null
  feedback: string | null
  summary: string | null
  mergedInto: string | null
  createdBy: string
  createdAt: number
  updatedAt: number
  closedAt: number | null
}

/** One entry of a ticket's history. */
export interface TicketEvent {
  id?: number
  ticketId: string
  at: number
  actor: string
  kind:
    | 'created'
    | 'status'
    | 'assigned'
    | 'note'
    | 'fields'
    | 'merged'
    | 'warned'
    | 'breached'
    | 'progress'
    | 'file'
  from?: TicketStatus | null
  to?: TicketStatus | null
  text?: string | null
}

/** True while the ticket is being worked on (not closed, summarised or merged). */
export const isOpenTicket = (status: TicketStatus): boolean =>
  !['closed', 'summarised', 'merged'].includes(status)
