import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute } from '../../api/openapi'
import { readJson, readQuery } from '../../api/validate'
import type { AppEnv } from '../../env'
import { fromBase64, toBase64Url, utf8 } from '../../lib/encoding'
import { csvCell } from '../../reports/csv'
import {
  ticketCategoriesDoc,
  ticketCategoriesSchema,
  TICKET_FIELDS,
} from '../../tickets/categories'
import {
  editTicket,
  mergeTicket,
  moveTicket,
  openTicket,
  roleOf,
  type TicketResult,
} from '../../tickets/service'
import { ticketStore } from '../../tickets/store'
import {
  TICKET_STATUSES,
  URGENCIES,
  type Ticket,
  type TicketStatus,
  type Urgency,
} from '../../tickets/types'
import { kvDocRoutes } from './kv-doc-routes'

const urgency = z.enum(URGENCIES as [Urgency, ...Urgency[]])
const fields = z.record(z.enum(TICKET_FIELDS), z.string().trim().max(64))

const createBody = z
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

const editBody = z
  .object({
    urgency: urgency.optional(),
    description: z.string().trim().min(1).max(4000).optional(),
    contact: z.string().trim().min(1).max(200).optional(),
    fields: fields.optional(),
  })
  .strict()

const transitionBody = z
  .object({
    to: z.enum(TICKET_STATUSES as [TicketStatus, ...TicketStatus[]]),
    feedback: z.string().trim().max(4000).optional(),
    summary: z.string().trim().max(4000).optional(),
    assignee: z.string().trim().min(1).max(80).optional(),
    overrideReason: z.string().trim().max(500).optional(),
  })
  .strict()

const noteBody = z.object({ text: z.string().trim().min(1).max(4000) }).strict()
const mergeBody = z.object({ into: z.string().trim().min(1).max(20) }).strict()

const cursor = z.object({ priority: z.number().int(), createdAt: z.number().int(), id: z.string() })

const listQuery = z.object({
  status: z.enum(['open', ...TICKET_STATUSES] as [string, ...string[]]).optional(),
  category: z.string().max(40).optional(),
  assignee: z.string().max(80).optional(),
  team: z.string().max(40).optional(),
  conversation: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .max(512)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined
      try {
        const parsed = cursor.safeParse(
          JSON.parse(new TextDecoder().decode(fromBase64(text) ?? new Uint8Array()))
        )
        if (parsed.success) return parsed.data
      } catch {
        // fall through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: 'invalid cursor' })
      return z.NEVER
    }),
  format: z.enum(['json', 'csv']).default('json'),
})

documentRoute({
  method: 'post',
  path: '/api/v1/tickets',
  summary:
    'Open a work order; from a conversation, what the bot learned fills the fields and the customer is asked for what is missing',
  tag: 'tickets',
  access: 'agent',
  body: createBody,
  responses: {
    201: { description: 'the ticket (status `collecting` while required fields are missing)' },
    400: { description: 'invalid body or unknown category' },
    404: { description: 'no such conversation' },
  },
})
documentRoute({
  method: 'get',
  path: '/api/v1/tickets',
  summary:
    'Work orders, most urgent first then first come first served; filters, cursor paging, `format=csv`',
  tag: 'tickets',
  access: 'agent',
  query: listQuery,
  responses: { 200: { description: '`{ tickets, nextCursor }` or CSV' } },
})
documentRoute({
  method: 'get',
  path: '/api/v1/tickets/{id}',
  summary: 'A work order with its history (status changes, notes, clocks)',
  tag: 'tickets',
  access: 'agent',
  responses: {
    200: { description: '`{ ticket, events }`' },
    404: { description: 'no such ticket' },
  },
})
documentRoute({
  method: 'patch',
  path: '/api/v1/tickets/{id}',
  summary: "Fill a work order's missing fields or change its urgency (and deadline)",
  tag: 'tickets',
  access: 'agent',
  body: editBody,
  responses: {
    200: { description: 'the ticket' },
    409: { description: 'closed, or changed meanwhile' },
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/transition',
  summary:
    'Move a work order along its lifecycle; closing needs `feedback` (sent to the customer), an early close an admin with `overrideReason`',
  tag: 'tickets',
  access: 'agent',
  body: transitionBody,
  responses: {
    200: { description: 'the ticket' },
    400: { description: 'missing input' },
    409: { description: 'not allowed from its status' },
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/notes',
  summary: 'An internal note on a work order',
  tag: 'tickets',
  access: 'agent',
  body: noteBody,
  responses: { 201: { description: 'stored' }, 404: { description: 'no such ticket' } },
})
documentRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/merge',
  summary: 'Merge a duplicate work order into another open one',
  tag: 'tickets',
  access: 'agent',
  body: mergeBody,
  responses: { 200: { description: 'the merged duplicate' }, 409: { description: 'not open' } },
})

const answer = (result: TicketResult) => {
  if (!result.ok) throw apiError(result.status, result.code, result.message)
  return result.ticket
}

const CSV_COLUMNS: [string, (t: Ticket) => string][] = [
  ['id', (t) => t.id],
  ['category', (t) => t.category],
  ['urgency', (t) => t.urgency],
  ['status', (t) => t.status],
  ['team', (t) => t.team],
  ['assignee', (t) => t.assignee ?? ''],
  ['customer_id', (t) => t.customerId],
  ['conversation', (t) => t.conversationKey ?? ''],
  ['order_id', (t) => t.fields['order.id'] ?? ''],
  ['description', (t) => t.description],
  ['created_at', (t) => new Date(t.createdAt).toISOString()],
  ['due_at', (t) => new Date(t.dueAt).toISOString()],
  ['breached_at', (t) => (t.breachedAt ? new Date(t.breachedAt).toISOString() : '')],
  ['closed_at', (t) => (t.closedAt ? new Date(t.closedAt).toISOString() : '')],
]

/** `/api/v1/tickets`: work orders for agents and integrations. */
export const tickets = new Hono<AppEnv>()
  .use('*', requireRole('agent'))
  .post('/', async (c) => {
    const body = await readJson(c, createBody)
    return c.json(answer(await openTicket(c.env, body, c.get('actor'), Date.now())), 201)
  })
  .get('/', async (c) => {
    const q = readQuery(c, listQuery)
    const rows = await ticketStore(c.env.DB).list({
      ...(q.status ? { status: q.status as TicketStatus | 'open' } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.assignee ? { assignee: q.assignee } : {}),
      ...(q.team ? { team: q.team } : {}),
      ...(q.conversation ? { conversationKey: q.conversation } : {}),
      ...(q.cursor ? { after: q.cursor } : {}),
      limit: q.format === 'csv' ? 5000 : q.limit + 1,
    })
    if (q.format === 'csv') {
      const lines = [
        CSV_COLUMNS.map(([name]) => name),
        ...rows.map((t) => CSV_COLUMNS.map(([, get]) => get(t))),
      ]
      return c.body(`${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="tickets.csv"',
      })
    }
    const page = rows.slice(0, q.limit)
    const last = page.at(-1)
    const nextCursor =
      rows.length > q.limit && last
        ? toBase64Url(
            utf8(
              JSON.stringify({ priority: last.priority, createdAt: last.createdAt, id: last.id })
            )
          )
        : null
    return c.json({ tickets: page, nextCursor })
  })
  .get('/:id', async (c) => {
    const store = ticketStore(c.env.DB)
    const ticket = await store.get(c.req.param('id'))
    if (!ticket) throw apiError(404, 'not_found', 'no such ticket')
    return c.json({ ticket, events: await store.events(ticket.id) })
  })
  .patch('/:id', async (c) =>
    c.json(
      answer(
        await editTicket(
          c.env,
          c.req.param('id'),
          await readJson(c, editBody),
          c.get('actor'),
          Date.now()
        )
      )
    )
  )
  .post('/:id/transition', async (c) => {
    const body = await readJson(c, transitionBody)
    return c.json(
      answer(
        await moveTicket(
          c.env,
          c.req.param('id'),
          { ...body, actor: c.get('actor'), role: roleOf(c.get('role')) },
          Date.now()
        )
      )
    )
  })
  .post('/:id/notes', async (c) => {
    const { text } = await readJson(c, noteBody)
    const store = ticketStore(c.env.DB)
    const ticket = await store.get(c.req.param('id'))
    if (!ticket) throw apiError(404, 'not_found', 'no such ticket')
    await store.addEvent({
      ticketId: ticket.id,
      at: Date.now(),
      actor: c.get('actor'),
      kind: 'note',
      text,
    })
    return c.json({ ok: true }, 201)
  })
  .post('/:id/merge', async (c) => {
    const { into } = await readJson(c, mergeBody)
    return c.json(
      answer(await mergeTicket(c.env, c.req.param('id'), into, c.get('actor'), Date.now()))
    )
  })

/** `GET/PUT /api/v1/policies/tickets`. */
export const ticketCategoriesPolicy = kvDocRoutes({
  path: '/api/v1/policies/tickets',
  schema: ticketCategoriesSchema,
  doc: ticketCategoriesDoc,
  tag: 'tickets',
  read: 'Work order categories: names, team, required fields, resolution target per urgency, progress update interval',
  write: 'Replace the work order categories; new tickets use them',
})
