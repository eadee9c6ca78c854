import { z } from 'zod'
import { apiError } from '../../api/errors'
import { errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { accountStore, OWNER_ID, type AccountResult } from '../../console/accounts'
import { MIN_PASSWORD_LENGTH } from '../../console/passwords'
import { routesFor } from './route-builders'

const route = routesFor('agents')

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
const idParams = z.object({ id: z.string() })

const create = route.ownAdmin(
  'post',
  '/',
  'Create a console account (password stored as PBKDF2-SHA256, 100k rounds, per-user salt)',
  {
    request: { body: jsonRequest(createAgentBody) },
    responses: {
      201: jsonResponse(agentSchema, 'created'),
      409: errorResponse('email or name taken'),
    },
  }
)
const list = route.ownAdmin('get', '/', 'Every console account', {
  responses: { 200: jsonResponse(z.object({ agents: z.array(agentSchema) }), 'accounts') },
})
const change = route.ownAdmin(
  'patch',
  '/{id}',
  'Change name, email, role, UI language or password',
  {
    request: { params: idParams, body: jsonRequest(patchAgentBody) },
    responses: {
      200: jsonResponse(agentSchema, 'changed'),
      404: errorResponse('no such account'),
      409: errorResponse("email or name taken, or a change the owner's account cannot take"),
    },
  }
)
const remove = route.ownAdmin('delete', '/{id}', 'Delete an account and end its sessions', {
  request: { params: idParams },
  responses: {
    204: { description: 'deleted' },
    404: errorResponse('no such account'),
    409: errorResponse('the owner account cannot be deleted'),
  },
})

const accountOf = (result: AccountResult) => {
  if (result.ok) return result.account
  throw apiError(result.code === 'conflict' ? 409 : 404, result.code, result.message)
}

/** Console accounts (admin only). */
export const agents = apiRouter('/api/v1/agents', 'admin')
  .openapi(create, async (c) => {
    const body = c.req.valid('json')
    return c.json(accountOf(await accountStore(c.env.DB).create(body, Date.now())), 201)
  })
  .openapi(list, async (c) => c.json({ agents: await accountStore(c.env.DB).list() }, 200))
  .openapi(change, async (c) => {
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    if (id === OWNER_ID && (patch.role === 'agent' || patch.password || patch.email)) {
      throw apiError(
        409,
        'conflict',
        'the owner signs in with ADMIN_TOKEN; only its name and language can change'
      )
    }
    return c.json(accountOf(await accountStore(c.env.DB).update(id, patch, Date.now())), 200)
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param')
    if (id === OWNER_ID) throw apiError(409, 'conflict', 'the owner account cannot be deleted')
    if (!(await accountStore(c.env.DB).remove(id))) {
      throw apiError(404, 'not_found', 'no such account')
    }
    return c.body(null, 204)
  })
