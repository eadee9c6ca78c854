import { Hono } from 'hono'
import { z } from 'zod'
import { forgetToken, hashToken, newApiToken, requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute, errorSchema } from '../../api/openapi'
import { readJson } from '../../api/validate'
import { randomId } from '../../lib/crypto'
import { insertToken, listTokens, revokeToken } from '../../tables/api-tokens'
import type { AppEnv } from '../../env'

const TAG = 'tokens'
const BASE = '/api/v1/tokens'

const roleSchema = z.enum(['admin', 'agent'])
// Names that would read as the root secret or the system in attribution are reserved.
const RESERVED_NAMES = new Set(['admin', 'root', 'owner', 'system', 'bot', 'engine'])
const createBody = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine((name) => !RESERVED_NAMES.has(name.toLowerCase()), 'this name is reserved'),
  role: roleSchema,
})
const createdSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  token: z.string().describe('shown only in this response; store it now'),
  createdAt: z.number().int().describe('ms since epoch'),
})
const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.number().int(),
  createdBy: z
    .string()
    .describe('who issued it: `root` (ADMIN_TOKEN), `token:<id>` or `agent:<account id>`'),
  revokedAt: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable().describe('updated at most once a minute'),
})
const listSchema = z.object({ tokens: z.array(tokenSchema) })
const revokedSchema = z.object({ id: z.string(), revokedAt: z.number().int() })
const forbidden = { description: 'an agent token', schema: errorSchema }

documentRoute({
  method: 'post',
  path: BASE,
  summary: 'Issue an API token; the token is shown only in this response',
  tag: TAG,
  access: 'admin',
  body: createBody,
  responses: { 201: { description: 'the new token', schema: createdSchema }, 403: forbidden },
})
documentRoute({
  method: 'get',
  path: BASE,
  summary: 'List API tokens, revoked ones included (never the token or its hash)',
  tag: TAG,
  access: 'admin',
  responses: { 200: { description: 'tokens, newest first', schema: listSchema }, 403: forbidden },
})
documentRoute({
  method: 'delete',
  path: `${BASE}/{id}`,
  summary: 'Revoke a token; other isolates may accept it for up to 30 s more',
  tag: TAG,
  access: 'admin',
  responses: {
    200: { description: 'revoked (again: the first revocation time)', schema: revokedSchema },
    403: forbidden,
    404: { description: 'no such token', schema: errorSchema },
  },
})

/** Admin API for issuing, listing and revoking API tokens (`/api/v1/tokens`). */
export const tokens = new Hono<AppEnv>()
  .use('*', requireRole('admin'))
  .post('/', async (c) => {
    const { name, role } = await readJson(c, createBody)
    const id = randomId(12)
    const token = newApiToken()
    const createdAt = Date.now()
    await insertToken(c.env.DB, {
      id,
      name,
      role,
      tokenHash: await hashToken(token),
      createdAt,
      createdBy: c.get('actorId'),
    })
    return c.json({ id, name, role, token, createdAt }, 201)
  })
  .get('/', async (c) => c.json({ tokens: await listTokens(c.env.DB) }))
  .delete('/:id', async (c) => {
    const id = c.req.param('id')
    const revoked = await revokeToken(c.env.DB, id, Date.now())
    if (!revoked) throw apiError(404, 'not_found', `token ${id} not found`)
    forgetToken(revoked.tokenHash)
    return c.json({ id, revokedAt: revoked.revokedAt })
  })
