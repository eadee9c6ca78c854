import { z } from 'zod'
import { cursorParam, limitParam, nextCursorSchema, paginate } from '../../api/page-cursor'
import { jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { caseSchema, listCases } from '../../tables/cases'
import { routesFor } from './route-builders'
import { caseForViewer } from './viewer-mask'

const DAY_MS = 24 * 3600 * 1000
const isoDate = z.iso.date().describe('YYYY-MM-DD (UTC)')
const isoDateTime = z.iso.datetime({ offset: true })

const caseQuery = z
  .object({
    category: z.string().min(1).max(64).optional(),
    rating: z.enum(['1', '2', '3', '4', '5']).transform(Number).optional(),
    from: z
      .union([isoDate, isoDateTime])
      .transform((v) => Date.parse(v))
      .describe('resolved at or after; ISO date or date-time')
      .optional(),
    // A date means the whole day; a date-time is inclusive. Stored as an exclusive bound.
    to: z
      .union([
        isoDate.transform((v) => Date.parse(v) + DAY_MS),
        isoDateTime.transform((v) => Date.parse(v) + 1),
      ])
      .describe('resolved on or before; ISO date (whole day) or date-time')
      .optional(),
    limit: limitParam,
    cursor: cursorParam(z.object({ resolvedAt: z.number().int(), id: z.string() })).optional(),
  })
  .superRefine(({ from, to }, ctx) => {
    if (from !== undefined && to !== undefined && from >= to) {
      ctx.addIssue({ code: 'custom', message: '`to` must not be before `from`', path: ['to'] })
    }
  })
const casePage = z.object({ cases: z.array(caseSchema), nextCursor: nextCursorSchema })

const list = routesFor('cases').agent(
  'get',
  '/',
  'Archived cases (knowledge base), newest resolution first',
  {
    request: { query: caseQuery },
    responses: { 200: jsonResponse(casePage, 'a page of cases') },
  }
)

/** `GET /api/v1/cases`: resolved cases, filtered by category, rating and resolution date. */
export const cases = apiRouter('/api/v1/cases').openapi(list, async (c) => {
  const { limit, cursor, ...filter } = c.req.valid('query')
  const rows = await listCases(c.env.DB, { ...filter, after: cursor }, limit + 1)
  const page = paginate(rows, limit, (k) => ({ resolvedAt: k.resolvedAt, id: k.id }))
  return c.json(
    {
      cases: page.items.map(caseForViewer(c.get('role'), c.get('actor'))),
      nextCursor: page.nextCursor,
    },
    200
  )
})
