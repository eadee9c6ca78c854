import { Hono } from 'hono'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readQuery } from '../../api/validate'
import type { AppEnv } from '../../env'
import { breakdownCsv } from '../../reports/csv'
import { breakdownQuery, breakdownReport, reportQuery, summaryReport } from '../../reports/report'

documentRoute({
  method: 'get',
  path: '/api/v1/reports/summary',
  summary:
    "A range's figures in the shop's time zone: response times, reply rate, resolution, SLA hit rate per target, CSAT, escalations, bot containment, conversion, payment recovery, refunds",
  tag: 'reports',
  access: 'admin',
  query: reportQuery,
  responses: {
    200: { description: 'range and figures (durations in ms, rates as fractions)' },
    400: { description: 'invalid range or filter' },
  },
})
documentRoute({
  method: 'get',
  path: '/api/v1/reports/breakdown',
  summary: 'The same figures per day, channel, agent or intent; `format=csv` for a spreadsheet',
  tag: 'reports',
  access: 'admin',
  query: breakdownQuery,
  responses: {
    200: { description: 'one group per day (every day of the range), channel, agent or intent' },
    400: { description: 'invalid range or filter' },
  },
})

/** Reports for supervisors, owners and integrations (rolled-up rows in D1, never transcripts). */
export const reports = new Hono<AppEnv>()
  .use('*', requireRole('admin'))
  .get('/summary', async (c) =>
    c.json(await summaryReport(c.env.DB, c.env.CONFIG, readQuery(c, reportQuery), Date.now()))
  )
  .get('/breakdown', async (c) => {
    const q = readQuery(c, reportQuery)
    const { by, format } = readQuery(c, breakdownQuery)
    const report = await breakdownReport(c.env.DB, c.env.CONFIG, q, by, Date.now())
    if (format === 'json') return c.json(report)
    return c.body(breakdownCsv(by, report.groups), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="report-${by}-${report.range.from}-${report.range.to}.csv"`,
    })
  })
