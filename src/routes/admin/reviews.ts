import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute } from '../../api/openapi'
import { readJson, readQuery } from '../../api/validate'
import { listReviews, saveReview, weeklyResults } from '../../qa/reviews'
import type { AppEnv } from '../../env'

const listQuery = z.object({
  state: z.enum(['queued', 'reviewed']).default('queued'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
const resultsQuery = z.object({ weeks: z.coerce.number().int().min(1).max(52).default(8) })
const reviewBody = z.object({
  score: z.coerce.number().int().min(0).max(100),
  comment: z.string().trim().max(2000).default(''),
})

documentRoute({
  method: 'get',
  path: '/api/v1/reviews',
  summary:
    'The quality review queue: sampled cases (plus every red line and low rating) with their automatic score',
  tag: 'quality',
  access: 'admin',
  query: listQuery,
  responses: { 200: { description: 'cases to review, or reviewed' } },
})
documentRoute({
  method: 'post',
  path: '/api/v1/reviews/{id}',
  summary: "A supervisor's score (0-100, on the same rubric) and comment for a sampled case",
  tag: 'quality',
  access: 'admin',
  body: reviewBody,
  responses: { 200: { description: 'stored' }, 404: { description: 'no such case in the queue' } },
})
documentRoute({
  method: 'get',
  path: '/api/v1/reviews/results',
  summary:
    'Per agent and week: cases, average automatic score, reviewed cases and their average score',
  tag: 'quality',
  access: 'admin',
  query: resultsQuery,
  responses: { 200: { description: 'weekly results' } },
})

/** The review queue and its results (admins act as supervisors). */
export const reviews = new Hono<AppEnv>()
  .use('*', requireRole('admin'))
  .get('/', async (c) => {
    const q = readQuery(c, listQuery)
    return c.json({ reviews: await listReviews(c.env.DB, q.state, q.limit) })
  })
  .get('/results', async (c) => {
    const { weeks } = readQuery(c, resultsQuery)
    return c.json({ results: await weeklyResults(c.env.DB, Date.now() - weeks * 7 * 86_400_000) })
  })
  .post('/:id', async (c) => {
    const review = await readJson(c, reviewBody)
    if (!(await saveReview(c.env.DB, c.req.param('id'), review, c.get('actor'), Date.now()))) {
      throw apiError(404, 'not_found', 'no such case in the review queue')
    }
    return c.json({ id: c.req.param('id'), ...review })
  })
