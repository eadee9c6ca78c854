import type { Figures, GroupBy } from '../../reports/figures'
import type { ReportFrame } from '../../reports/report'
import type { TicketCount } from '../../reports/tickets'
import { fill } from '../i18n'
import type { ReportStrings } from '../report-strings'
import { Layout, type Viewer } from './layout'
import { ReportFilters, type ReportForm } from './report-form'
import {
  BreakdownSection,
  DaySections,
  SlaAndCsat,
  TicketSection,
  type ReportGroup,
} from './report-sections'
import { ReportTiles } from './report-tiles'

/** The reports page: figures, charts (each with its table) and a breakdown with CSV export. */
export const ReportsPage = (props: {
  viewer: Viewer
  rs: ReportStrings
  range: ReportFrame
  figures: Figures
  days: ReportGroup[]
  groups: ReportGroup[]
  form: ReportForm
  channels: readonly string[]
  tickets: TicketCount[]
}) => {
  const { rs, range, figures: f, form } = props
  const byLabel: Record<GroupBy, string> = {
    day: rs.byDay,
    channel: rs.byChannel,
    agent: rs.byAgent,
    intent: rs.byIntent,
  }
  return (
    <Layout
      viewer={props.viewer}
      title={`${rs.reports} · ${props.viewer.t.appName}`}
      page='admin-reports'
    >
      <h1>{rs.reports}</h1>
      <p class='hint'>{fill(rs.reportsHint, { zone: range.timeZone })}</p>
      <ReportFilters
        rs={rs}
        range={range}
        form={form}
        channels={props.channels}
        byLabel={byLabel}
      />
      {f.cases === 0 ? <p class='empty'>{rs.noData}</p> : null}
      <ReportTiles rs={rs} figures={f} />
      <DaySections rs={rs} days={props.days} />
      <SlaAndCsat rs={rs} t={props.viewer.t} figures={f} />
      <TicketSection rs={rs} tickets={props.tickets} />
      <BreakdownSection rs={rs} by={form.by} byLabel={byLabel} groups={props.groups} />
    </Layout>
  )
}
