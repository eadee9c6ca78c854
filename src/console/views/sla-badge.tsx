import { shortDuration, slaTone } from '../format'
import type { Strings } from '../i18n'

// Glyphs every CJK-capable system font has (no emoji font needed).
const ICON = { ok: '◷', warn: '▲', breach: '✖' } as const

/**
 * An SLA badge: icon and text (never colour alone), the absolute deadline in `data-due` so the
 * console script can tick it without asking the server.
 */
export const SlaBadge = (props: {
  dueAt: number
  startedAt: number | null
  now: number
  t: Strings
  label?: string
}) => {
  const tone = slaTone(props.dueAt, props.startedAt, props.now)
  const left = props.dueAt - props.now
  const text =
    left > 0 ? `${props.t.due} ${shortDuration(left)}` : `${props.t.overdue} ${shortDuration(left)}`
  return (
    <span
      class={`sla sla-${tone}`}
      data-due={String(props.dueAt)}
      data-start={props.startedAt === null ? '' : String(props.startedAt)}
      data-due-word={props.t.due}
      data-over-word={props.t.overdue}
    >
      <span aria-hidden='true'>{ICON[tone]}</span> {props.label ? <b>{props.label}</b> : null}{' '}
      <span class='sla-text'>{text}</span>
    </span>
  )
}
