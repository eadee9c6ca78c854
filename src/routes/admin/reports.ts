import { z } from 'zod'
import { jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { breakdownCsv } from '../../reports/csv'
import { breakdownQuery, breakdownReport, reportQuery, summaryReport } from '../../reports/report'
import { figuresSchema, frameSchema, ticketCountSchema } from './report-schemas'
import { routesFor } from './route-builders'

const route = routesFor('reports')

const summary = route.ownAdmin(
  'get',
  '/summary',
  "A range's figures in the shop's time zone: response times, reply rate, resolution, SLA hit rate per target, CSAT, escalations, bot containment, conversion, payment recovery, refunds",
  {
    request: { query: reportQuery },
    responses: {
      200: jsonResponse(
        z.object({
          range: frameSchema,
          figures: figuresSchema,
          tickets: z.array(ticketCountSchema),
        }),
        'range and figures (durations in ms, rates as fractions)'
      ),
    },
  }
)
const breakdown = route.ownAdmin(
  'get',
  '/breakdown',
  'The same figures per day, channel, agent or intent; `format=csv` for a spreadsheet',
  {
    request: { query: reportQuery.safeExtend(breakdownQuery.shape) },
    responses: {
      200: {
        description: 'one group per day (every day of the range), channel, agent or intent',
        content: {
          'application/json': {
            schema: z.object({
              range: frameSchema,
              by: breakdownQuery.shape.by,
              groups: z.array(z.object({ key: z.string(), figures: figuresSchema })),
            }),
          },
          'text/csv': { schema: z.string() },
        },
      },
    },
  }
)

/** Reports for supervisors, owners and integrations (rolled-up rows in D1, never transcripts). */
export const reports = apiRouter('/api/v1/reports', 'admin')
  .openapi(summary, async (c) =>
    c.json(await summaryReport(c.env.DB, c.env.CONFIG, c.req.valid('query'), Date.now()), 200)
  )
  .openapi(breakdown, async (c) => {
    const { by, format, ...q } = c.req.valid('query')
    const report = await breakdownReport(c.env.DB, c.env.CONFIG, q, by, Date.now())
    if (format === 'json') return c.json(report, 200)
    return c.body(breakdownCsv(by, report.groups), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="report-${by}-${report.range.from}-${report.range.to}.csv"`,
    })
  })
