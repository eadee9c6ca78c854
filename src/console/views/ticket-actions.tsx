import { TICKET_STATUSES, type Ticket } from '../../tickets/types'
import type { TicketStrings } from '../ticket-strings'
import { Errors } from './controls'
import type { Viewer } from './layout'

/** What can be done next with a work order: move it on, add a note, merge it into another. */
export const TicketActions = (props: {
  ts: TicketStrings
  viewer: Viewer
  ticket: Ticket
  api: string
  open: boolean
}) => {
  const { ts, viewer, ticket: t, api, open } = props
  return (
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
        <Errors />
        <button type='submit' class='primary'>
          {ts.apply}
        </button>
      </form>
      <form class='api-form stack' data-api={`${api}/notes`} data-method='POST'>
        <label for='tn-text'>{ts.note}</label>
        <textarea id='tn-text' name='text' rows={2} maxlength={4000} required></textarea>
        <Errors />
        <button type='submit'>{ts.addNote}</button>
      </form>
      {open ? (
        <form class='api-form inline' data-api={`${api}/merge`} data-method='POST'>
          <label for='tm-into'>{ts.mergeInto}</label>
          <input id='tm-into' name='into' maxlength={20} placeholder='T-XXXXXX' required />
          <Errors />
          <button type='submit'>{ts.merge}</button>
        </form>
      ) : null}
    </section>
  )
}
