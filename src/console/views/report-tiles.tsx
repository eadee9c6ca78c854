import type { Figures, Share } from '../../reports/figures'
import { fill } from '../i18n'
import type { ReportStrings } from '../report-strings'
import { pair, percent } from './report-format'

const Tile = (props: { label: string; value: string; detail?: string }) => (
  <div class='tile'>
    <div class='tile-label'>{props.label}</div>
    <div class='tile-value'>{props.value}</div>
    {props.detail ? <div class='tile-detail'>{props.detail}</div> : null}
  </div>
)

/** The headline figures of the range, one tile each. */
export const ReportTiles = (props: { rs: ReportStrings; figures: Figures }) => {
  const { rs, figures: f } = props
  const of = (s: Share) => fill(rs.of, { hits: s.hits, of: s.of })
  return (
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
  )
}
