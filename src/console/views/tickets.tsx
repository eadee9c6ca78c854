import type { TicketCategory } from '../../tickets/categories'
import {
  isOpenTicket,
  TICKET_STATUSES,
  URGENCIES,
  type Ticket,
  type TicketEvent,
} from '../../tickets/types'
import { formatTime } from '../format'
import { fill } from '../i18n'
import type { TicketStrings } from '../ticket-strings'
import type { StoredFile } from '../../files/store'
import { fileStringsFor } from '../file-strings'
import { TicketFiles } from './files'
import { Layout, type Viewer } from './layout'

const categoryName = (categories: readonly TicketCategory[], id: string, locale: string) => {
  const c = categories.find((x) => x.id === id)
  return c ? (locale === 'zh-CN' ? c.names['zh-CN'] : c.names.en) : id
}

const StatusTag = (props: { ticket: Ticket; ts: TicketStrings }) => (
  <>
    <span class={`tag ticket-${props.ticket.status}`}>
      {props.ts.statuses[props.ticket.status]}
    </span>
    {props.ticket.breachedAt && isOpenTicket(props.ticket.status) ? (
      <span class='tag bad'>{props.ts.breached}</span>
    ) : null}
  </>
)

/** The side panel's work orders: this conversation's tickets and a form to open one. */
export const TicketPanel = (props: {
  ts: TicketStrings
  locale: string
  tickets: Ticket[]
  categories: readonly TicketCategory[]
  conversationKey: string
  problem: string
}) => {
  const { ts } = props
  return (
    <section class='work-orders'>
      <h2>{ts.workOrders}</h2>
      <ul>
        {props.tickets.map((t) => (
          <li>
            <a href={`/console/tickets/${t.id}`}>{t.id}</a> ·{' '}
            {categoryName(props.categories, t.category, props.locale)}{' '}
            <StatusTag ticket={t} ts={ts} />
          </li>
        ))}
      </ul>
      <details>
        <summary>{ts.newWorkOrder}</summary>
        <form
          class='api-form stack'
          data-api='/api/v1/tickets'
          data-method='POST'
          data-go='/console/tickets/{id}'
        >
          <input type='hidden' name='conversationKey' value={props.conversationKey} />
          <label for='wo-category'>{ts.category}</label>
          <select id='wo-category' name='category'>
            {props.categories.map((c) => (
              <option value={c.id}>
                {props.locale === 'zh-CN' ? c.names['zh-CN'] : c.names.en}
              </option>
            ))}
          </select>
          <label for='wo-urgency'>{ts.urgency}</label>
          <select id='wo-urgency' name='urgency'>
            {URGENCIES.map((u) => (
              <option value={u} selected={u === 'normal'}>
                {ts.urgencies[u]}
              </option>
            ))}
          </select>
          <label for='wo-description'>{ts.description}</label>
          <textarea id='wo-description' name='description' rows={3} maxlength={4000}>
            {props.problem}
          </textarea>
          <p class='hint'>{ts.createHint}</p>
          <ul class='errors' role='alert'></ul>
          <button type='submit' class='primary'>
            {ts.create}
          </button>
        </form>
      </details>
    </section>
  )
}

/** The work order queue: most urgent first, then first come, first served. */
export const TicketListPage = (props: {
  viewer: Viewer
  ts: TicketStrings
  tickets: Ticket[]
  categories: readonly TicketCategory[]
  status: string
  category: string
  zone: string
  now: number
}) => {
  const { ts, viewer } = props
  const time = (at: number) => formatTime(at, viewer.account.locale, props.zone, props.now)
  const csv = new URLSearchParams({
    format: 'csv',
    ...(props.status ? { status: props.status } : {}),
    ...(props.category ? { category: props.category } : {}),
  })
  return (
    <Layout viewer={viewer} title={`${ts.workOrders} · ${viewer.t.appName}`} page='tickets'>
      <h1>{ts.workOrders}</h1>
      <form method='get' class='filters'>
        <label class='sr' for='tf-status'>
          {ts.status}
        </label>
        <select id='tf-status' name='status'>
          <option value='open' selected={props.status === 'open'}>
            {ts.open}
          </option>
          <option value='' selected={props.status === ''}>
            {ts.all}
          </option>
          {TICKET_STATUSES.map((s) => (
            <option value={s} selected={props.status === s}>
              {ts.statuses[s]}
            </option>
          ))}
        </select>
        <label class='sr' for='tf-category'>
          {ts.category}
        </label>
        <select id='tf-category' name='category'>
          <option value=''>{ts.all}</option>
          {props.categories.map((c) => (
            <option value={c.id} selected={props.category === c.id}>
              {viewer.account.locale === 'zh-CN' ? c.names['zh-CN'] : c.names.en}
            </option>
          ))}
        </select>
        <button type='submit'>{ts.filter}</button>
        <a class='button' href={`/api/v1/tickets?${csv.toString()}`} download>
          {ts.csv}
        </a>
      </form>
      {props.tickets.length === 0 ? <p class='empty'>{ts.none}</p> : null}
      <div class='scroll'>
        <table class='grid'>
          <thead>
            <tr>
              <th scope='col'>#</th>
              <th scope='col'>{ts.category}</th>
              <th scope='col'>{ts.urgency}</th>
              <th scope='col'>{ts.status}</th>
              <th scope='col'>{ts.assignee}</th>
              <th scope='col'>{ts.due}</th>
              <th scope='col'>{ts.description}</th>
            </tr>
          </thead>
          <tbody>
            {props.tickets.map((t) => (
              <tr>
                <th scope='row'>
                  <a href={`/console/tickets/${t.id}`}>{t.id}</a>
                </th>
                <td>{categoryName(props.categories, t.category, viewer.account.locale)}</td>
                <td>{ts.urgencies[t.urgency]}</td>
                <td>
                  <StatusTag ticket={t} ts={ts} />
                </td>
                <td>{t.assignee ?? '—'}</td>
                <td>
                  <time>{time(t.dueAt)}</time>
                </td>
                <td>{t.description.slice(0, 80)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}

/** One work order: details, history and what can be done next. */
export const TicketPage = (props: {
  viewer: Viewer
  ts: TicketStrings
  ticket: Ticket
  events: TicketEvent[]
  categories: readonly TicketCategory[]
  zone: string
  now: number
  files?: readonly StoredFile[]
}) => {
  const { ts, viewer, ticket: t } = props
  const time = (at: number) => formatTime(at, viewer.account.locale, props.zone, props.now)
  const api = `/api/v1/tickets/${t.id}`
  const open = isOpenTicket(t.status)
  return (
    <Layout viewer={viewer} title={`${t.id} · ${ts.workOrders}`} page='ticket'>
      <p>
        <a href='/console/tickets'>← {ts.workOrders}</a>
      </p>
      <h1>
        {t.id} · {categoryName(props.categories, t.category, viewer.account.locale)}{' '}
        <StatusTag ticket={t} ts={ts} />
      </h1>
      {t.status === 'collecting' ? (
        <p class='hint'>
          {fill(ts.missing, {
            m: t.missing
              .map((m) =>
                m === 'contact' ? ts.contact : m === 'order.id' ? ts.orderId : ts.description
              )
              .join(', '),
          })}
        </p>
      ) : null}
      <div class='ticket'>
        <section>
          <h2>{ts.edit}</h2>
          <dl class='facts'>
            <dt>{ts.urgency}</dt>
            <dd>{ts.urgencies[t.urgency]}</dd>
            <dt>{ts.team}</dt>
            <dd>{t.team}</dd>
            <dt>{ts.assignee}</dt>
            <dd>{t.assignee ?? '—'}</dd>
            <dt>{ts.due}</dt>
            <dd>
              <time>{time(t.dueAt)}</time>
            </dd>
            <dt>{ts.customer}</dt>
            <dd>{t.customerId}</dd>
            <dt>{ts.contact}</dt>
            <dd>{t.contact ?? '—'}</dd>
            <dt>{ts.orderId}</dt>
            <dd>{t.fields['order.id'] ?? '—'}</dd>
            <dt>{ts.conversation}</dt>
            <dd>
              {t.conversationKey ? (
                <a href={`/console/c/${encodeURIComponent(t.conversationKey)}`}>
                  {t.conversationKey}
                </a>
              ) : (
                '—'
              )}
            </dd>
            <dt>{ts.description}</dt>
            <dd class='pre'>{t.description || '—'}</dd>
          </dl>
          {open ? (
            <form class='api-form stack' data-api={api} data-method='PATCH'>
              <label for='te-urgency'>{ts.urgency}</label>
              <select id='te-urgency' name='urgency'>
                {URGENCIES.map((u) => (
                  <option value={u} selected={u === t.urgency}>
                    {ts.urgencies[u]}
                  </option>
                ))}
              </select>
              {t.missing.includes('contact') ? (
                <>
                  <label for='te-contact'>{ts.contact}</label>
                  <input id='te-contact' name='contact' maxlength={200} />
                </>
              ) : null}
              {t.missing.includes('order.id') ? (
                <>
                  <label for='te-order'>{ts.orderId}</label>
                  <input id='te-order' name='fields.order.id' maxlength={64} />
                </>
              ) : null}
              <ul class='errors' role='alert'></ul>
              <button type='submit'>{ts.save}</button>
            </form>
          ) : null}
        </section>
        <section>
          <h2>{ts.move}</h2>
          <form class='api-form stack' data-api={`${api}/transition`} data-method='POST'>
            <label for='tt-to'>{ts.move}</label>
            <select id='tt-to' name='to'>
              {TICKET_STATUSES.filter(
                (s) => s !== 'collecting' && s !== 'merged' && s !== t.status
              ).map((s) => (
                <option value={s}>{ts.statuses[s]}</option>
              ))}
            </select>
            <label for='tt-assignee'>{ts.assignee}</label>
            <input
              id='tt-assignee'
              name='assignee'
              maxlength={80}
              value={t.assignee ?? viewer.account.name}
            />
            <label for='tt-feedback'>{ts.feedback}</label>
            <textarea id='tt-feedback' name='feedback' rows={3} maxlength={4000}></textarea>
            <label for='tt-summary'>{ts.summary}</label>
            <textarea id='tt-summary' name='summary' rows={2} maxlength={4000}></textarea>
            {viewer.account.role === 'admin' ? (
              <>
                <label for='tt-override'>{ts.override}</label>
                <input id='tt-override' name='overrideReason' maxlength={500} />
              </>
            ) : null}
            <ul class='errors' role='alert'></ul>
            <button type='submit' class='primary'>
              {ts.apply}
            </button>
          </form>
          <form class='api-form stack' data-api={`${api}/notes`} data-method='POST'>
            <label for='tn-text'>{ts.note}</label>
            <textarea id='tn-text' name='text' rows={2} maxlength={4000} required></textarea>
            <ul class='errors' role='alert'></ul>
            <button type='submit'>{ts.addNote}</button>
          </form>
          {open ? (
            <form class='api-form inline' data-api={`${api}/merge`} data-method='POST'>
              <label for='tm-into'>{ts.mergeInto}</label>
              <input id='tm-into' name='into' maxlength={20} placeholder='T-XXXXXX' required />
              <ul class='errors' role='alert'></ul>
              <button type='submit'>{ts.merge}</button>
            </form>
          ) : null}
        </section>
      </div>
      {props.files ? (
        <TicketFiles
          files={props.files}
          fs={fileStringsFor(viewer.account.locale)}
          api={api}
          canExport={t.conversationKey !== null}
          time={time}
        />
      ) : null}
      <section>
        <h2>{ts.history}</h2>
        <ol class='events'>
          {props.events.map((e) => (
            <li class={`ev-${e.kind}`}>
              <time>{time(e.at)}</time> {e.actor}:{' '}
              {e.kind === 'status' && e.to
                ? `${e.from ? `${ts.statuses[e.from]} → ` : ''}${ts.statuses[e.to]}`
                : e.kind}
              {e.text ? ` · ${e.text}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  )
}
