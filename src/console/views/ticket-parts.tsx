import type { TicketCategory } from '../../tickets/categories'
import { isOpenTicket, URGENCIES, type Ticket } from '../../tickets/types'
import type { TicketStrings } from '../ticket-strings'
import type { Choice } from './controls'

/** Pure: a category's name in the console's language (its id when it is no longer configured). */
export const categoryName = (categories: readonly TicketCategory[], id: string, locale: string) => {
  const c = categories.find((x) => x.id === id)
  return c ? categoryLabel(c, locale) : id
}

/** Pure: a configured category's name in the console's language. */
export const categoryLabel = (c: TicketCategory, locale: string): string =>
  locale === 'zh-CN' ? c.names['zh-CN'] : c.names.en

/** A work order's status, and "breached" when an open one is past due. */
export const StatusTag = (props: { ticket: Ticket; ts: TicketStrings }) => (
  <>
    <span class={`tag ticket-${props.ticket.status}`}>
      {props.ts.statuses[props.ticket.status]}
    </span>
    {props.ticket.breachedAt && isOpenTicket(props.ticket.status) ? (
      <span class='tag bad'>{props.ts.breached}</span>
    ) : null}
  </>
)

/** The urgencies as select choices, in the console's language. */
export const urgencyChoices = (ts: TicketStrings): Choice[] =>
  URGENCIES.map((u) => ({ value: u, label: ts.urgencies[u] }))
