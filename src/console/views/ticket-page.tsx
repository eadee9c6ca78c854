import type { StoredFile } from '../../files/store'
import type { TicketCategory } from '../../tickets/categories'
import { isOpenTicket, type Ticket, type TicketEvent } from '../../tickets/types'
import { fileStringsFor } from '../file-strings'
import { formatTime } from '../format'
import { fill } from '../i18n'
import type { TicketStrings } from '../ticket-strings'
import { Errors, Options } from './controls'
import { TicketFiles } from './files'
import { Layout, type Viewer } from './layout'
import { TicketActions } from './ticket-actions'
import { categoryName, StatusTag, urgencyChoices } from './ticket-parts'

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
                <Options choices={urgencyChoices(ts)} selected={t.urgency} />
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
              <Errors />
              <button type='submit'>{ts.save}</button>
            </form>
          ) : null}
        </section>
        <TicketActions ts={ts} viewer={viewer} ticket={t} api={api} open={open} />
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
