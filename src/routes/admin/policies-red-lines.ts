import { Hono } from 'hono'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readJson } from '../../api/validate'
import type { AppEnv } from '../../env'
import { redLinesDoc, redLinesSchema, rubricDoc, rubricSchema } from '../../qa/red-lines'

documentRoute({
  method: 'get',
  path: '/api/v1/policies/red-lines',
  summary: 'The red-line lexicon (regexes per language): wording that blames or brushes off, unconfirmed promises',
  tag: 'policies',
  access: 'agent',
  responses: { 200: { description: 'the lexicon', schema: redLinesSchema } },
})
documentRoute({
  method: 'put',
  path: '/api/v1/policies/red-lines',
  summary: 'Replace the red-line lexicon; the console composer warns on matches before an agent sends',
  tag: 'policies',
  access: 'admin',
  body: redLinesSchema,
  responses: { 200: { description: 'the stored lexicon', schema: redLinesSchema } },
})

documentRoute({
  method: 'get',
  path: '/api/v1/policies/rubric',
  summary: "Weights of the automatic inspection's parts: speed, the five stages, wording, promises kept",
  tag: 'policies',
  access: 'agent',
  responses: { 200: { description: 'the weights', schema: rubricSchema } },
})
documentRoute({
  method: 'put',
  path: '/api/v1/policies/rubric',
  summary: 'Replace the inspection weights; cases resolved from now on are scored with them',
  tag: 'policies',
  access: 'admin',
  body: rubricSchema,
  responses: { 200: { description: 'the stored weights', schema: rubricSchema } },
})

/** `GET/PUT /api/v1/policies/rubric`. */
export const rubricPolicy = new Hono<AppEnv>()
  .get('/', requireRole('agent'), async (c) => c.json(await rubricDoc.read(c.env.FLOWS)))
  .put('/', requireRole('admin'), async (c) => {
    const weights = await readJson(c, rubricSchema)
    await rubricDoc.write(c.env.FLOWS, weights)
    return c.json(weights)
  })

/** `GET/PUT /api/v1/policies/red-lines`. */
export const redLinesPolicy = new Hono<AppEnv>()
  .get('/', requireRole('agent'), async (c) => c.json(await redLinesDoc.read(c.env.FLOWS)))
  .put('/', requireRole('admin'), async (c) => {
    const rules = await readJson(c, redLinesSchema)
    await redLinesDoc.write(c.env.FLOWS, rules)
    return c.json(rules)
  })
