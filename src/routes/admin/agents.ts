import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute, errorSchema } from '../../api/openapi'
import { readJson } from '../../api/validate'
import { accountStore, OWNER_ID, type AccountResult } from '../../console/accounts'
import { MIN_PASSWORD_LENGTH } from '../../console/passwords'
import type { AppEnv } from '../../env'

const TAG = 'agents'
const BASE = '/api/v1/agents'

const roleSchema = z.enum(['admin', 'agent'])
const localeSchema = z.enum(['en', 'zh-CN'])
// Display names are what customers see on agent messages and what conversations are assigned to.
const nameSchema = z.string().trim().min(1).max(64)
const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256)

/** Body of `POST /api/v1/agents`. */
export const createAgentBody = z.object({
  name: nameSchema,
  email: z.email().max(254),
  role: roleSchema,
  password: passwordSchema,
  locale: localeSchema.optional(),
})

/** Body of `PATCH /api/v1/agents/:id`: any subset of the fields. */
export const patchAgentBody = z
  .object({
    name: nameSchema,
    email: z.email().max(254),
    role: roleSchema,
    password: passwordSchema,
    locale: localeSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')

const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  locale: localeSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})
const forbidden = { description: 'not an admin', schema: errorSchema }

documentRoute({
  method: 'post',
  path: BASE,
  summary:
    'Create a console account (password stored as PBKDF2-SHA256, 100k rounds, per-user salt)',
  tag: TAG,
  access: 'admin',
  body: createAgentBody,
  responses: {
    201: { description: 'created', schema: agentSchema },
    403: forbidden,
    409: { description: 'email or name taken', schema: errorSchema },
  },
})
documentRoute({
  method: 'get',
  path: BASE,
  summary: 'Every console account',
  tag: TAG,
  access: 'admin',
  responses: {
    200: { description: 'accounts', schema: z.object({ agents: z.array(agentSchema) }) },
    403: forbidden,
  },
})
documentRoute({
  method: 'patch',
  path: `${BASE}/{id}`,
  summary: 'Change name, email, role, UI language or password',
  tag: TAG,
  access: 'admin',
  body: patchAgentBody,
  responses: {
    200: { description: 'changed', schema: agentSchema },
    404: { description: 'no such account', schema: errorSchema },
  },
})
documentRoute({
  method: 'delete',
  path: `${BASE}/{id}`,
  summary: 'Delete an account and end its sessions',
  tag: TAG,
  access: 'admin',
  responses: {
    204: { description: 'deleted' },
    404: { description: 'no such account', schema: errorSchema },
  },
})

const accountOf = (result: AccountResult) => {
  if (result.ok) return result.account
  throw apiError(result.code === 'conflict' ? 409 : 404, result.code, result.message)
}

/** Console accounts (admin only). */
export const agents = new Hono<AppEnv>()
  .use('*', requireRole('admin'))
  .post('/', async (c) => {
    const body = await readJson(c, createAgentBody)
    return c.json(accountOf(await accountStore(c.env.DB).create(body, Date.now())), 201)
  })
  .get('/', async (c) => c.json({ agents: await accountStore(c.env.DB).list() }))
  .patch('/:id', async (c) => {
    const patch = await readJson(c, patchAgentBody)
    if (
      c.req.param('id') === OWNER_ID &&
      (patch.role === 'agent' || patch.password || patch.email)
    ) {
      throw apiError(
        409,
        'conflict',
        'the owner signs in with ADMIN_TOKEN; only its name and language can change'
      )
    }
    return c.json(
      accountOf(await accountStore(c.env.DB).update(c.req.param('id'), patch, Date.now()))
    )
  })
  .delete('/:id', async (c) => {
    if (c.req.param('id') === OWNER_ID)
      throw apiError(409, 'conflict', 'the owner account cannot be deleted')
    if (!(await accountStore(c.env.DB).remove(c.req.param('id'))))
      throw apiError(404, 'not_found', 'no such account')
    return c.body(null, 204)
  })
