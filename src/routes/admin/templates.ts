import { z } from 'zod'
import { apiError } from '../../api/errors'
import { jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { toFieldIssues } from '../../api/validate'
import { renderTemplate } from '../../flows/render'
import { TEMPLATE_ID_PATTERN, templateDocSchema, templateInputSchema } from '../../flows/schema'
import { kvFlowStore } from '../../flows/store'
import { isKnownVariable } from '../../flows/variables'
import { routesFor } from './route-builders'
import { ignoredOnPut, versionedDocRoutes } from './versioned-doc-routes'

const r = versionedDocRoutes({
  tag: 'templates',
  noun: 'template',
  listKey: 'templates',
  idPattern: TEMPLATE_ID_PATTERN,
  doc: templateDocSchema,
  putBody: templateInputSchema.extend({
    ...ignoredOnPut,
    replace: z
      .boolean()
      .optional()
      .describe(
        'true: publish exactly this body; otherwise languages and buttons it leaves out are kept'
      ),
  }),
  publishSummary:
    'Publish a new version of a template (creates the id when new). Languages and buttons the body leaves out are kept from the current version; `"buttons": []` removes the buttons, `"replace": true` publishes the body exactly',
})
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
const previewSchema = z.object({
  text: z.string(),
  buttons: z.array(z.object({ id: z.string(), label: z.string() })),
})
const preview = routesFor('templates').agent(
  'post',
  '/{id}/preview',
  'Render the current version of a template, or an unsaved draft, with sample variables',
  {
    request: { params: r.idParams, body: jsonRequest(previewBodySchema) },
    responses: {
      200: jsonResponse(previewSchema, 'the rendered text and buttons'),
      404: r.notFound,
    },
  }
)

/** Admin API for versioned reply templates (`/api/v1/templates`). */
export const templates = apiRouter('/api/v1/templates')
  .openapi(r.list, async (c) =>
    c.json({ templates: await kvFlowStore(c.env.CONFIG).listTemplates() }, 200)
  )
  .openapi(r.read, async (c) => {
    const id = r.knownId(c.req.valid('param').id)
    const doc = await kvFlowStore(c.env.CONFIG).getTemplate(id)
    if (!doc) throw apiError(404, 'not_found', `template ${id} not found`)
    return c.json(doc, 200)
  })
  .openapi(r.publish, async (c) => {
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
  .openapi(r.versions, async (c) => {
    const id = r.knownId(c.req.valid('param').id)
    return c.json(r.history(id, await kvFlowStore(c.env.CONFIG).templateVersions(id)), 200)
  })
  .openapi(r.rollback, async (c) => {
    const id = r.knownId(c.req.valid('param').id)
    const { version } = c.req.valid('json')
    const doc = await kvFlowStore(c.env.CONFIG).rollbackTemplate(id, version, new Date())
    if (!doc) throw apiError(404, 'not_found', `template ${id} has no version ${version}`)
    return c.json(doc, 200)
  })
  .openapi(preview, async (c) => {
    const id = r.knownId(c.req.valid('param').id)
    const { locale, vars = {}, draft } = c.req.valid('json')
    const doc = draft ?? (await kvFlowStore(c.env.CONFIG).getTemplate(id))
    if (!doc) throw apiError(404, 'not_found', `template ${id} not found`)
    const { text, buttons } = renderTemplate(doc, locale, vars)
    return c.json({ text, buttons: buttons ?? [] }, 200)
  })
