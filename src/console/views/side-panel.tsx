import type { Child } from 'hono/jsx'
import { maskPersonalData } from '../../escalation/mask'
import type { ConversationView } from '../../conversation/types'
import { formatTime } from '../format'
import type { PastCase } from '../../tables/cases'
import type { Strings } from '../i18n'
import { SlaBadge } from './sla-badge'

const Field = (props: { label: string; value: string | null | undefined }) =>
  props.value ? (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </>
  ) : null
/** The side panel: who the customer is, what the bot learned, SLA, escalation and events. */
export const SidePanel = (props: {
  view: ConversationView
  t: Strings
  now: number
  zone: string
  locale: 'en' | 'zh-CN'
  cases: PastCase[]
  workOrders?: Child
}) => {
  const { view, t } = props
  const s = view.state
  const learned = Object.entries(s.vars).map(
    ([k, v]) => [k, k.includes('phone') ? maskPersonalData(v) : v] as const
  )
  const time = (at: number | null | undefined) =>
    at ? formatTime(at, props.locale, props.zone, props.now) : null
  return (
    <aside class='side' aria-label={t.details}>
      {props.workOrders}
      <section>
        <h2>{t.details}</h2>
        <dl>
          <Field label={t.name} value={s.customer.name} />
          <Field
            label={t.customerId}
            value={s.customer.id.length > 16 ? `…${s.customer.id.slice(-8)}` : s.customer.id}
          />
          <Field label={t.channel} value={s.channel} />
          <Field label={t.locale} value={s.locale} />
          <Field label={t.intent} value={s.intent} />
        </dl>
      </section>
      {learned.length ? (
        <section>
          <h2>{t.learned}</h2>
          <dl>
            {learned.map(([k, v]) => (
              <Field label={k} value={v} />
            ))}
          </dl>
        </section>
      ) : null}
      {Object.keys(s.orders).length ? (
        <section>
          <h2>{t.orders}</h2>
          <ul>
            {Object.values(s.orders).map((o) => (
              <li>
                {o.id} · {o.status}
                {o.tracking ? ` · ${o.carrier ?? ''} ${o.tracking}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>{t.targets}</h2>
        {view.sla.targets.length === 0 ? <p>{t.none}</p> : null}
        <ul class='targets'>
          {view.sla.targets.map((target) => (
            <li>
              {target.status === 'running' ? (
                <SlaBadge
                  dueAt={target.dueAt}
                  startedAt={target.startedAt}
                  now={props.now}
                  t={t}
                  label={t.target[target.target] ?? target.target}
                />
              ) : (
                <span class={`tag sla-${target.status}`}>
                  {t.target[target.target] ?? target.target}:{' '}
                  {t.event[target.status] ?? target.status}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
      {view.escalation ? (
        <section class={`escalation lvl-${view.escalation.level}`}>
          <h2>
            {t.escalation} L{view.escalation.level}
          </h2>
          <dl>
            <Field label={t.reasons} value={view.escalation.reasons.join(', ')} />
            <Field label={t.summary} value={view.escalation.summary} />
            <Field label='by' value={view.escalation.by} />
            <Field label='at' value={time(view.escalation.submittedAt)} />
            <Field label='teams' value={view.escalation.teams.join(', ')} />
            <Field label='first handling' value={view.escalation.firstHandling} />
            <Field label='handler' value={view.escalation.handler} />
            <Field label={t.expected} value={time(view.escalation.expectedResolutionAt)} />
            <Field label={t.solution} value={view.escalation.solution} />
          </dl>
        </section>
      ) : null}
      {props.cases.length ? (
        <section>
          <h2>{t.pastCases}</h2>
          <ul class='cases'>
            {props.cases.map((k) => (
              <li>
                <time>{time(k.resolvedAt)}</time> {k.category ? `[${k.category}] ` : ''}
                {k.problem}
                {k.solution ? ` → ${k.solution}` : ''}
                {k.rating ? ` · ${'★'.repeat(k.rating)}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>{t.timeline}</h2>
        <ol class='events'>
          {view.sla.events
            .slice(-30)
            .reverse()
            .map((e) => (
              <li>
                <time>{time(e.at)}</time> {t.target[e.target] ?? e.target}{' '}
                {t.event[e.event] ?? e.event}
              </li>
            ))}
          {view.notifications.map((n) => (
            <li>
              <time>{time(n.createdAt)}</time> notify {n.team} L{n.level}: {n.status}
              {n.error ? ` (${n.error})` : ''}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  )
}
