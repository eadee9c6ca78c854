import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readQuery } from '../../api/validate'
import { listAudit } from '../../audit/log'
import type { AppEnv } from '../../env'

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

documentRoute({
  method: 'get',
  path: '/api/v1/audit',
  summary:
    'Who read customer data and who changed what, newest first (kept AUDIT_RETENTION_DAYS, default 180)',
  tag: 'audit',
  access: 'admin',
  query: auditQuery,
  responses: {
    200: {
      description: 'a page of entries',
      schema: z.object({ entries: z.array(entrySchema), nextBefore: z.number().int().nullable() }),
    },
  },
})

/** The audit log (admins). */
export const auditLog = new Hono<AppEnv>()
  .use('*', requireRole('admin'))
  .get('/', async (c) => c.json(await listAudit(c.env.DB, readQuery(c, auditQuery))))
