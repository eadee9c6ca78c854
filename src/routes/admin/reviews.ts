import { z } from 'zod'
import { apiError } from '../../api/errors'
import { errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { listReviews, saveReview, weeklyResults } from '../../qa/reviews'
import { routesFor } from './route-builders'

const listQuery = z.object({
  state: z.enum(['queued', 'reviewed']).default('queued'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
const resultsQuery = z.object({ weeks: z.coerce.number().int().min(1).max(52).default(8) })
const reviewBody = z.object({
  score: z.coerce.number().int().min(0).max(100),
  comment: z.string().trim().max(2000).default(''),
})

const reviewItem = z.object({
  id: z.string(),
  conversationKey: z.string(),
  channel: z.string(),
  handler: z.string().nullable(),
  resolvedAt: z.number(),
  rating: z.number().nullable(),
  qaScore: z.number().nullable(),
  redLines: z.array(z.object({ kind: z.string(), match: z.string() })),
  state: z.enum(['queued', 'reviewed']),
  reviewScore: z.number().nullable(),
  reviewComment: z.string().nullable(),
  reviewer: z.string().nullable(),
  reviewedAt: z.number().nullable(),
})
const weeklyResult = z.object({
  handler: z.string(),
  week: z.string(),
  cases: z.number(),
  qaAverage: z.number().nullable(),
  reviewed: z.number(),
  reviewAverage: z.number().nullable(),
})

const route = routesFor('quality')
const list = route.ownAdmin(
  'get',
  '/',
  'The quality review queue: sampled cases (plus every red line and low rating) with their automatic score',
  {
    request: { query: listQuery },
    responses: {
      200: jsonResponse(z.object({ reviews: z.array(reviewItem) }), 'cases to review, or reviewed'),
    },
  }
)
const results = route.ownAdmin(
  'get',
  '/results',
  'Per agent and week: cases, average automatic score, reviewed cases and their average score',
  {
    request: { query: resultsQuery },
    responses: {
      200: jsonResponse(z.object({ results: z.array(weeklyResult) }), 'weekly results'),
    },
  }
)
const review = route.ownAdmin(
  'post',
  '/{id}',
  "A supervisor's score (0-100, on the same rubric) and comment for a sampled case",
  {
    request: { params: z.object({ id: z.string() }), body: jsonRequest(reviewBody) },
    responses: {
      200: jsonResponse(reviewBody.extend({ id: z.string() }), 'stored'),
      404: errorResponse('no such case in the queue'),
    },
  }
)

/** The review queue and its results (admins act as supervisors). */
export const reviews = apiRouter('/api/v1/reviews', 'admin')
  .openapi(list, async (c) => {
    const q = c.req.valid('query')
    return c.json({ reviews: await listReviews(c.env.DB, q.state, q.limit) }, 200)
  })
  .openapi(results, async (c) => {
    const { weeks } = c.req.valid('query')
    const since = Date.now() - weeks * 7 * 86_400_000
    return c.json({ results: await weeklyResults(c.env.DB, since) }, 200)
  })
  .openapi(review, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    if (!(await saveReview(c.env.DB, id, body, c.get('actor'), Date.now()))) {
      throw apiError(404, 'not_found', 'no such case in the review queue')
    }
    return c.json({ id, ...body }, 200)
  })
