import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { apiRoute, errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { toFieldIssues } from '../../api/validate'
import { renderTemplate } from '../../flows/render'
import { TEMPLATE_ID_PATTERN, templateDocSchema, templateInputSchema } from '../../flows/schema'
import { kvFlowStore } from '../../flows/store'
import { isKnownVariable } from '../../flows/variables'

const TAG = 'templates'

/** `PUT` body: a template input; `id`, `version` and `updatedAt` from a GET are ignored. */
const putBodySchema = templateInputSchema.extend({
  id: z.unknown().optional(),
  version: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
  replace: z
    .boolean()
    .optional()
    .describe(
      'true: publish exactly this body; otherwise languages and buttons it leaves out are kept'
    ),
})
const rollbackBodySchema = z.object({ version: z.number().int().min(0) })
const previewBodySchema = z
  .object({
    locale: z.string().min(1),
    vars: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    draft: templateInputSchema
      .optional()
      .describe(
        'render this unsaved text instead of the current version (checked as a PUT would be)'
      ),
  })
  .superRefine(({ vars = {} }, ctx) => {
    for (const name of Object.keys(vars)) {
      if (isKnownVariable(name)) continue
      ctx.addIssue({ code: 'custom', message: `unknown variable "${name}"`, path: ['vars', name] })
    }
  })
const listSchema = z.object({ templates: z.array(templateDocSchema) })
const versionsSchema = z.object({
  id: z.string(),
  current: z.number().int(),
  versions: z.array(
    z.object({ version: z.number().int(), updatedAt: z.string(), current: z.boolean() })
  ),
})
const previewSchema = z.object({
  text: z.string(),
  buttons: z.array(z.object({ id: z.string(), label: z.string() })),
})
const notFound = errorResponse('no such template or version')
const idParams = z.object({ id: z.string() })
// Writing creates the id, so a malformed one is an input error rather than a missing resource.
const newIdParams = z.object({
  id: z.string().regex(TEMPLATE_ID_PATTERN, `must match ${TEMPLATE_ID_PATTERN.source}`),
})

/** The template id from the path; ids that can't exist read as not found. */
const knownId = (id: string): string => {
  if (!TEMPLATE_ID_PATTERN.test(id)) throw apiError(404, 'not_found', `template ${id} not found`)
  return id
}

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: 'List the current version of every template',
  tag: TAG,
  access: 'agent',
  middleware: requireRole('agent'),
  responses: { 200: jsonResponse(listSchema, 'current templates, by id') },
})
const read = apiRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Get the current version of a template',
  tag: TAG,
  access: 'agent',
  middleware: requireRole('agent'),
  request: { params: idParams },
  responses: { 200: jsonResponse(templateDocSchema, 'the template'), 404: notFound },
})
const publish = apiRoute({
  method: 'put',
  path: '/{id}',
  summary:
    'Publish a new version of a template (creates the id when new). Languages and buttons the body leaves out are kept from the current version; `"buttons": []` removes the buttons, `"replace": true` publishes the body exactly',
  tag: TAG,
  access: 'admin',
  middleware: requireRole('admin'),
  request: { params: newIdParams, body: jsonRequest(putBodySchema) },
  responses: { 200: jsonResponse(templateDocSchema, 'the new current version') },
})
const versions = apiRoute({
  method: 'get',
  path: '/{id}/versions',
  summary: 'List every version of a template, newest first',
  tag: TAG,
  access: 'agent',
  middleware: requireRole('agent'),
  request: { params: idParams },
  responses: { 200: jsonResponse(versionsSchema, 'the version history'), 404: notFound },
})
const rollback = apiRoute({
  method: 'post',
  path: '/{id}/rollback',
  summary: 'Make an earlier version of a template current again',
  tag: TAG,
  access: 'admin',
  middleware: requireRole('admin'),
  request: { params: idParams, body: jsonRequest(rollbackBodySchema) },
  responses: { 200: jsonResponse(templateDocSchema, 'the now current version'), 404: notFound },
})
const preview = apiRoute({
  method: 'post',
  path: '/{id}/preview',
  summary: 'Render the current version of a template, or an unsaved draft, with sample variables',
  tag: TAG,
  access: 'agent',
  middleware: requireRole('agent'),
  request: { params: idParams, body: jsonRequest(previewBodySchema) },
  responses: { 200: jsonResponse(previewSchema, 'the rendered text and buttons'), 404: notFound },
})

/** Admin API for versioned reply templates (`/api/v1/templates`). */
export const templates = apiRouter('/api/v1/templates')
  .openapi(list, async (c) =>
    c.json({ templates: await kvFlowStore(c.env.CONFIG).listTemplates() }, 200)
  )
  .openapi(read, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const doc = await kvFlowStore(c.env.CONFIG).getTemplate(id)
    if (!doc) throw apiError(404, 'not_found', `template ${id} not found`)
    return c.json(doc, 200)
  })
  .openapi(publish, async (c) => {
    const { id } = c.req.valid('param')
    const {
      id: _id,
      version: _version,
      updatedAt: _updatedAt,
      replace,
      ...input
    } = c.req.valid('json')
    const store = kvFlowStore(c.env.CONFIG)
    const current = replace ? null : await store.getTemplate(id)
    // A partial edit (one language's text) must not silently drop what the template already has.
    const merged = current
      ? {
          ...input,
          locales: { ...current.locales, ...input.locales },
          ...(input.buttons === undefined && current.buttons ? { buttons: current.buttons } : {}),
        }
      : input
    if (merged.buttons?.length === 0) delete merged.buttons
    const checked = templateInputSchema.safeParse(merged)
    if (!checked.success) {
      const issues = toFieldIssues(checked.error.issues)
      throw apiError(
        400,
        'invalid_body',
        'the template with your changes failed validation',
        issues
      )
    }
    return c.json(await store.publishTemplate(id, checked.data, new Date()), 200)
  })
  .openapi(versions, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const history = await kvFlowStore(c.env.CONFIG).templateVersions(id)
    if (history.length === 0) throw apiError(404, 'not_found', `template ${id} not found`)
    const current = history.find((v) => v.current)?.version ?? history[0]?.version ?? 0
    return c.json({ id, current, versions: history }, 200)
  })
  .openapi(rollback, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const { version } = c.req.valid('json')
    const doc = await kvFlowStore(c.env.CONFIG).rollbackTemplate(id, version, new Date())
    if (!doc) throw apiError(404, 'not_found', `template ${id} has no version ${version}`)
    return c.json(doc, 200)
  })
  .openapi(preview, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const { locale, vars = {}, draft } = c.req.valid('json')
    const doc = draft ?? (await kvFlowStore(c.env.CONFIG).getTemplate(id))
    if (!doc) throw apiError(404, 'not_found', `template ${id} not found`)
    const { text, buttons } = renderTemplate(doc, locale, vars)
    return c.json({ text, buttons: buttons ?? [] }, 200)
  })
