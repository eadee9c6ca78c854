/** One series of a bar chart: a CSS class for its colour and one value per label. */
export interface Series {
  name: string
  className: string
  values: (number | null)[]
}

const W = 640
const H = 220
const PAD = { left: 56, right: 12, top: 12, bottom: 36 }

const niceMax = (max: number, integer: boolean): number => {
  if (max <= 0) return integer ? 2 : 1
  const step = 10 ** Math.floor(Math.log10(max))
  const nice = Math.ceil(max / step) * step
  // Counts are labelled at 0, half and the top: keep the half a whole number.
  return integer ? Math.max(2, nice % 2 === 0 ? nice : nice + step) : nice
}

/**
 * Vertical bars per label, stacked or side by side, drawn on the server as SVG (no script); the
 * table under each chart carries the same numbers for screen readers and copying.
 */
export const BarChart = (props: {
  id: string
  title: string
  labels: string[]
  series: Series[]
  stacked?: boolean
  /** Whole numbers (counts): the axis is labelled with whole numbers only. */
  integer?: boolean
  format: (v: number) => string
}) => {
  const { labels, series } = props
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
  const max = niceMax(
    props.stacked
      ? Math.max(0, ...totals)
      : Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))),
    props.integer === true
  )
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const slot = plotW / Math.max(1, labels.length)
  const barW = Math.max(2, (slot * 0.7) / (props.stacked ? 1 : Math.max(1, series.length)))
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  // Label every day on a short range, fewer on a long one, so they never overlap.
  const every = Math.max(1, Math.ceil(labels.length / 10))
  return (
    <svg
      class='chart'
      viewBox={`0 0 ${W} ${H}`}
      role='img'
      aria-labelledby={`${props.id}-t`}
      preserveAspectRatio='xMidYMid meet'
    >
      <title id={`${props.id}-t`}>{props.title}</title>
      {[0, 0.5, 1].map((f) => (
        <g class='axis'>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} />
          <text x={PAD.left - 6} y={y(max * f) + 4} text-anchor='end'>
            {props.format(max * f)}
          </text>
        </g>
      ))}
      {labels.map((label, i) => {
        let base = 0
        const x0 = PAD.left + i * slot + (slot - barW * (props.stacked ? 1 : series.length)) / 2
        return (
          <g>
            {series.map((s, k) => {
              const v = s.values[i] ?? 0
              const top = props.stacked ? base + v : v
              const rect = (
                <rect
                  class={s.className}
                  x={props.stacked ? x0 : x0 + k * barW}
                  y={y(top)}
                  width={barW}
                  height={Math.max(0, y(props.stacked ? base : 0) - y(top))}
                >
                  <title>{`${label} · ${s.name}: ${s.values[i] === null ? '—' : props.format(v)}`}</title>
                </rect>
              )
              base = top
              return rect
            })}
            {i % every === 0 ? (
              <text
                class='label'
                x={PAD.left + i * slot + slot / 2}
                y={H - PAD.bottom + 16}
                text-anchor='middle'
              >
                {label}
              </text>
            ) : null}
          </g>
        )
      })}
      <g class='legend'>
        {series.map((s, k) => (
          <g>
            <rect class={s.className} x={PAD.left + k * 170} y={H - 12} width={10} height={10} />
            <text x={PAD.left + k * 170 + 14} y={H - 3}>
              {s.name}
            </text>
          </g>
        ))}
      </g>
    </svg>
  )
}

/** Horizontal bars of shares (0..1), one per row, each labelled with its percentage. */
export const ShareChart = (props: {
  id: string
  title: string
  rows: { label: string; rate: number | null }[]
}) => {
  const rowH = 28
  const h = props.rows.length * rowH + 8
  const left = 150
  const plotW = W - left - 60
  return (
    <svg class='chart' viewBox={`0 0 ${W} ${h}`} role='img' aria-labelledby={`${props.id}-t`}>
      <title id={`${props.id}-t`}>{props.title}</title>
      {props.rows.map((r, i) => (
        <g>
          <text class='label' x={left - 8} y={i * rowH + 20} text-anchor='end'>
            {r.label}
          </text>
          <rect class='track' x={left} y={i * rowH + 6} width={plotW} height={18} />
          {r.rate !== null ? (
            <rect
              class='s-ok'
              x={left}
              y={i * rowH + 6}
              width={Math.max(0, r.rate * plotW)}
              height={18}
            />
          ) : null}
          <text x={left + plotW + 6} y={i * rowH + 20}>
            {r.rate === null ? '—' : `${Math.round(r.rate * 100)}%`}
          </text>
        </g>
      ))}
    </svg>
  )
}
