import { z } from 'zod'
import { jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { listAudit } from '../../audit/log'
import { routesFor } from './route-builders'

const auditQuery = z.object({
  actor: z.string().max(80).optional().describe('root, token:<id> or agent:<account id>'),
  action: z.enum(['read', 'change']).optional(),
  target: z.string().max(200).optional().describe('a conversation key or resource id'),
  since: z.coerce.number().int().nonnegative().optional().describe('ms since epoch, inclusive'),
  until: z.coerce.number().int().nonnegative().optional().describe('ms since epoch, exclusive'),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('`nextBefore` of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

const entrySchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  actorName: z.string(),
  role: z.string(),
  action: z.enum(['read', 'change']),
  method: z.string(),
  path: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  status: z.number().int(),
})

const route = routesFor('audit')
const list = route.ownAdmin(
  'get',
  '/',
  'Who read customer data and who changed what, newest first (kept AUDIT_RETENTION_DAYS, default 180)',
  {
    request: { query: auditQuery },
    responses: {
      200: jsonResponse(
        z.object({ entries: z.array(entrySchema), nextBefore: z.number().int().nullable() }),
        'a page of entries'
      ),
    },
  }
)

/** The audit log (admins). */
export const auditLog = apiRouter('/api/v1/audit', 'admin').openapi(list, async (c) =>
  c.json(await listAudit(c.env.DB, c.req.valid('query')), 200)
)
