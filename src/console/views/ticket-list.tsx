import type { TicketCategory } from '../../tickets/categories'
import { TICKET_STATUSES, type Ticket } from '../../tickets/types'
import { formatTime } from '../format'
import type { TicketStrings } from '../ticket-strings'
import { FilterSelect, Grid, Options } from './controls'
import { Layout, type Viewer } from './layout'
import { categoryLabel, categoryName, StatusTag } from './ticket-parts'

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
        <FilterSelect
          id='tf-status'
          name='status'
          label={ts.status}
          selected={props.status}
          choices={[
            { value: 'open', label: ts.open },
            { value: '', label: ts.all },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: ts.statuses[s] })),
          ]}
        />
        <label class='sr' for='tf-category'>
          {ts.category}
        </label>
        <select id='tf-category' name='category'>
          <option value=''>{ts.all}</option>
          <Options
            selected={props.category}
            choices={props.categories.map((c) => ({
              value: c.id,
              label: categoryLabel(c, viewer.account.locale),
            }))}
          />
        </select>
        <button type='submit'>{ts.filter}</button>
        <a class='button' href={`/api/v1/tickets?${csv.toString()}`} download>
          {ts.csv}
        </a>
      </form>
      {props.tickets.length === 0 ? <p class='empty'>{ts.none}</p> : null}
      <div class='scroll'>
        <Grid
          columns={['#', ts.category, ts.urgency, ts.status, ts.assignee, ts.due, ts.description]}
        >
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
        </Grid>
      </div>
    </Layout>
  )
}
