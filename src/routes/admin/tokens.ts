import { z } from 'zod'
import { forgetToken, hashToken, newApiToken } from '../../api/auth'
import { apiError } from '../../api/errors'
import { errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { randomId } from '../../lib/crypto'
import { insertToken, listTokens, revokeToken } from '../../tables/api-tokens'
import { routesFor } from './route-builders'

const route = routesFor('tokens')

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
const idParams = z.object({ id: z.string() })

const create = route.ownAdmin(
  'post',
  '/',
  'Issue an API token; the token is shown only in this response',
  {
    request: { body: jsonRequest(createBody) },
    responses: { 201: jsonResponse(createdSchema, 'the new token') },
  }
)
const list = route.ownAdmin(
  'get',
  '/',
  'List API tokens, revoked ones included (never the token or its hash)',
  {
    responses: { 200: jsonResponse(listSchema, 'tokens, newest first') },
  }
)
const revoke = route.ownAdmin(
  'delete',
  '/{id}',
  'Revoke a token; other isolates may accept it for up to 30 s more',
  {
    request: { params: idParams },
    responses: {
      200: jsonResponse(revokedSchema, 'revoked (again: the first revocation time)'),
      404: errorResponse('no such token'),
    },
  }
)

/** Admin API for issuing, listing and revoking API tokens (`/api/v1/tokens`). */
export const tokens = apiRouter('/api/v1/tokens', 'admin')
  .openapi(create, async (c) => {
    const { name, role } = c.req.valid('json')
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
  .openapi(list, async (c) => c.json({ tokens: await listTokens(c.env.DB) }, 200))
  .openapi(revoke, async (c) => {
    const { id } = c.req.valid('param')
    const revoked = await revokeToken(c.env.DB, id, Date.now())
    if (!revoked) throw apiError(404, 'not_found', `token ${id} not found`)
    forgetToken(revoked.tokenHash)
    return c.json({ id, revokedAt: revoked.revokedAt }, 200)
  })
