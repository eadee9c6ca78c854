import { Hono } from 'hono'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readJson } from '../../api/validate'
import type { AppEnv } from '../../env'
import { redLinesDoc, redLinesSchema } from '../../qa/red-lines'

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

/** `GET/PUT /api/v1/policies/red-lines`. */
export const redLinesPolicy = new Hono<AppEnv>()
  .get('/', requireRole('agent'), async (c) => c.json(await redLinesDoc.read(c.env.FLOWS)))
  .put('/', requireRole('admin'), async (c) => {
    const rules = await readJson(c, redLinesSchema)
    await redLinesDoc.write(c.env.FLOWS, rules)
    return c.json(rules)
  })
