import type { TicketCategory } from '../../tickets/categories'
import type { Ticket } from '../../tickets/types'
import type { TicketStrings } from '../ticket-strings'
import { Errors, Options } from './controls'
import { categoryLabel, categoryName, StatusTag, urgencyChoices } from './ticket-parts'

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
            <Options
              choices={props.categories.map((c) => ({
                value: c.id,
                label: categoryLabel(c, props.locale),
              }))}
            />
          </select>
          <label for='wo-urgency'>{ts.urgency}</label>
          <select id='wo-urgency' name='urgency'>
            <Options choices={urgencyChoices(ts)} selected='normal' />
          </select>
          <label for='wo-description'>{ts.description}</label>
          <textarea id='wo-description' name='description' rows={3} maxlength={4000}>
            {props.problem}
          </textarea>
          <p class='hint'>{ts.createHint}</p>
          <Errors />
          <button type='submit' class='primary'>
            {ts.create}
          </button>
        </form>
      </details>
    </section>
  )
}
