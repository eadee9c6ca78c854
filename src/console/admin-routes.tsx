import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { TEMPLATE_ID_PATTERN } from '../flows/schema'
import { kvFlowStore } from '../flows/store'
import type { AppEnv } from '../env'
import { INBOX_NAME } from '../inbox/protocol'
import { listReviews, weeklyResults } from '../qa/reviews'
import { readBusinessHours } from '../sla/settings-store'
import { accountStore } from './accounts'
import { ReviewsPage } from './views/reviews'
import { ReportsPage } from './views/reports'
import { reportStringsFor } from './report-strings'
import { breakdownQuery, dashboardReport, reportQuery } from '../reports/report'
import { CHANNELS } from '../channels/types'
import { signedIn, viewerOf } from './session-routes'
import { AgentsPage, TokensPage } from './views/accounts'
import { DOC_EDITORS, DocEditorPage, DocListPage } from './views/admin'
import { MessagePage } from './views/message'
import { FlowEditorPage, TemplateEditorPage } from './views/versioned-editors'

// The customer languages a template editor offers even when a template has only one so far.
const BASE_LOCALES = ['en', 'zh-CN']

/** Admin pages; each edits through the admin API, so the console and the API validate alike. */
export const adminRoutes = new Hono<AppEnv>().use('*', signedIn('admin'))

adminRoutes.get('/', (c) => c.redirect('/console/admin/templates', 302))

adminRoutes.get('/templates', async (c) => {
  const ids = (await kvFlowStore(c.env.CONFIG).listTemplates()).map((t) => t.id).sort()
  return c.html(<DocListPage viewer={viewerOf(c)} kind='templates' ids={ids} />)
})

adminRoutes.get('/templates/new', (c) => {
  const id = (c.req.query('id') ?? '').trim()
  if (!TEMPLATE_ID_PATTERN.test(id))
    return c.html(
      <MessagePage
        viewer={viewerOf(c)}
        title='400'
        text={`${id}: ${TEMPLATE_ID_PATTERN.source}`}
      />,
      400
    )
  return c.redirect(`/console/admin/templates/${encodeURIComponent(id)}`, 303)
})

adminRoutes.get('/templates/:id', async (c) => {
  const id = c.req.param('id')
  const v = viewerOf(c)
  if (!TEMPLATE_ID_PATTERN.test(id))
    return c.html(<MessagePage viewer={v} title='404' text={id} />, 404)
  // An id with no template yet opens an empty editor: saving creates it.
  const doc = await kvFlowStore(c.env.CONFIG).getTemplate(id)
  const locales = [...new Set([...BASE_LOCALES, ...Object.keys(doc?.locales ?? {})])]
  return c.html(<TemplateEditorPage viewer={v} id={id} locales={locales} />)
})

adminRoutes.get('/flows', async (c) => {
  const ids = (await kvFlowStore(c.env.CONFIG).listFlows()).map((f) => f.id).sort()
  return c.html(<DocListPage viewer={viewerOf(c)} kind='flows' ids={ids} />)
})

adminRoutes.get('/flows/:id', async (c) => {
  const id = c.req.param('id')
  const doc = TEMPLATE_ID_PATTERN.test(id) ? await kvFlowStore(c.env.CONFIG).getFlow(id) : null
  const v = viewerOf(c)
  if (!doc) return c.html(<MessagePage viewer={v} title='404' text={id} />, 404)
  return c.html(<FlowEditorPage viewer={v} id={id} />)
})

adminRoutes.get('/agents', async (c) => {
  const [accounts, online] = await Promise.all([
    accountStore(c.env.DB).list(),
    c.env.INBOX.getByName(INBOX_NAME).online(),
  ])
  return c.html(<AgentsPage viewer={viewerOf(c)} accounts={accounts} online={online} />)
})

adminRoutes.get('/tokens', (c) => c.html(<TokensPage viewer={viewerOf(c)} />))

adminRoutes.get('/reviews', async (c) => {
  const [queue, results, hours] = await Promise.all([
    listReviews(c.env.DB, 'queued', 50),
    weeklyResults(c.env.DB, Date.now() - 8 * 7 * 86_400_000),
    readBusinessHours(c.env.CONFIG),
  ])
  return c.html(
    <ReviewsPage
      viewer={viewerOf(c)}
      queue={queue}
      results={results}
      zone={hours.timeZone}
      now={Date.now()}
    />
  )
})

for (const editor of DOC_EDITORS) {
  adminRoutes.get(`/${editor.path}`, (c) =>
    c.html(<DocEditorPage viewer={viewerOf(c)} editor={editor} />)
  )
}

adminRoutes.get('/reports', async (c) => {
  const v = viewerOf(c)
  const parsed = reportQuery.safeParse(c.req.query())
  const by = breakdownQuery.shape.by.safeParse(c.req.query('by')).data ?? 'day'
  if (!parsed.success)
    return c.html(
      <MessagePage
        viewer={v}
        title='400'
        text={parsed.error.issues.map((i) => i.message).join('; ')}
      />,
      400
    )
  const report = await dashboardReport(c.env.DB, c.env.CONFIG, parsed.data, by, Date.now()).catch(
    async (err: unknown) => {
      // A range too large for one report: say so on the page, like a bad date.
      if (err instanceof HTTPException && err.status === 400)
        return (await err.getResponse().json<{ error: { message: string } }>()).error.message
      throw err
    }
  )
  if (typeof report === 'string')
    return c.html(<MessagePage viewer={v} title='400' text={report} />, 400)
  const form = {
    by,
    channel: parsed.data.channel ?? '',
    conversionHours: parsed.data.conversionHours ? String(parsed.data.conversionHours) : '',
  }
  return c.html(
    <ReportsPage
      viewer={v}
      rs={reportStringsFor(v.account.locale)}
      {...report}
      form={form}
      channels={CHANNELS}
    />
  )
})
