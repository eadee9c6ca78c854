import { Hono } from 'hono'
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

/** Work order pages (mounted at /console/tickets); they act through `/api/v1/tickets`. */
export const ticketRoutes = new Hono<AppEnv>()
  .use('*', signedIn('agent'))
  .get('/', async (c) => {
    const v = viewerOf(c)
    const status = c.req.query('status') ?? 'open'
    const category = c.req.query('category') ?? ''
    const [tickets, { categories }, hours] = await Promise.all([
      ticketStore(c.env.DB).list({
        ...(status === 'open' ? { status: 'open' as const } : isStatus(status) ? { status } : {}),
        ...(category ? { category } : {}),
        limit: 200,
      }),
      ticketCategoriesDoc.read(c.env.CONFIG),
      readBusinessHours(c.env.CONFIG),
    ])
    return c.html(
      <TicketListPage
        viewer={v}
        ts={ticketStringsFor(v.account.locale)}
        tickets={tickets}
        categories={categories}
        status={status}
        category={category}
        zone={hours.timeZone}
        now={Date.now()}
      />
    )
  })
  .get('/:id', async (c) => {
    const v = viewerOf(c)
    const store = ticketStore(c.env.DB)
    const ticket = await store.get(c.req.param('id'))
    if (!ticket) return c.html(<MessagePage viewer={v} title='404' text={c.req.param('id')} />, 404)
    const [events, { categories }, hours, files] = await Promise.all([
      store.events(ticket.id),
      ticketCategoriesDoc.read(c.env.CONFIG),
      readBusinessHours(c.env.CONFIG),
      fileStore(c.env.DB, c.env.FILES).forTicket(
        ticket.id,
        ticket.conversationKey ? [ticket.conversationKey] : []
      ),
    ])
    return c.html(
      <TicketPage
        viewer={v}
        ts={ticketStringsFor(v.account.locale)}
        ticket={ticket}
        events={events}
        categories={categories}
        zone={hours.timeZone}
        now={Date.now()}
        files={files}
      />
    )
  })
