import { z } from 'zod'
import { cursorParam, limitParam, nextCursorSchema, paginate } from '../../api/page-cursor'
import { jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { dueAtOf, listedConversationSchema, listEscalations } from '../../tables/conversations'
import { routesFor } from './route-builders'
import { conversationForViewer } from './viewer-mask'

const escalationQuery = z.object({
  level: z.enum(['1', '2']).transform(Number).optional(),
  limit: limitParam,
  cursor: cursorParam(z.object({ dueAt: z.number().int(), key: z.string() })).optional(),
})
const escalationPage = z.object({
  escalations: z.array(listedConversationSchema),
  nextCursor: nextCursorSchema,
})

const list = routesFor('escalations').agent(
  'get',
  '/',
  'Open escalations, oldest due first (expected resolution, next due, escalated at)',
  {
    request: { query: escalationQuery },
    responses: { 200: jsonResponse(escalationPage, 'a page of escalated conversations') },
  }
)

/** `GET /api/v1/escalations`: open conversations above level 0, most overdue first. */
export const escalations = apiRouter('/api/v1/escalations').openapi(list, async (c) => {
  const query = c.req.valid('query')
  const rows = await listEscalations(
    c.env.DB,
    { level: query.level, after: query.cursor },
    query.limit + 1
  )
  const page = paginate(rows, query.limit, (s) => ({ dueAt: dueAtOf(s), key: s.key }))
  return c.json(
    {
      escalations: page.items.map(conversationForViewer(c.get('role'), c.get('actor'))),
      nextCursor: page.nextCursor,
    },
    200
  )
})
