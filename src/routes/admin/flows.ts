import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { apiRoute, errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import {
  TEMPLATE_ID_PATTERN,
  flowDocSchema,
  flowInputSchema,
  validateFlowTemplates,
} from '../../flows/schema'
import { kvFlowStore } from '../../flows/store'

const TAG = 'flows'

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
const notFound = errorResponse('no such flow or version')
const idParams = z.object({ id: z.string() })
// Writing creates the id, so a malformed one is an input error rather than a missing resource.
const newIdParams = z.object({
  id: z.string().regex(TEMPLATE_ID_PATTERN, `must match ${TEMPLATE_ID_PATTERN.source}`),
})

/** The flow id from the path; ids that can't exist read as not found. */
const knownId = (id: string): string => {
  if (!TEMPLATE_ID_PATTERN.test(id)) throw apiError(404, 'not_found', `flow ${id} not found`)
  return id
}

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: 'List the current version of every flow',
  tag: TAG,
  access: 'agent',
  middleware: requireRole('agent'),
  responses: { 200: jsonResponse(listSchema, 'current flows, by id') },
})
const read = apiRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Get the current version of a flow',
  tag: TAG,
  access: 'agent',
  middleware: requireRole('agent'),
  request: { params: idParams },
  responses: { 200: jsonResponse(flowDocSchema, 'the flow'), 404: notFound },
})
const publish = apiRoute({
  method: 'put',
  path: '/{id}',
  summary: 'Publish a new version of a flow (every template it says must exist)',
  tag: TAG,
  access: 'admin',
  middleware: requireRole('admin'),
  request: { params: newIdParams, body: jsonRequest(putBodySchema) },
  responses: { 200: jsonResponse(flowDocSchema, 'the new current version') },
})
const versions = apiRoute({
  method: 'get',
  path: '/{id}/versions',
  summary: 'List every version of a flow, newest first',
  tag: TAG,
  access: 'agent',
  middleware: requireRole('agent'),
  request: { params: idParams },
  responses: { 200: jsonResponse(versionsSchema, 'the version history'), 404: notFound },
})
const rollback = apiRoute({
  method: 'post',
  path: '/{id}/rollback',
  summary: 'Make an earlier version of a flow current again',
  tag: TAG,
  access: 'admin',
  middleware: requireRole('admin'),
  request: { params: idParams, body: jsonRequest(rollbackBodySchema) },
  responses: { 200: jsonResponse(flowDocSchema, 'the now current version'), 404: notFound },
})

/** Admin API for versioned conversation flows (`/api/v1/flows`). */
export const flows = apiRouter('/api/v1/flows')
  .openapi(list, async (c) => c.json({ flows: await kvFlowStore(c.env.CONFIG).listFlows() }, 200))
  .openapi(read, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const doc = await kvFlowStore(c.env.CONFIG).getFlow(id)
    if (!doc) throw apiError(404, 'not_found', `flow ${id} not found`)
    return c.json(doc, 200)
  })
  .openapi(publish, async (c) => {
    const { id } = c.req.valid('param')
    const { id: _id, version: _version, updatedAt: _updatedAt, ...input } = c.req.valid('json')
    const store = kvFlowStore(c.env.CONFIG)
    const templateIds = new Set((await store.listTemplates()).map((doc) => doc.id))
    const issues = validateFlowTemplates(input, templateIds)
    if (issues.length > 0) {
      throw apiError(400, 'invalid_body', 'flow says templates that do not exist', issues)
    }
    return c.json(await store.publishFlow(id, input, new Date()), 200)
  })
  .openapi(versions, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const history = await kvFlowStore(c.env.CONFIG).flowVersions(id)
    if (history.length === 0) throw apiError(404, 'not_found', `flow ${id} not found`)
    const current = history.find((v) => v.current)?.version ?? history[0]?.version ?? 0
    return c.json({ id, current, versions: history }, 200)
  })
  .openapi(rollback, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const { version } = c.req.valid('json')
    const doc = await kvFlowStore(c.env.CONFIG).rollbackFlow(id, version, new Date())
    if (!doc) throw apiError(404, 'not_found', `flow ${id} has no version ${version}`)
    return c.json(doc, 200)
  })
