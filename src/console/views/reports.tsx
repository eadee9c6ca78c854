import type { Figures, GroupBy, Share, Spread } from '../../reports/figures'
import type { ReportFrame } from '../../reports/report'
import type { TicketCount } from '../../reports/tickets'
import { TARGET_KINDS } from '../../sla/policy'
import { shortDuration } from '../format'
import { fill } from '../i18n'
import type { ReportStrings } from '../report-strings'
import { BarChart, ShareChart } from './charts'
import { Layout, type Viewer } from './layout'

/** Pure: a duration for a report (tenths of a second under ten seconds). */
export const reportDuration = (ms: number | null): string =>
  ms === null ? '—' : ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : shortDuration(ms)

const percent = (s: Share | null | undefined): string =>
  s?.rate == null ? '—' : `${Math.round(s.rate * 100)}%`
const pair = (s: Spread): string =>
  s.count === 0 ? '—' : `${reportDuration(s.p50)} / ${reportDuration(s.p90)}`

interface Group {
  key: string
  figures: Figures
}

/** The range, filter and breakdown form values as the page was asked for them. */
export interface ReportForm {
  by: GroupBy
  channel: string
  conversionHours: string
}

const Tile = (props: { label: string; value: string; detail?: string }) => (
  <div class='tile'>
    <div class='tile-label'>{props.label}</div>
    <div class='tile-value'>{props.value}</div>
    {props.detail ? <div class='tile-detail'>{props.detail}</div> : null}
  </div>
)

const query = (range: ReportFrame, form: ReportForm, extra: Record<string, string>) =>
  new URLSearchParams({
    from: range.from,
    to: range.to,
    ...(form.channel ? { channel: form.channel } : {}),
    ...(form.conversionHours ? { conversionHours: form.conversionHours } : {}),
    ...extra,
  }).toString()

/** The reports page: figures, charts (each with its table) and a breakdown with CSV export. */
export const ReportsPage = (props: {
  viewer: Viewer
  rs: ReportStrings
  range: ReportFrame
  figures: Figures
  days: Group[]
  groups: Group[]
  form: ReportForm
  channels: readonly string[]
  tickets: TicketCount[]
}) => {
  const { rs, range, figures: f, form } = props
  const of = (s: Share) => fill(rs.of, { hits: s.hits, of: s.of })
  const labels = props.days.map((d) => d.key.slice(5))
  const groupName = (key: string) => (form.by === 'agent' && key === 'bot' ? rs.bot : key)
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
      <form method='get' class='filters report-form'>
        <label>
          {rs.from} <input type='date' name='from' value={range.from} required />
        </label>
        <label>
          {rs.to} <input type='date' name='to' value={range.to} required />
        </label>
        <label>
          {rs.channelFilter}
          <select name='channel'>
            <option value=''>{rs.anyChannel}</option>
            {props.channels.map((ch) => (
              <option value={ch} selected={ch === form.channel}>
                {ch}
              </option>
            ))}
          </select>
        </label>
        <label>
          {rs.groupBy}
          <select name='by'>
            {(Object.keys(byLabel) as GroupBy[]).map((by) => (
              <option value={by} selected={by === form.by}>
                {byLabel[by]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {rs.conversionHours}{' '}
          <input
            type='number'
            name='conversionHours'
            min={1}
            max={720}
            value={String(range.conversionWindowHours)}
          />
        </label>
        <button type='submit' class='primary'>
          {rs.apply}
        </button>
        <a
          class='button'
          href={`/api/v1/reports/breakdown?${query(range, form, { by: form.by, format: 'csv' })}`}
          download
        >
          {rs.downloadCsv}
        </a>
      </form>
      {f.cases === 0 ? <p class='empty'>{rs.noData}</p> : null}
      <section class='tiles' aria-label={rs.reports}>
        <Tile label={rs.cases} value={String(f.cases)} detail={`${rs.resolved}: ${f.resolved}`} />
        <Tile label={rs.containment} value={percent(f.containment)} detail={of(f.containment)} />
        <Tile label={rs.firstResponse} value={pair(f.firstResponse)} />
        <Tile label={rs.humanFirstResponse} value={pair(f.humanFirstResponse)} />
        <Tile label={rs.humanResponseTime} value={pair(f.humanResponseTime)} />
        <Tile label={rs.replyRate} value={percent(f.replyRate)} detail={of(f.replyRate)} />
        <Tile label={rs.resolutionTime} value={pair(f.resolutionTime)} />
        <Tile
          label={rs.csat}
          value={f.csat.average === null ? '—' : `${f.csat.average} / 5`}
          detail={fill(rs.csatResponses, { n: f.csat.responses })}
        />
        <Tile label={rs.escalations} value={`${f.escalations.level1} / ${f.escalations.level2}`} />
        <Tile label={rs.conversion} value={percent(f.conversion)} detail={of(f.conversion)} />
        <Tile
          label={rs.recovery}
          value={percent(f.recovery)}
          detail={f.recovery ? of(f.recovery) : undefined}
        />
        <Tile
          label={rs.refunds}
          value={percent(f.refunds)}
          detail={f.refunds ? of(f.refunds) : undefined}
        />
        <Tile
          label={rs.orderValue}
          value={
            f.orderValue?.average == null
              ? '—'
              : `${f.orderValue.average}${f.orderValue.currency ? ` ${f.orderValue.currency}` : ''}`
          }
          detail={f.orderValue ? fill(rs.ordersCount, { n: f.orderValue.orders }) : undefined}
        />
      </section>

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
        <table class='grid'>
          <caption class='sr'>{rs.perDay}</caption>
          <thead>
            <tr>
              <th scope='col'>{rs.byDay}</th>
              <th scope='col'>{rs.cases}</th>
              <th scope='col'>{rs.withPerson}</th>
              <th scope='col'>{rs.resolved}</th>
              <th scope='col'>{rs.humanFirstResponse}</th>
              <th scope='col'>{rs.csat}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </section>

      <div class='report-stack'>
        <section class='report'>
          <h2>{rs.slaChart}</h2>
          <ShareChart
            id='chart-sla'
            title={rs.slaChart}
            rows={TARGET_KINDS.map((k) => ({
              label: props.viewer.t.target[k] ?? k,
              rate: f.sla[k].rate,
            }))}
          />
          <table class='grid'>
            <thead>
              <tr>
                <th scope='col'>{rs.slaChart}</th>
                <th scope='col'>{rs.met}</th>
                <th scope='col'>{rs.measured}</th>
              </tr>
            </thead>
            <tbody>
              {TARGET_KINDS.map((k) => (
                <tr>
                  <th scope='row'>{props.viewer.t.target[k] ?? k}</th>
                  <td>{f.sla[k].hits}</td>
                  <td>{f.sla[k].of}</td>
                </tr>
              ))}
            </tbody>
          </table>
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

      <section class='report'>
        <h2>{rs.ticketsByCategory}</h2>
        {props.tickets.length === 0 ? (
          <p class='hint'>{rs.noTickets}</p>
        ) : (
          <table class='grid'>
            <thead>
              <tr>
                <th scope='col'>{rs.category}</th>
                <th scope='col'>{rs.opened}</th>
                <th scope='col'>{rs.closed}</th>
                <th scope='col'>{rs.overdue}</th>
              </tr>
            </thead>
            <tbody>
              {props.tickets.map((k) => (
                <tr>
                  <th scope='row'>{k.category}</th>
                  <td>{k.opened}</td>
                  <td>{k.closed}</td>
                  <td>{k.breached}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class='report'>
        <h2>
          {rs.breakdown} · {byLabel[form.by]}
        </h2>
        <div class='scroll'>
          <table class='grid'>
            <thead>
              <tr>
                <th scope='col'>{byLabel[form.by]}</th>
                <th scope='col'>{rs.cases}</th>
                <th scope='col'>{rs.containment}</th>
                <th scope='col'>{rs.humanFirstResponse}</th>
                <th scope='col'>{rs.replyRate}</th>
                <th scope='col'>{rs.resolutionTime}</th>
                <th scope='col'>{rs.csat}</th>
                <th scope='col'>{rs.conversion}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  )
}
