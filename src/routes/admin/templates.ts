import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute, errorSchema } from '../../api/openapi'
import { readJson, toFieldIssues } from '../../api/validate'
import { renderTemplate } from '../../flows/render'
import { TEMPLATE_ID_PATTERN, templateDocSchema, templateInputSchema } from '../../flows/schema'
import { kvFlowStore } from '../../flows/store'
import { isKnownVariable } from '../../flows/variables'
import type { AppEnv } from '../../env'

const TAG = 'templates'
const BASE = '/api/v1/templates'

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
const notFound = { description: 'no such template or version', schema: errorSchema }

/** The template id from the path; ids that can't exist read as not found. */
const knownId = (id: string): string => {
  if (!TEMPLATE_ID_PATTERN.test(id)) throw apiError(404, 'not_found', `template ${id} not found`)
  return id
}

/** Admin API for versioned reply templates (`/api/v1/templates`). */
export const templates = new Hono<AppEnv>()

documentRoute({
  method: 'get',
  path: BASE,
  summary: 'List the current version of every template',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'current templates, by id', schema: listSchema } },
})
templates.get('/', requireRole('agent'), async (c) =>
  c.json({ templates: await kvFlowStore(c.env.CONFIG).listTemplates() })
)

documentRoute({
  method: 'get',
  path: `${BASE}/{id}`,
  summary: 'Get the current version of a template',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the template', schema: templateDocSchema }, 404: notFound },
})
templates.get('/:id', requireRole('agent'), async (c) => {
  const id = knownId(c.req.param('id'))
  const doc = await kvFlowStore(c.env.CONFIG).getTemplate(id)
  if (!doc) throw apiError(404, 'not_found', `template ${id} not found`)
  return c.json(doc)
})

documentRoute({
  method: 'put',
  path: `${BASE}/{id}`,
  summary:
    'Publish a new version of a template (creates the id when new). Languages and buttons the body leaves out are kept from the current version; `"buttons": []` removes the buttons, `"replace": true` publishes the body exactly',
  tag: TAG,
  access: 'admin',
  body: putBodySchema,
  responses: { 200: { description: 'the new current version', schema: templateDocSchema } },
})
templates.put('/:id', requireRole('admin'), async (c) => {
  const id = c.req.param('id')
  if (!TEMPLATE_ID_PATTERN.test(id)) {
    throw apiError(400, 'invalid_body', 'invalid template id', [
      { path: 'id', message: `must match ${TEMPLATE_ID_PATTERN.source}` },
    ])
  }
  const {
    id: _id,
    version: _version,
    updatedAt: _updatedAt,
    replace,
    ...input
  } = await readJson(c, putBodySchema)
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
  if (!checked.success)
    throw apiError(
      400,
      'invalid_body',
      'the template with your changes failed validation',
      toFieldIssues(checked.error.issues)
    )
  return c.json(await store.publishTemplate(id, checked.data, new Date()))
})

documentRoute({
  method: 'get',
  path: `${BASE}/{id}/versions`,
  summary: 'List every version of a template, newest first',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the version history', schema: versionsSchema }, 404: notFound },
})
templates.get('/:id/versions', requireRole('agent'), async (c) => {
  const id = knownId(c.req.param('id'))
  const versions = await kvFlowStore(c.env.CONFIG).templateVersions(id)
  if (versions.length === 0) throw apiError(404, 'not_found', `template ${id} not found`)
  const current = versions.find((v) => v.current)?.version ?? versions[0]?.version ?? 0
  return c.json({ id, current, versions })
})

documentRoute({
  method: 'post',
  path: `${BASE}/{id}/rollback`,
  summary: 'Make an earlier version of a template current again',
  tag: TAG,
  access: 'admin',
  body: rollbackBodySchema,
  responses: {
    200: { description: 'the now current version', schema: templateDocSchema },
    404: notFound,
  },
})
templates.post('/:id/rollback', requireRole('admin'), async (c) => {
  const id = knownId(c.req.param('id'))
  const { version } = await readJson(c, rollbackBodySchema)
  const doc = await kvFlowStore(c.env.CONFIG).rollbackTemplate(id, version, new Date())
  if (!doc) throw apiError(404, 'not_found', `template ${id} has no version ${version}`)
  return c.json(doc)
})

documentRoute({
  method: 'post',
  path: `${BASE}/{id}/preview`,
  summary: 'Render the current version of a template, or an unsaved draft, with sample variables',
  tag: TAG,
  access: 'agent',
  body: previewBodySchema,
  responses: {
    200: { description: 'the rendered text and buttons', schema: previewSchema },
    404: notFound,
  },
})
templates.post('/:id/preview', requireRole('agent'), async (c) => {
  const id = knownId(c.req.param('id'))
  const { locale, vars = {}, draft } = await readJson(c, previewBodySchema)
  const doc = draft ?? (await kvFlowStore(c.env.CONFIG).getTemplate(id))
  if (!doc) throw apiError(404, 'not_found', `template ${id} not found`)
  const { text, buttons } = renderTemplate(doc, locale, vars)
  return c.json({ text, buttons: buttons ?? [] })
})
