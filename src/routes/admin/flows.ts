import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute, errorSchema } from '../../api/openapi'
import { readJson } from '../../api/validate'
import {
  TEMPLATE_ID_PATTERN,
  flowDocSchema,
  flowInputSchema,
  validateFlowTemplates,
} from '../../flows/schema'
import { kvFlowStore } from '../../flows/store'
import type { AppEnv } from '../../env'

const TAG = 'flows'
const BASE = '/api/v1/flows'

/** `PUT` body: a flow input; `id`, `version` and `updatedAt` from a GET are ignored. */
const putBodySchema = flowInputSchema.extend({
  id: z.unknown().optional(),
  version: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
})
const rollbackBodySchema = z.object({ version: z.number().int().min(0) })
const listSchema = z.object({ flows: z.array(flowDocSchema) })
const versionsSchema = z.object({
  id: z.string(),
  current: z.number().int(),
  versions: z.array(
    z.object({ version: z.number().int(), updatedAt: z.string(), current: z.boolean() })
  ),
})
const notFound = { description: 'no such flow or version', schema: errorSchema }

/** The flow id from the path; ids that can't exist read as not found. */
const knownId = (id: string): string => {
  if (!TEMPLATE_ID_PATTERN.test(id)) throw apiError(404, 'not_found', `flow ${id} not found`)
  return id
}

/** Admin API for versioned conversation flows (`/api/v1/flows`). */
export const flows = new Hono<AppEnv>()

documentRoute({
  method: 'get',
  path: BASE,
  summary: 'List the current version of every flow',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'current flows, by id', schema: listSchema } },
})
flows.get('/', requireRole('agent'), async (c) =>
  c.json({ flows: await kvFlowStore(c.env.CONFIG).listFlows() })
)

documentRoute({
  method: 'get',
  path: `${BASE}/{id}`,
  summary: 'Get the current version of a flow',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the flow', schema: flowDocSchema }, 404: notFound },
})
flows.get('/:id', requireRole('agent'), async (c) => {
  const id = knownId(c.req.param('id'))
  const doc = await kvFlowStore(c.env.CONFIG).getFlow(id)
  if (!doc) throw apiError(404, 'not_found', `flow ${id} not found`)
  return c.json(doc)
})

documentRoute({
  method: 'put',
  path: `${BASE}/{id}`,
  summary: 'Publish a new version of a flow (every template it says must exist)',
  tag: TAG,
  access: 'admin',
  body: putBodySchema,
  responses: { 200: { description: 'the new current version', schema: flowDocSchema } },
})
flows.put('/:id', requireRole('admin'), async (c) => {
  const id = c.req.param('id')
  if (!TEMPLATE_ID_PATTERN.test(id)) {
    throw apiError(400, 'invalid_body', 'invalid flow id', [
      { path: 'id', message: `must match ${TEMPLATE_ID_PATTERN.source}` },
    ])
  }
  const {
    id: _id,
    version: _version,
    updatedAt: _updatedAt,
    ...input
  } = await readJson(c, putBodySchema)
  const store = kvFlowStore(c.env.CONFIG)
  const templateIds = new Set((await store.listTemplates()).map((doc) => doc.id))
  const issues = validateFlowTemplates(input, templateIds)
  if (issues.length > 0) {
    throw apiError(400, 'invalid_body', 'flow says templates that do not exist', issues)
  }
  return c.json(await store.publishFlow(id, input, new Date()))
})

documentRoute({
  method: 'get',
  path: `${BASE}/{id}/versions`,
  summary: 'List every version of a flow, newest first',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the version history', schema: versionsSchema }, 404: notFound },
})
flows.get('/:id/versions', requireRole('agent'), async (c) => {
  const id = knownId(c.req.param('id'))
  const versions = await kvFlowStore(c.env.CONFIG).flowVersions(id)
  if (versions.length === 0) throw apiError(404, 'not_found', `flow ${id} not found`)
  const current = versions.find((v) => v.current)?.version ?? versions[0]?.version ?? 0
  return c.json({ id, current, versions })
})

documentRoute({
  method: 'post',
  path: `${BASE}/{id}/rollback`,
  summary: 'Make an earlier version of a flow current again',
  tag: TAG,
  access: 'admin',
  body: rollbackBodySchema,
  responses: {
    200: { description: 'the now current version', schema: flowDocSchema },
    404: notFound,
  },
})
flows.post('/:id/rollback', requireRole('admin'), async (c) => {
  const id = knownId(c.req.param('id'))
  const { version } = await readJson(c, rollbackBodySchema)
  const doc = await kvFlowStore(c.env.CONFIG).rollbackFlow(id, version, new Date())
  if (!doc) throw apiError(404, 'not_found', `flow ${id} has no version ${version}`)
  return c.json(doc)
})
