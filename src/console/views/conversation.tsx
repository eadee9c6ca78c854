import type { Child } from 'hono/jsx'
import { maskPersonalData } from '../../escalation/mask'
import type { ConversationView, TranscriptMessage } from '../../conversation/types'
import { fileStringsFor } from '../file-strings'
import { AttachmentList } from './files'
import type { Note } from '../../conversation/notes'
import type { Account } from '../accounts'
import { formatTime } from '../format'
import type { PastCase } from '../inbox-query'
import type { Strings } from '../i18n'
import { Csrf, Layout, type Viewer } from './layout'
import { SlaBadge } from './sla-badge'

/** WhatsApp accepts free text only within 24 h of the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3600_000

type Entry = { at: number; message: TranscriptMessage } | { at: number; note: Note }

/** Pure: transcript rows and notes in one time line (notes after messages of the same millisecond). */
export const interleave = (messages: TranscriptMessage[], notes: Note[]): Entry[] =>
  [
    ...messages.map((message) => ({ at: message.at, message })),
    ...notes.map((note) => ({ at: note.at, note })),
  ].sort((a, b) => a.at - b.at || ('note' in a ? 1 : 0) - ('note' in b ? 1 : 0))

const deliveryWord = (m: TranscriptMessage, t: Strings): string => {
  if (m.direction === 'in') return ''
  if (m.delivery === 'unknown') return t.unknownDelivery
  if (m.status === 'failed') return `${t.failed}${m.error ? `: ${m.error}` : ''}`
  if (m.status === 'queued') return t.queued
  if (m.delivery === 'read') return t.read
  if (m.delivery === 'delivered') return t.delivered
  return t.sent
}

/** The transcript with notes (also served alone as the live-refresh fragment). */
export const Transcript = (props: {
  view: ConversationView
  t: Strings
  locale: 'en' | 'zh-CN'
  zone: string
  now: number
}) => {
  const { t } = props
  return (
    <div id='transcript' class='transcript' role='log' aria-live='off' aria-label={t.transcript}>
      {interleave(props.view.messages, props.view.notes).map((entry) => {
        const time = formatTime(entry.at, props.locale, props.zone, props.now)
        if ('note' in entry) {
          return (
            <article class='msg note' data-note={String(entry.note.id)}>
              <div class='meta'>
                <span aria-hidden='true'>✎</span> <b>{t.note}</b> · {entry.note.agent} ·{' '}
                <time>{time}</time>
              </div>
              <div class='text'>{entry.note.text}</div>
            </article>
          )
        }
        const m = entry.message
        const who =
          m.author === 'customer'
            ? t.customerLabel
            : m.author === 'agent'
              ? (m.agent ?? t.agentLabel)
              : t.botLabel
        return (
          <article
            class={`msg ${m.direction} by-${m.author} st-${m.status}`}
            data-id={String(m.id)}
          >
            <div class='meta'>
              <b>{who}</b> · <time>{time}</time>
              {m.direction === 'out' ? (
                <span
                  class={`delivery d-${m.status === 'sent' ? (m.delivery ?? 'sent') : m.status}`}
                >
                  {' '}
                  · {deliveryWord(m, t)}
                </span>
              ) : null}
            </div>
            <div class='text'>{m.kind === 'action' ? `▸ ${m.text}` : m.text}</div>
            {m.buttons?.length ? (
              <div class='buttons'>
                {m.buttons.map((b) => (
                  <span class='chip'>{b.label}</span>
                ))}
              </div>
            ) : null}
            {m.attachments?.length ? (
              <AttachmentList attachments={m.attachments} fs={fileStringsFor(props.locale)} />
            ) : null}
          </article>
        )
      })}
    </div>
  )
}

const Field = (props: { label: string; value: string | null | undefined }) =>
  props.value ? (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </>
  ) : null

/** The side panel: who the customer is, what the bot learned, SLA, escalation and events. */
const SidePanel = (props: {
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

/** The conversation page: transcript, composer, actions and the side panel. */
export const ConversationPage = (props: {
  viewer: Viewer
  view: ConversationView
  agents: Account[]
  cases: PastCase[]
  now: number
  zone: string
  /** The conversation's work orders and the form to open one. */
  workOrders?: Child
}) => {
  const { viewer, view } = props
  const { t } = viewer
  const s = view.state
  const key = s.key
  const base = `/console/c/${encodeURIComponent(key)}`
  const mine = s.agent === viewer.account.name
  const windowClosed =
    s.channel === 'whatsapp' &&
    (s.lastInboundAt === null || props.now - s.lastInboundAt > WHATSAPP_WINDOW_MS)
  return (
    <Layout
      viewer={viewer}
      title={`${s.customer.name ?? key} · ${t.appName}`}
      page='conversation'
      wide
    >
      <div class='convo' data-key={key} data-me={viewer.account.name}>
        <section class='thread' aria-labelledby='convo-title'>
          <header class='thread-head'>
            <h1 id='convo-title'>{s.customer.name ?? `${t.customerLabel} …${key.slice(-4)}`}</h1>
            <span class='tag'>{s.channel}</span>
            <span class={`tag owner-${s.agent ? 'agent' : s.owner}`}>
              {s.agent ?? (s.owner === 'human' ? t.waitingForPerson : t.bot)}
            </span>
            {s.level > 0 ? <span class={`lvl lvl-${s.level}`}>L{s.level}</span> : null}
            {s.status === 'resolved' ? <span class='tag'>{t.resolved}</span> : null}
            <span class='viewers' id='viewers' data-label={t.viewing} aria-live='polite'></span>
          </header>
          {s.level > 0 && view.escalation ? <p class='pinned'>{view.escalation.summary}</p> : null}
          <Transcript
            view={view}
            t={t}
            locale={viewer.account.locale}
            zone={props.zone}
            now={props.now}
          />
          <p class='typing' id='typing' data-word={t.typing} aria-live='polite'></p>
          {windowClosed ? (
            <p class='warn' role='note'>
              {t.windowClosed}
            </p>
          ) : null}
          <form class='composer' id='composer' method='post' action={`${base}/send`}>
            <Csrf token={viewer.csrf} />
            <div class='modes' role='radiogroup' aria-label={t.reply}>
              <label>
                <input type='radio' name='mode' value='reply' checked /> {t.reply}
              </label>
              <label>
                <input type='radio' name='mode' value='note' /> ✎ {t.note}
              </label>
            </div>
            <label class='sr' for='composer-text'>
              {t.reply}
            </label>
            <textarea
              id='composer-text'
              name='text'
              rows={3}
              maxlength={4000}
              required
              placeholder={t.canned}
              data-note-hint={t.noteHint}
            ></textarea>
            <input type='hidden' name='template' id='composer-template' value='' />
            <div class='buttons' id='composer-buttons' aria-live='polite'></div>
            <p
              class='redline'
              id='composer-redline'
              role='status'
              data-wording={t.redWording}
              data-promise={t.redPromise}
            ></p>
            <ul class='canned' id='canned' role='listbox' aria-label={t.canned} hidden></ul>
            <div class='composer-foot'>
              <span class='hint' id='composer-hint'>
                {t.canned}
              </span>
              <button
                type='submit'
                class='primary'
                data-reply-label={t.send}
                data-note-label={t.addNote}
              >
                {t.send}
              </button>
            </div>
          </form>
        </section>
        <div class='actions' aria-label={t.assign}>
          {!mine ? (
            <form method='post' action={`${base}/assign`} class='inline'>
              <Csrf token={viewer.csrf} />
              <input type='hidden' name='agent' value={viewer.account.name} />
              <button type='submit' class='primary' id='take'>
                {t.assignMe}
              </button>
            </form>
          ) : null}
          <form method='post' action={`${base}/assign`} class='inline'>
            <Csrf token={viewer.csrf} />
            <label for='assign-to'>{t.assignTo}</label>
            <select id='assign-to' name='agent'>
              {props.agents.map((a) => (
                <option value={a.name} selected={a.name === s.agent}>
                  {a.name}
                </option>
              ))}
            </select>
            <button type='submit'>{t.assign}</button>
          </form>
          {s.owner === 'human' ? (
            <form method='post' action={`${base}/release`} class='inline'>
              <Csrf token={viewer.csrf} />
              <button type='submit'>{t.release}</button>
            </form>
          ) : null}
          <details class='menu'>
            <summary>{t.escalate}</summary>
            <form method='post' action={`${base}/escalate`} class='stack'>
              <Csrf token={viewer.csrf} />
              <label for='esc-level'>{t.level}</label>
              <select id='esc-level' name='level'>
                <option value='1'>{t.l1}</option>
                <option value='2'>{t.l2}</option>
              </select>
              <label for='esc-reason'>{t.reason}</label>
              <input id='esc-reason' name='reason' required maxlength={500} />
              <button type='submit'>{t.escalate}</button>
            </form>
          </details>
          {s.status === 'open' ? (
            <details class='menu'>
              <summary id='resolve-open'>{t.resolve}</summary>
              <form method='post' action={`${base}/resolve`} class='stack' id='resolve-form'>
                <Csrf token={viewer.csrf} />
                <label for='solution'>{t.solution}</label>
                <input id='solution' name='solution' maxlength={2000} />
                <p class='hint'>{t.resolveHint}</p>
                <button type='submit' class='primary' id='resolve'>
                  {t.resolve}
                </button>
              </form>
            </details>
          ) : null}
        </div>
        <SidePanel
          view={view}
          t={t}
          now={props.now}
          zone={props.zone}
          locale={viewer.account.locale}
          cases={props.cases}
          workOrders={props.workOrders}
        />
      </div>
      <dialog id='help' aria-labelledby='help-title'>
        <h2 id='help-title'>{t.shortcuts}</h2>
        <p>{t.shortcutList}</p>
        <form method='dialog'>
          <button type='submit'>{t.close}</button>
        </form>
      </dialog>
    </Layout>
  )
}
