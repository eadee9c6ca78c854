import { Hono } from 'hono'
import type { Context } from 'hono'
import { z } from 'zod'
import { parseKey } from '../channels/keys'
import { renderTemplate } from '../flows/render'
import { TEMPLATE_ID_PATTERN } from '../flows/schema'
import { kvFlowStore } from '../flows/store'
import { readBusinessHours } from '../sla/settings-store'
import type { AppEnv } from '../env'
import { INBOX_NAME } from '../inbox/protocol'
import { expectListeners } from '../inbox/publish'
import { findRedLines, redLinesDoc } from '../qa/red-lines'
import { accountStore, type Account } from './accounts'
import { pastCases } from '../tables/cases'
import { countTabs, filterChoices, inboxFilters, listInbox } from './inbox-query'
import { signedIn, viewerOf } from './session-routes'
import { MessagePage } from './views/message'
import { ConversationPage } from './views/conversation'
import { Transcript } from './views/transcript'
import { InboxList, InboxPage } from './views/inbox'
import { TicketPanel } from './views/ticket-panel'
import { ticketStringsFor } from './ticket-strings'
import { ticketStore } from '../tickets/store'
import { ticketCategoriesDoc } from '../tickets/categories'

const textField = z.string().trim().min(1).max(4000)
const escalateForm = z.object({
  level: z.enum(['1', '2']),
  reason: z.string().trim().min(1).max(500),
})

const zoneOf = async (env: Env): Promise<string> => (await readBusinessHours(env.CONFIG)).timeZone

const keyParam = (c: Context<AppEnv>): string | null => {
  const key = c.req.param('key') ?? ''
  return parseKey(key) ? key : null
}

const stub = (env: Env, key: string) => env.CONVERSATION.getByName(key)

// A fetch() from the console script wants a status, a form post wants to land back on the page.
const done = (c: Context<AppEnv>, key: string, error?: string) => {
  const wantsJson = (c.req.header('Accept') ?? '').includes('application/json')
  if (error)
    return wantsJson
      ? c.json({ error: { code: 'invalid_body', message: error } }, 400)
      : c.text(error, 400)
  return wantsJson ? c.json({ ok: true }) : c.redirect(`/console/c/${encodeURIComponent(key)}`, 303)
}

const form = async (c: Context<AppEnv>): Promise<Record<string, string>> => {
  const type = c.req.header('Content-Type') ?? ''
  if (type.startsWith('application/json')) {
    const body: unknown = await c.req.json().catch(() => ({}))
    return body && typeof body === 'object'
      ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]))
      : {}
  }
  const body = await c.req.parseBody()
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))
  )
}

/** The buttons of a canned reply (a template), labelled in the conversation's language. */
const cannedButtons = async (env: Env, key: string, templateId: string) => {
  if (!TEMPLATE_ID_PATTERN.test(templateId)) return undefined
  const [doc, seen] = await Promise.all([
    kvFlowStore(env.CONFIG).getTemplate(templateId),
    stub(env, key).view({ limit: 1 }),
  ])
  if (!doc || !seen.ok) return undefined
  return renderTemplate(doc, seen.value.state.locale, seen.value.state.vars).buttons
}

// Browsers always send Origin on a socket upgrade; a socket from another site (a sibling
// subdomain with a script hole) must not read the live traffic.
const sameOrigin = (c: Context<AppEnv>): boolean =>
  c.req.header('Origin') === new URL(c.req.url).origin

const notFound = (c: Context<AppEnv>) => {
  const v = viewerOf(c)
  return c.html(<MessagePage viewer={v} title='404' text={v.t.notFound} />, 404)
}

/** The agents' side of the console: inbox, live sockets, one conversation and its actions. */
export const deskRoutes = new Hono<AppEnv>()
  .use('*', signedIn('agent'))
  .get('/', async (c) => {
    const f = inboxFilters.parse(c.req.query())
    const me = (c.get('account') as Account).name
    const [list, counts, choices, zone] = await Promise.all([
      listInbox(c.env.DB, f, me),
      countTabs(c.env.DB, me),
      filterChoices(c.env.DB),
      zoneOf(c.env),
    ])
    return c.html(
      <InboxPage
        viewer={viewerOf(c)}
        f={f}
        rows={list.rows}
        more={list.more}
        counts={counts}
        choices={choices}
        now={Date.now()}
        zone={zone}
      />
    )
  })
  .get('/rows', async (c) => {
    const f = inboxFilters.parse(c.req.query())
    const v = viewerOf(c)
    const [list, counts, zone] = await Promise.all([
      listInbox(c.env.DB, f, v.account.name),
      countTabs(c.env.DB, v.account.name),
      zoneOf(c.env),
    ])
    return c.html(
      <InboxList
        rows={list.rows}
        more={list.more}
        f={f}
        counts={counts}
        t={v.t}
        now={Date.now()}
        zone={zone}
        locale={v.account.locale}
        maskFor={v.account.role === 'agent' ? v.account.name : undefined}
      />
    )
  })
  .get('/ws', async (c) => {
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket')
      return c.text('expected a websocket upgrade', 426)
    if (!sameOrigin(c)) return c.text('cross-origin socket refused', 403)
    const account = c.get('account') as Account
    const url = `https://inbox/ws?agent=${encodeURIComponent(account.id)}&name=${encodeURIComponent(account.name)}`
    expectListeners()
    return c.env.INBOX.getByName(INBOX_NAME).fetch(new Request(url, c.req.raw))
  })
  .get('/c/:key', async (c) => {
    const key = keyParam(c)
    if (!key) return notFound(c)
    const result = await stub(c.env, key).view({ limit: 200 })
    if (!result.ok) return notFound(c)
    // Earlier cases are this conversation's own (one per customer and channel); a display name is
    // not an identity, so nothing is linked across customers by name.
    const [agents, cases, zone, tickets, { categories }] = await Promise.all([
      accountStore(c.env.DB).list(),
      pastCases(c.env.DB, key),
      zoneOf(c.env),
      ticketStore(c.env.DB).list({ conversationKey: key, limit: 20 }),
      ticketCategoriesDoc.read(c.env.CONFIG),
    ])
    const v = viewerOf(c)
    const workOrders = (
      <TicketPanel
        ts={ticketStringsFor(v.account.locale)}
        locale={v.account.locale}
        tickets={tickets}
        categories={categories}
        conversationKey={key}
        problem={result.value.state.case?.problem ?? ''}
      />
    )
    return c.html(
      <ConversationPage
        viewer={v}
        view={result.value}
        agents={agents}
        cases={cases}
        now={Date.now()}
        zone={zone}
        workOrders={workOrders}
      />
    )
  })
  .get('/c/:key/transcript', async (c) => {
    const key = keyParam(c)
    if (!key) return c.text('not found', 404)
    const result = await stub(c.env, key).view({ limit: 200 })
    if (!result.ok) return c.text('not found', 404)
    const v = viewerOf(c)
    return c.html(
      <Transcript
        view={result.value}
        t={v.t}
        locale={v.account.locale}
        zone={await zoneOf(c.env)}
        now={Date.now()}
      />
    )
  })
  .get('/c/:key/ws', async (c) => {
    const key = keyParam(c)
    if (!key) return c.text('not found', 404)
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket')
      return c.text('expected a websocket upgrade', 426)
    if (!sameOrigin(c)) return c.text('cross-origin socket refused', 403)
    const name = (c.get('account') as Account).name
    return stub(c.env, key).fetch(
      new Request(`https://conversation/ws?role=agent&name=${encodeURIComponent(name)}`, c.req.raw)
    )
  })
  .get('/c/:key/canned', async (c) => {
    const key = keyParam(c)
    if (!key) return c.json({ replies: [] }, 404)
    const result = await stub(c.env, key).view({ limit: 1 })
    if (!result.ok) return c.json({ replies: [] }, 404)
    const { locale, vars } = result.value.state
    const q = (c.req.query('q') ?? '').trim().toLowerCase()
    const replies = (await kvFlowStore(c.env.CONFIG).listTemplates())
      .map((doc) => {
        const rendered = renderTemplate(doc, locale, vars)
        return {
          id: doc.id,
          text: rendered.text,
          buttons: (rendered.buttons ?? []).map((b) => b.label),
        }
      })
      .filter(
        (r) => r.text && (!q || r.id.toLowerCase().includes(q) || r.text.toLowerCase().includes(q))
      )
      .slice(0, 20)
    return c.json({ replies })
  })
  .post('/c/:key/check', async (c) => {
    // The composer asks while the agent types: red lines are warned before anything is sent.
    const text = z
      .string()
      .max(4000)
      .safeParse((await form(c)).text)
    if (!text.success) return c.json({ hits: [] })
    return c.json({ hits: findRedLines(text.data, await redLinesDoc.read(c.env.CONFIG)) })
  })
  .post('/c/:key/send', async (c) => {
    const key = keyParam(c)
    if (!key) return notFound(c)
    const body = await form(c)
    const text = textField.safeParse(body.text)
    if (!text.success) return done(c, key, 'write a message first (up to 4000 characters)')
    const agent = (c.get('account') as Account).name
    if (body.mode === 'note') {
      const noted = await stub(c.env, key).note({ agent, text: text.data })
      return noted.ok ? done(c, key) : notFound(c)
    }
    const buttons = body.template ? await cannedButtons(c.env, key, body.template) : undefined
    const result = await stub(c.env, key).agentReply({
      agent,
      text: text.data,
      ...(buttons?.length ? { buttons } : {}),
    })
    return result.ok ? done(c, key) : notFound(c)
  })
  .post('/c/:key/assign', async (c) => {
    const key = keyParam(c)
    if (!key) return notFound(c)
    const agent = z
      .string()
      .trim()
      .min(1)
      .max(64)
      .safeParse((await form(c)).agent)
    if (!agent.success) return done(c, key, 'choose an agent')
    // Only to someone who can sign in: a made-up name would take it off every queue.
    if (!(await accountStore(c.env.DB).list()).some((a) => a.name === agent.data))
      return done(c, key, 'no account has that name')
    const result = await stub(c.env, key).assign({ agent: agent.data })
    return result.ok ? done(c, key) : notFound(c)
  })
  .post('/c/:key/release', async (c) => {
    const key = keyParam(c)
    if (!key) return notFound(c)
    const result = await stub(c.env, key).release()
    return result.ok ? done(c, key) : notFound(c)
  })
  .post('/c/:key/resolve', async (c) => {
    const key = keyParam(c)
    if (!key) return notFound(c)
    const solution = (await form(c)).solution?.trim().slice(0, 2000)
    const result = await stub(c.env, key).resolve({
      by: (c.get('account') as Account).name,
      ...(solution ? { solution } : {}),
    })
    return result.ok ? done(c, key) : notFound(c)
  })
  .post('/c/:key/escalate', async (c) => {
    const key = keyParam(c)
    if (!key) return notFound(c)
    const input = escalateForm.safeParse(await form(c))
    if (!input.success) return done(c, key, 'choose a level and give a reason')
    const level = input.data.level === '2' ? 2 : 1
    const result = await stub(c.env, key).escalate({
      level,
      reason: input.data.reason,
      by: (c.get('account') as Account).name,
    })
    return result.ok ? done(c, key) : notFound(c)
  })
