import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { readBusinessHours } from '../sla/settings-store'
import { fileStore } from '../files/store'
import { ticketCategoriesDoc } from '../tickets/categories'
import { ticketStore } from '../tickets/store'
import { TICKET_STATUSES, type TicketStatus } from '../tickets/types'
import { signedIn, viewerOf } from './session-routes'
import { ticketStringsFor } from './ticket-strings'
import { MessagePage } from './views/message'
import { TicketListPage } from './views/ticket-list'
import { TicketPage } from './views/ticket-page'

const isStatus = (s: string): s is TicketStatus =>
  (TICKET_STATUSES as readonly string[]).includes(s)

// What every work order page shows besides its own data: strings, categories, the shop's clock.
const pageBasics = async (c: Context<AppEnv>) => {
  const viewer = viewerOf(c)
  const [{ categories }, hours] = await Promise.all([
    ticketCategoriesDoc.read(c.env.CONFIG),
    readBusinessHours(c.env.CONFIG),
  ])
  return {
    viewer,
    ts: ticketStringsFor(viewer.account.locale),
    categories,
    zone: hours.timeZone,
    now: Date.now(),
  }
}

/** Work order pages (mounted at /console/tickets); they act through `/api/v1/tickets`. */
export const ticketRoutes = new Hono<AppEnv>()
  .use('*', signedIn('agent'))
  .get('/', async (c) => {
    const status = c.req.query('status') ?? 'open'
    const category = c.req.query('category') ?? ''
    const [tickets, basics] = await Promise.all([
      ticketStore(c.env.DB).list({
        ...(status === 'open' ? { status: 'open' as const } : isStatus(status) ? { status } : {}),
        ...(category ? { category } : {}),
        limit: 200,
      }),
      pageBasics(c),
    ])
    return c.html(
      <TicketListPage {...basics} tickets={tickets} status={status} category={category} />
    )
  })
  .get('/:id', async (c) => {
    const store = ticketStore(c.env.DB)
    const ticket = await store.get(c.req.param('id'))
    if (!ticket)
      return c.html(<MessagePage viewer={viewerOf(c)} title='404' text={c.req.param('id')} />, 404)
    const [events, basics, files] = await Promise.all([
      store.events(ticket.id),
      pageBasics(c),
      fileStore(c.env.DB, c.env.FILES).forTicket(
        ticket.id,
        ticket.conversationKey ? [ticket.conversationKey] : []
      ),
    ])
    return c.html(<TicketPage {...basics} ticket={ticket} events={events} files={files} />)
  })
