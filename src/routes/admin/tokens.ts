import { Hono } from 'hono'
import { z } from 'zod'
import { forgetToken, hashToken, newApiToken, requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute, errorSchema } from '../../api/openapi'
import { readJson } from '../../api/validate'
import { randomId } from '../../lib/crypto'
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

interface TokenRow {
  id: string
  name: string
  role: 'admin' | 'agent'
  created_at: number
  created_by: string
  revoked_at: number | null
  last_used_at: number | null
}

const toToken = (row: TokenRow): z.output<typeof tokenSchema> => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  createdBy: row.created_by,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
})

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
    await c.env.DB.prepare(
      `INSERT INTO api_tokens (id, name, role, token_hash, created_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`
    )
      .bind(id, name, role, await hashToken(token), createdAt, c.get('actorId'))
      .run()
    return c.json({ id, name, role, token, createdAt }, 201)
  })
  .get('/', async (c) => {
    const { results } = await c.env.DB.prepare(
      `SELECT id, name, role, created_at, created_by, revoked_at, last_used_at
       FROM api_tokens ORDER BY created_at DESC, id DESC`
    ).all<TokenRow>()
    return c.json({ tokens: results.map(toToken) })
  })
  .delete('/:id', async (c) => {
    const id = c.req.param('id')
    const row = await c.env.DB.prepare(
      `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?1) WHERE id = ?2
       RETURNING revoked_at, token_hash`
    )
      .bind(Date.now(), id)
      .first<{ revoked_at: number; token_hash: string }>()
    if (!row) throw apiError(404, 'not_found', `token ${id} not found`)
    forgetToken(row.token_hash)
    return c.json({ id, revokedAt: row.revoked_at })
  })
