import { z } from 'zod'
import { TICKET_FIELDS } from '../../tickets/categories'
import {
  TICKET_STATUSES,
  URGENCIES,
  type Ticket,
  type TicketEvent,
  type TicketStatus,
  type Urgency,
} from '../../tickets/types'

const urgency = z.enum(URGENCIES as [Urgency, ...Urgency[]])
const status = z.enum(TICKET_STATUSES as [TicketStatus, ...TicketStatus[]])
const fields = z.record(z.enum(TICKET_FIELDS), z.string().trim().max(64))

/** Body of `POST /api/v1/tickets`. */
export const createBody = z
  .object({
    category: z.string().trim().min(1).max(40),
    urgency: urgency.default('normal'),
    description: z.string().trim().max(4000).optional(),
    contact: z.string().trim().max(200).optional(),
    fields: fields.optional(),
    customerId: z.string().trim().min(1).max(200).optional(),
    conversationKey: z.string().trim().min(1).max(300).optional(),
    assignee: z.string().trim().min(1).max(80).optional(),
  })
  .strict()

/** Body of `PATCH /api/v1/tickets/{id}`. */
export const editBody = z
  .object({
    urgency: urgency.optional(),
    description: z.string().trim().min(1).max(4000).optional(),
    contact: z.string().trim().min(1).max(200).optional(),
    fields: fields.optional(),
  })
  .strict()

/** Body of `POST /api/v1/tickets/{id}/transition`. */
export const transitionBody = z
  .object({
    to: status,
    feedback: z.string().trim().max(4000).optional(),
    summary: z.string().trim().max(4000).optional(),
    assignee: z.string().trim().min(1).max(80).optional(),
    overrideReason: z.string().trim().max(500).optional(),
  })
  .strict()

/** Body of `POST /api/v1/tickets/{id}/notes`. */
export const noteBody = z.object({ text: z.string().trim().min(1).max(4000) }).strict()

/** Body of `POST /api/v1/tickets/{id}/merge`. */
export const mergeBody = z.object({ into: z.string().trim().min(1).max(20) }).strict()

/** A work order as the API answers it. */
export const ticketSchema: z.ZodType<Ticket> = z.object({
  id: z.string(),
  category: z.string(),
  urgency,
  priority: z.number(),
  status,
  customerId: z.string(),
  description: z.string(),
  contact: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  missing: z.array(z.string()),
  team: z.string(),
  assignee: z.string().nullable(),
  conversationKey: z.string().nullable(),
  dueAt: z.number(),
  warnedAt: z.number().nullable(),
  breachedAt: z.number().nullable(),
  feedback: z.string().nullable(),
  summary: z.string().nullable(),
  mergedInto: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  closedAt: z.number().nullable(),
})

/** One entry of a work order's history. */
export const ticketEventSchema: z.ZodType<TicketEvent> = z.object({
  id: z.number().optional(),
  ticketId: z.string(),
  at: z.number(),
  actor: z.string(),
  kind: z.enum([
    'created',
    'status',
    'assigned',
    'note',
    'fields',
    'merged',
    'warned',
    'breached',
    'progress',
    'file',
  ]),
  from: status.nullable().optional(),
  to: status.nullable().optional(),
  text: z.string().nullable().optional(),
})
