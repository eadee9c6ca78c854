import { z } from 'zod'
import { apiError } from '../../api/errors'
import { paginate } from '../../api/page-cursor'
import { errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { fromBase64 } from '../../lib/encoding'
import { csvCell } from '../../reports/csv'
import { ticketCategoriesDoc, ticketCategoriesSchema } from '../../tickets/categories'
import {
  editTicket,
  mergeTicket,
  moveTicket,
  openTicket,
  roleOf,
  type TicketResult,
} from '../../tickets/service'
import { ticketStore } from '../../tickets/store'
import { TICKET_STATUSES, type Ticket, type TicketStatus } from '../../tickets/types'
import { kvDocRoutes } from './kv-doc-routes'
import {
  createBody,
  editBody,
  mergeBody,
  noteBody,
  ticketEventSchema,
  ticketSchema,
  transitionBody,
} from './ticket-schemas'
import { routesFor } from './route-builders'

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

const idParams = z.object({ id: z.string() })
const noTicket = errorResponse('no such ticket')
const rejected = errorResponse('not allowed from its status, or changed meanwhile')

const route = routesFor('tickets')
const create = route.ownAgent(
  'post',
  '/',
  'Open a work order; from a conversation, what the bot learned fills the fields and the customer is asked for what is missing',
  {
    request: { body: jsonRequest(createBody) },
    responses: {
      201: jsonResponse(
        ticketSchema,
        'the ticket (status `collecting` while required fields are missing)'
      ),
      400: errorResponse('invalid body or unknown category'),
      404: errorResponse('no such conversation'),
    },
  }
)
const list = route.ownAgent(
  'get',
  '/',
  'Work orders, most urgent first then first come first served; filters, cursor paging, `format=csv`',
  {
    request: { query: listQuery },
    responses: {
      200: {
        description: '`{ tickets, nextCursor }` or CSV',
        content: {
          'application/json': {
            schema: z.object({ tickets: z.array(ticketSchema), nextCursor: z.string().nullable() }),
          },
          'text/csv': { schema: z.string() },
        },
      },
    },
  }
)
const read = route.ownAgent(
  'get',
  '/{id}',
  'A work order with its history (status changes, notes, clocks)',
  {
    request: { params: idParams },
    responses: {
      200: jsonResponse(
        z.object({ ticket: ticketSchema, events: z.array(ticketEventSchema) }),
        '`{ ticket, events }`'
      ),
      404: noTicket,
    },
  }
)
const edit = route.ownAgent(
  'patch',
  '/{id}',
  "Fill a work order's missing fields or change its urgency (and deadline)",
  {
    request: { params: idParams, body: jsonRequest(editBody) },
    responses: {
      200: jsonResponse(ticketSchema, 'the ticket'),
      404: noTicket,
      409: errorResponse('closed, or changed meanwhile'),
    },
  }
)
const transition = route.ownAgent(
  'post',
  '/{id}/transition',
  'Move a work order along its lifecycle; closing needs `feedback` (sent to the customer), an early close an admin with `overrideReason`',
  {
    request: { params: idParams, body: jsonRequest(transitionBody) },
    responses: {
      200: jsonResponse(ticketSchema, 'the ticket'),
      400: errorResponse('invalid body or missing input'),
      404: noTicket,
      409: rejected,
    },
  }
)
const note = route.ownAgent('post', '/{id}/notes', 'An internal note on a work order', {
  request: { params: idParams, body: jsonRequest(noteBody) },
  responses: { 201: jsonResponse(z.object({ ok: z.literal(true) }), 'stored'), 404: noTicket },
})
const merge = route.ownAgent(
  'post',
  '/{id}/merge',
  'Merge a duplicate work order into another open one',
  {
    request: { params: idParams, body: jsonRequest(mergeBody) },
    responses: {
      200: jsonResponse(ticketSchema, 'the merged duplicate'),
      400: errorResponse('invalid body, or a ticket merged into itself'),
      404: noTicket,
      409: errorResponse('not open'),
    },
  }
)

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
export const tickets = apiRouter('/api/v1/tickets', 'agent')
  .openapi(create, async (c) => {
    const body = c.req.valid('json')
    return c.json(answer(await openTicket(c.env, body, c.get('actor'), Date.now())), 201)
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query')
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
    const page = paginate(rows, q.limit, (t) => ({
      priority: t.priority,
      createdAt: t.createdAt,
      id: t.id,
    }))
    return c.json({ tickets: page.items, nextCursor: page.nextCursor }, 200)
  })
  .openapi(read, async (c) => {
    const store = ticketStore(c.env.DB)
    const ticket = await store.get(c.req.valid('param').id)
    if (!ticket) throw apiError(404, 'not_found', 'no such ticket')
    return c.json({ ticket, events: await store.events(ticket.id) }, 200)
  })
  .openapi(edit, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(answer(await editTicket(c.env, id, body, c.get('actor'), Date.now())), 200)
  })
  .openapi(transition, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const by = { actor: c.get('actor'), role: roleOf(c.get('role')) }
    return c.json(answer(await moveTicket(c.env, id, { ...body, ...by }, Date.now())), 200)
  })
  .openapi(note, async (c) => {
    const { text } = c.req.valid('json')
    const store = ticketStore(c.env.DB)
    const ticket = await store.get(c.req.valid('param').id)
    if (!ticket) throw apiError(404, 'not_found', 'no such ticket')
    await store.addEvent({
      ticketId: ticket.id,
      at: Date.now(),
      actor: c.get('actor'),
      kind: 'note',
      text,
    })
    return c.json({ ok: true as const }, 201)
  })
  .openapi(merge, async (c) => {
    const { id } = c.req.valid('param')
    const { into } = c.req.valid('json')
    return c.json(answer(await mergeTicket(c.env, id, into, c.get('actor'), Date.now())), 200)
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
