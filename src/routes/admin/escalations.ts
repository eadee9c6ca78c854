import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { cursorParam, limitParam, nextCursorSchema, paginate } from '../../api/page-cursor'
import { readQuery } from '../../api/validate'
import { dueAtOf, listedConversationSchema, listEscalations } from '../../tables/conversations'
import type { AppEnv } from '../../env'
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

documentRoute({
  method: 'get',
  path: '/api/v1/escalations',
  summary: 'Open escalations, oldest due first (expected resolution, next due, escalated at)',
  tag: 'escalations',
  access: 'agent',
  query: escalationQuery,
  responses: { 200: { description: 'a page of escalated conversations', schema: escalationPage } },
})

/** `GET /api/v1/escalations`: open conversations above level 0, most overdue first. */
export const escalations = new Hono<AppEnv>().get('/', requireRole('agent'), async (c) => {
  const query = readQuery(c, escalationQuery)
  const rows = await listEscalations(
    c.env.DB,
    { level: query.level, after: query.cursor },
    query.limit + 1
  )
  const page = paginate(rows, query.limit, (s) => ({ dueAt: dueAtOf(s), key: s.key }))
  return c.json({
    escalations: page.items.map(conversationForViewer(c.get('role'), c.get('actor'))),
    nextCursor: page.nextCursor,
  })
})
