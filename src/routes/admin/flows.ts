import { apiError } from '../../api/errors'
import { apiRouter } from '../../api/router'
import {
  TEMPLATE_ID_PATTERN,
  flowDocSchema,
  flowInputSchema,
  validateFlowTemplates,
} from '../../flows/schema'
import { kvFlowStore } from '../../flows/store'
import { ignoredOnPut, versionedDocRoutes } from './versioned-doc-routes'

const r = versionedDocRoutes({
  tag: 'flows',
  noun: 'flow',
  listKey: 'flows',
  idPattern: TEMPLATE_ID_PATTERN,
  doc: flowDocSchema,
  putBody: flowInputSchema.extend(ignoredOnPut),
  publishSummary: 'Publish a new version of a flow (every template it says must exist)',
})

/** Admin API for versioned conversation flows (`/api/v1/flows`). */
export const flows = apiRouter('/api/v1/flows')
  .openapi(r.list, async (c) => c.json({ flows: await kvFlowStore(c.env.CONFIG).listFlows() }, 200))
  .openapi(r.read, async (c) => {
    const id = r.knownId(c.req.valid('param').id)
    const doc = await kvFlowStore(c.env.CONFIG).getFlow(id)
    if (!doc) throw apiError(404, 'not_found', `flow ${id} not found`)
    return c.json(doc, 200)
  })
  .openapi(r.publish, async (c) => {
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
  .openapi(r.versions, async (c) => {
    const id = r.knownId(c.req.valid('param').id)
    return c.json(r.history(id, await kvFlowStore(c.env.CONFIG).flowVersions(id)), 200)
  })
  .openapi(r.rollback, async (c) => {
    const id = r.knownId(c.req.valid('param').id)
    const { version } = c.req.valid('json')
    const doc = await kvFlowStore(c.env.CONFIG).rollbackFlow(id, version, new Date())
    if (!doc) throw apiError(404, 'not_found', `flow ${id} has no version ${version}`)
    return c.json(doc, 200)
  })
