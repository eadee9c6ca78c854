import type { Figures, GroupBy } from '../../reports/figures'
import type { TicketCount } from '../../reports/tickets'
import { TARGET_KINDS } from '../../sla/policy'
import { fill, type Strings } from '../i18n'
import type { ReportStrings } from '../report-strings'
import { BarChart, ShareChart } from './charts'
import { Grid } from './controls'
import { pair, percent, reportDuration } from './report-format'

/** One row of a report: a day or a group and its figures. */
export interface ReportGroup {
  key: string
  figures: Figures
}

/** Cases per day (bot alone or with a person) and the person's first reply, charted and tabled. */
export const DaySections = (props: { rs: ReportStrings; days: ReportGroup[] }) => {
  const { rs } = props
  const labels = props.days.map((d) => d.key.slice(5))
  return (
    <>
      <section class='report'>
        <h2 id='per-day'>{rs.perDay}</h2>
        <BarChart
          id='chart-days'
          title={rs.perDay}
          labels={labels}
          stacked
          integer
          format={(v) => String(Math.round(v))}
          series={[
            {
              name: rs.botOnly,
              className: 's-bot',
              values: props.days.map((d) => d.figures.cases - d.figures.handedOff),
            },
            {
              name: rs.withPerson,
              className: 's-person',
              values: props.days.map((d) => d.figures.handedOff),
            },
          ]}
        />
      </section>

      <section class='report'>
        <h2>{rs.humanPerDay}</h2>
        <BarChart
          id='chart-human'
          title={rs.humanPerDay}
          labels={labels}
          format={(v) => reportDuration(v)}
          series={[
            {
              name: 'p50',
              className: 's-person',
              values: props.days.map((d) => d.figures.humanFirstResponse.p50),
            },
            {
              name: 'p90',
              className: 's-p90',
              values: props.days.map((d) => d.figures.humanFirstResponse.p90),
            },
          ]}
        />
        <Grid
          columns={[rs.byDay, rs.cases, rs.withPerson, rs.resolved, rs.humanFirstResponse, rs.csat]}
          caption={rs.perDay}
        >
          {props.days.map((d) => (
            <tr>
              <th scope='row'>{d.key}</th>
              <td>{d.figures.cases}</td>
              <td>{d.figures.handedOff}</td>
              <td>{d.figures.resolved}</td>
              <td>{pair(d.figures.humanFirstResponse)}</td>
              <td>{d.figures.csat.average ?? '—'}</td>
            </tr>
          ))}
        </Grid>
      </section>
    </>
  )
}

/** SLA targets met and the satisfaction ratings, side by side. */
export const SlaAndCsat = (props: { rs: ReportStrings; t: Strings; figures: Figures }) => {
  const { rs, figures: f } = props
  return (
    <div class='report-stack'>
      <section class='report'>
        <h2>{rs.slaChart}</h2>
        <ShareChart
          id='chart-sla'
          title={rs.slaChart}
          rows={TARGET_KINDS.map((k) => ({
            label: props.t.target[k] ?? k,
            rate: f.sla[k].rate,
          }))}
        />
        <Grid columns={[rs.slaChart, rs.met, rs.measured]}>
          {TARGET_KINDS.map((k) => (
            <tr>
              <th scope='row'>{props.t.target[k] ?? k}</th>
              <td>{f.sla[k].hits}</td>
              <td>{f.sla[k].of}</td>
            </tr>
          ))}
        </Grid>
      </section>
      <section class='report'>
        <h2>{rs.csatChart}</h2>
        <BarChart
          id='chart-csat'
          title={rs.csatChart}
          labels={['1', '2', '3', '4', '5'].map((n) => fill(rs.stars, { n }))}
          integer
          format={(v) => String(Math.round(v))}
          series={[{ name: rs.csat, className: 's-csat', values: f.csat.distribution }]}
        />
        <table class='grid'>
          <thead>
            <tr>
              {f.csat.distribution.map((_, i) => (
                <th scope='col'>{fill(rs.stars, { n: i + 1 })}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {f.csat.distribution.map((n) => (
                <td>{n}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
    </div>
  )
}

/** Work orders opened, closed and overdue per category. */
export const TicketSection = (props: { rs: ReportStrings; tickets: TicketCount[] }) => {
  const { rs } = props
  return (
    <section class='report'>
      <h2>{rs.ticketsByCategory}</h2>
      {props.tickets.length === 0 ? (
        <p class='hint'>{rs.noTickets}</p>
      ) : (
        <Grid columns={[rs.category, rs.opened, rs.closed, rs.overdue]}>
          {props.tickets.map((k) => (
            <tr>
              <th scope='row'>{k.category}</th>
              <td>{k.opened}</td>
              <td>{k.closed}</td>
              <td>{k.breached}</td>
            </tr>
          ))}
        </Grid>
      )}
    </section>
  )
}

/** The chosen breakdown as one table (the CSV download has the same rows). */
export const BreakdownSection = (props: {
  rs: ReportStrings
  by: GroupBy
  byLabel: Record<GroupBy, string>
  groups: ReportGroup[]
}) => {
  const { rs, by, byLabel } = props
  const groupName = (key: string) => (by === 'agent' && key === 'bot' ? rs.bot : key)
  return (
    <section class='report'>
      <h2>
        {rs.breakdown} · {byLabel[by]}
      </h2>
      <div class='scroll'>
        <Grid
          columns={[
            byLabel[by],
            rs.cases,
            rs.containment,
            rs.humanFirstResponse,
            rs.replyRate,
            rs.resolutionTime,
            rs.csat,
            rs.conversion,
          ]}
        >
          {props.groups.map((g) => (
            <tr>
              <th scope='row'>{groupName(g.key)}</th>
              <td>{g.figures.cases}</td>
              <td>{percent(g.figures.containment)}</td>
              <td>{pair(g.figures.humanFirstResponse)}</td>
              <td>{percent(g.figures.replyRate)}</td>
              <td>{pair(g.figures.resolutionTime)}</td>
              <td>{g.figures.csat.average ?? '—'}</td>
              <td>{percent(g.figures.conversion)}</td>
            </tr>
          ))}
        </Grid>
      </div>
    </section>
  )
}
