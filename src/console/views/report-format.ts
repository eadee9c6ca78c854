import type { Share, Spread } from '../../reports/figures'
import { shortDuration } from '../format'

/** Pure: a duration for a report (tenths of a second under ten seconds). */
export const reportDuration = (ms: number | null): string =>
  ms === null ? '—' : ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : shortDuration(ms)

/** Pure: a share as a whole percentage, or a dash when nothing was measured. */
export const percent = (s: Share | null | undefined): string =>
  s?.rate == null ? '—' : `${Math.round(s.rate * 100)}%`

/** Pure: the median and 90th percentile of a spread, or a dash when it is empty. */
export const pair = (s: Spread): string =>
  s.count === 0 ? '—' : `${reportDuration(s.p50)} / ${reportDuration(s.p90)}`
