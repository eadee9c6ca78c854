import { TARGET_KINDS } from '../sla/policy'
import { computeFigures, type Figures, type Share, type Spread } from './figures'

const seconds = (ms: number | null): string => (ms === null ? '' : (ms / 1000).toFixed(1))
const rate = (s: Share | null): string => (s?.rate == null ? '' : s.rate.toFixed(4))
const spreadColumns = (name: string, s: Spread): [string, string][] => [
  [`${name}_p50_s`, seconds(s.p50)],
  [`${name}_p90_s`, seconds(s.p90)],
  [`${name}_mean_s`, seconds(s.mean)],
]

/** Pure: one figures record as named CSV columns (durations in seconds, rates as fractions). */
export const figureColumns = (f: Figures): [string, string][] => [
  ['cases', String(f.cases)],
  ['resolved', String(f.resolved)],
  ['with_a_person', String(f.handedOff)],
  ['bot_containment_rate', rate(f.containment)],
  ...spreadColumns('first_response', f.firstResponse),
  ...spreadColumns('human_first_response', f.humanFirstResponse),
  ...spreadColumns('response', f.responseTime),
  ...spreadColumns('human_response', f.humanResponseTime),
  ['reply_rate', rate(f.replyRate)],
  ...spreadColumns('resolution', f.resolutionTime),
  ...TARGET_KINDS.flatMap((k): [string, string][] => [
    [`sla_${k}_hit_rate`, rate(f.sla[k])],
    [`sla_${k}_measured`, String(f.sla[k].of)],
  ]),
  ['csat_average', f.csat.average === null ? '' : String(f.csat.average)],
  ['csat_responses', String(f.csat.responses)],
  ...f.csat.distribution.map((n, i): [string, string] => [`csat_${i + 1}`, String(n)]),
  ['escalations_l1', String(f.escalations.level1)],
  ['escalations_l2', String(f.escalations.level2)],
  ...spreadColumns('escalation_resolution', f.escalations.resolutionTime),
  ['presale_inquiries', String(f.conversion.of)],
  ['converted', String(f.conversion.hits)],
  ['conversion_rate', rate(f.conversion)],
  ['reminded_orders', f.recovery ? String(f.recovery.of) : ''],
  ['recovered_orders', f.recovery ? String(f.recovery.hits) : ''],
  ['recovery_rate', rate(f.recovery)],
  ['orders', f.refunds ? String(f.refunds.of) : ''],
  ['refunded_orders', f.refunds ? String(f.refunds.hits) : ''],
  ['refund_rate', rate(f.refunds)],
  ['average_order_value', f.orderValue?.average == null ? '' : String(f.orderValue.average)],
  ['order_currency', f.orderValue?.currency ?? ''],
]

/** Pure: one CSV cell; text a spreadsheet would run as a formula is neutralised. */
export const csvCell = (value: string): string => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** Pure: a breakdown as CSV, one row per group. */
export const breakdownCsv = (
  by: string,
  groups: readonly { key: string; figures: Figures }[]
): string => {
  const header = [
    by,
    ...figureColumns(
      groups[0]?.figures ?? computeFigures([], [], null, { conversionWindowMs: 0 })
    ).map(([name]) => name),
  ]
  const rows = groups.map((g) => [g.key, ...figureColumns(g.figures).map(([, v]) => v)])
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}
