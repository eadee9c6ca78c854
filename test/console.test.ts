import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ADMIN, api, conversation, drain, fakeTelegram, view } from './helpers'
import { ADMIN_JSON as json, adminSend } from './support/admin-api'
import { telegramSays } from './support/telegram'

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** Signs in through the form; returns the cookie header and the page's CSRF token. */
const signIn = async (email: string, password: string) => {
  const res = await api('/console/login', {
    method: 'POST',
    headers: FORM,
    body: form({ email, password }),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const page = await (await api('/console', { headers: { cookie } })).text()
  const csrf = /<meta name="csrf" content="([^"]+)"/.exec(page)?.[1] ?? ''
  expect(csrf).not.toBe('')
  return { cookie, csrf, page }
}

const createAgent = async (name: string, email: string, role: 'agent' | 'admin' = 'agent') => {
  const res = await adminSend('/api/v1/agents', {
    name,
    email,
    role,
    password: 'long enough password',
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; name: string }
}

afterEach(() => vi.unstubAllGlobals())

describe('console sign-in', () => {
  it('sends a visitor without a session to the sign-in form, whose fields are email and password', async () => {
    const res = await api('/console?tab=mine', { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/console/login?next=%2Fconsole%3Ftab%3Dmine')
    const page = await (await api('/console/login')).text()
    expect(page).toContain('name="email"')
    expect(page).toContain('name="password"')
    expect((await api('/console/login')).headers.get('content-security-policy')).toContain(
      "script-src 'self'"
    )
  })

  it('lets the owner in with ADMIN_TOKEN: an HttpOnly, SameSite=Strict, Secure session cookie', async () => {
    const res = await api('/console/login', {
      method: 'POST',
      headers: FORM,
      body: form({ email: 'admin', password: 'test-admin-token' }),
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^cs_session=[^;]{20,};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).toContain('Secure')
  })

  it('refuses a wrong password with 401 and locks the email after 5 failures with 429 and Retry-After', async () => {
    const attempt = () =>
      api('/console/login', {
        method: 'POST',
        headers: { ...FORM, 'CF-Connecting-IP': '203.0.113.9' },
        body: form({ email: 'nobody@shop.test', password: 'guess' }),
      })
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401)
    const locked = await attempt()
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('never redirects off-site after sign-in', async () => {
    const res = await api('/console/login', {
      method: 'POST',
      headers: FORM,
      body: form({
        email: 'admin',
        password: 'test-admin-token',
        next: 'https://evil.test/console',
      }),
      redirect: 'manual',
    })
    expect(res.headers.get('location')).toBe('/console')
  })

  it('signs out: the session no longer opens the inbox', async () => {
    const { cookie, csrf } = await signIn('admin', 'test-admin-token')
    const out = await api('/console/logout', {
      method: 'POST',
      headers: { ...FORM, cookie },
      body: form({ _csrf: csrf }),
      redirect: 'manual',
    })
    expect(out.status).toBe(303)
    expect((await api('/console', { headers: { cookie }, redirect: 'manual' })).status).toBe(302)
  })
})

describe('console roles and CSRF', () => {
  it('answers 403 to an agent on admin pages and admin API calls, but opens the inbox', async () => {
    await createAgent('Ann', 'ann@shop.test')
    const { cookie, csrf, page } = await signIn('ann@shop.test', 'long enough password')
    expect(page).toContain('data-tab="mine"')
    expect((await api('/console/admin/templates', { headers: { cookie } })).status).toBe(403)
    const put = await api('/api/v1/templates/probe', {
      method: 'PUT',
      headers: { cookie, 'X-CSRF-Token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ locales: { en: 'hi' } }),
    })
    expect(put.status).toBe(403)
  })

  it('refuses a state change without the CSRF token or from another origin', async () => {
    const { cookie, csrf } = await signIn('admin', 'test-admin-token')
    const body = JSON.stringify({
      name: 'Probe',
      email: 'probe@shop.test',
      role: 'agent',
      password: 'long enough password',
    })
    const headers = { cookie, 'content-type': 'application/json' }
    expect((await api('/api/v1/agents', { method: 'POST', headers, body })).status).toBe(403)
    expect(
      (
        await api('/api/v1/agents', {
          method: 'POST',
          headers: { ...headers, 'X-CSRF-Token': 'wrong' },
          body,
        })
      ).status
    ).toBe(403)
    expect(
      (
        await api('/api/v1/agents', {
          method: 'POST',
          headers: { ...headers, 'X-CSRF-Token': csrf, Origin: 'https://evil.test' },
          body,
        })
      ).status
    ).toBe(403)
    expect(
      (
        await api('/api/v1/agents', {
          method: 'POST',
          headers: { ...headers, 'X-CSRF-Token': csrf },
          body,
        })
      ).status
    ).toBe(201)
  })
})

describe('accounts API', () => {
  it('validates, rejects duplicates, changes and deletes; the owner stays', async () => {
    const short = await api('/api/v1/agents', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'X', email: 'x@shop.test', role: 'agent', password: 'short' }),
    })
    expect(short.status).toBe(400)
    const bo = await createAgent('Bo', 'bo@shop.test')
    const dup = await api('/api/v1/agents', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        name: 'Bo2',
        email: 'BO@shop.test',
        role: 'agent',
        password: 'long enough password',
      }),
    })
    expect(dup.status).toBe(409)
    const patched = await api(`/api/v1/agents/${bo.id}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ role: 'admin', locale: 'zh-CN' }),
    })
    expect(await patched.json()).toMatchObject({
      role: 'admin',
      locale: 'zh-CN',
      email: 'bo@shop.test',
    })
    const list = (await (await api('/api/v1/agents', { headers: ADMIN })).json()) as {
      agents: { email: string }[]
    }
    expect(JSON.stringify(list)).not.toMatch(/password|salt|hash/i)
    expect(
      (await api(`/api/v1/agents/${bo.id}`, { method: 'DELETE', headers: ADMIN })).status
    ).toBe(204)
    expect(
      (await api(`/api/v1/agents/${bo.id}`, { method: 'DELETE', headers: ADMIN })).status
    ).toBe(404)
    expect((await api('/api/v1/agents/owner', { method: 'DELETE', headers: ADMIN })).status).toBe(
      409
    )
  })
})

describe('working a conversation from the console', () => {
  it('lists it, finds it by order number, takes it, replies by name, and keeps notes from the customer', async () => {
    const tg = fakeTelegram()
    const key = 'telegram:7001'
    await telegramSays(7001, 'I want a person, order 202611230777 is late')
    await drain(key)
    await createAgent('Cai', 'cai@shop.test')
    const { cookie, csrf } = await signIn('cai@shop.test', 'long enough password')

    const found = await (await api('/console?q=0777&status=any', { headers: { cookie } })).text()
    expect(found).toContain(`data-key="${key}"`)
    const missing = await (
      await api('/console?q=999999&status=any', { headers: { cookie } })
    ).text()
    expect(missing).not.toContain(`data-key="${key}"`)

    const page = await api(`/console/c/${encodeURIComponent(key)}`, { headers: { cookie } })
    expect(page.status).toBe(200)
    const post = (path: string, fields: Record<string, string>) =>
      api(`/console/c/${encodeURIComponent(key)}/${path}`, {
        method: 'POST',
        headers: { ...FORM, cookie },
        body: form({ _csrf: csrf, ...fields }),
        redirect: 'manual',
      })
    expect((await post('assign', { agent: 'Cai' })).status).toBe(303)
    expect(
      (await post('send', { mode: 'reply', text: 'Hi, Cai here. Checking 202611230777 now.' }))
        .status
    ).toBe(303)
    expect((await post('send', { mode: 'note', text: 'INTERNAL: courier lost it' })).status).toBe(
      303
    )
    await drain(key)

    const v = await view(key)
    expect(v.state).toMatchObject({ owner: 'human', agent: 'Cai' })
    expect(
      v.messages.some(
        (m) => m.author === 'agent' && m.agent === 'Cai' && m.text.includes('Cai here')
      )
    ).toBe(true)
    expect(v.notes).toEqual([
      expect.objectContaining({ agent: 'Cai', text: 'INTERNAL: courier lost it' }),
    ])
    // The note is in no message, sent nowhere, and absent from the customer's own history.
    expect(v.messages.some((m) => m.text.includes('INTERNAL'))).toBe(false)
    expect(tg.sends().some((s) => String(s.body.text).includes('INTERNAL'))).toBe(false)
    const history = await conversation(key).customerHistory({})
    expect(JSON.stringify(history)).not.toContain('INTERNAL')
    expect(history.ok && history.value.messages.find((m) => m.author === 'agent')?.agentName).toBe(
      'Cai'
    )

    const transcript = await (
      await api(`/console/c/${encodeURIComponent(key)}/transcript`, { headers: { cookie } })
    ).text()
    expect(transcript).toContain('class="msg note"')
    expect(transcript).toContain('INTERNAL: courier lost it')

    const check = await api(`/console/c/${encodeURIComponent(key)}/check`, {
      method: 'POST',
      headers: { cookie, 'X-CSRF-Token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '放心，保证明天到，不到就赔您 50 元' }),
    })
    const hits = ((await check.json()) as { hits: { kind: string }[] }).hits
    expect(hits.map((h) => h.kind)).toEqual(['promise', 'promise'])

    const canned = (await (
      await api(`/console/c/${encodeURIComponent(key)}/canned?q=survey`, { headers: { cookie } })
    ).json()) as { replies: { id: string; text: string }[] }
    expect(canned.replies.map((r) => r.id)).toContain('survey')

    // A canned reply keeps its template's buttons, labelled in the customer's language.
    expect(
      (
        await post('send', {
          mode: 'reply',
          text: 'Anything else? Pick a topic:',
          template: 'greeting',
        })
      ).status
    ).toBe(303)
    await drain(key)
    const withButtons = (await view(key)).messages.findLast((m) => m.author === 'agent')
    expect(withButtons?.buttons?.length).toBeGreaterThan(1)
    expect(tg.sends().at(-1)?.body.reply_markup).toBeDefined()

    expect((await post('resolve', { solution: 'reshipped' })).status).toBe(303)
    await drain(key)
    expect(tg.sends().some((s) => /How did we do|满意/.test(String(s.body.text)))).toBe(true)

    // The resolved case is inspected automatically: the bot's and the agent's turns scored apart.
    const cases = (await (await api('/api/v1/cases', { headers: ADMIN })).json()) as {
      cases: {
        conversationKey: string
        qaScore: number | null
        qa: { human: { turns: number; stages: Record<string, boolean> } | null } | null
      }[]
    }
    const inspected = cases.cases.find((k) => k.conversationKey === key)
    expect(inspected?.qaScore).toBeGreaterThan(0)
    expect(inspected?.qaScore).toBeLessThanOrEqual(100)
    expect(inspected?.qa?.human?.turns).toBe(2)
    expect(inspected?.qa?.human?.stages.greeting).toBe(true) // "Hi, Cai here
  })

  it('escapes what customers write', async () => {
    fakeTelegram()
    const key = 'telegram:7002'
    await telegramSays(7002, '<script>alert(1)</script> hello')
    await drain(key)
    const { cookie } = await signIn('admin', 'test-admin-token')
    const page = await (
      await api(`/console/c/${encodeURIComponent(key)}`, { headers: { cookie } })
    ).text()
    expect(page).not.toContain('<script>alert(1)</script>')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('answers 404 for a conversation that does not exist and for a malformed key', async () => {
    const { cookie } = await signIn('admin', 'test-admin-token')
    expect((await api('/console/c/telegram:999999', { headers: { cookie } })).status).toBe(404)
    expect((await api('/console/c/not-a-key', { headers: { cookie } })).status).toBe(404)
  })
})

describe('the inbox hub', () => {
  it('reports nobody online while no console tab holds a socket', async () => {
    expect(await env.INBOX.getByName('shop').online()).toEqual([])
  })
})

describe('admin editors', () => {
  it('each JSON editor can save back exactly what it loaded (the API accepts its own GET)', async () => {
    const { DOC_EDITORS } = await import('../src/console/views/admin')
    const { cookie, csrf } = await signIn('admin', 'test-admin-token')
    for (const editor of [...DOC_EDITORS.map((e) => e.api), '/api/v1/flows/main']) {
      const got = await api(editor, { headers: { cookie } })
      expect(got.status, editor).toBe(200)
      const body = await got.text()
      const put = await api(editor, {
        method: 'PUT',
        headers: { cookie, 'X-CSRF-Token': csrf, 'content-type': 'application/json' },
        body,
      })
      expect(put.status, `${editor}: ${await put.clone().text()}`).toBe(200)
    }
    for (const path of [
      ...DOC_EDITORS.map((e) => e.path),
      'templates',
      'templates/greeting',
      'flows',
      'flows/main',
      'agents',
      'tokens',
      'reviews',
    ]) {
      expect((await api(`/console/admin/${path}`, { headers: { cookie } })).status, path).toBe(200)
    }
    // A new template starts from an empty editor; an impossible id is refused.
    const fresh = await api('/console/admin/templates/new?id=promo.spring', {
      headers: { cookie },
      redirect: 'manual',
    })
    expect(fresh.headers.get('location')).toBe('/console/admin/templates/promo.spring')
    expect(
      (await api('/console/admin/templates/promo.spring', { headers: { cookie } })).status
    ).toBe(200)
    expect(
      (await api('/console/admin/templates/new?id=Bad%20Id', { headers: { cookie } })).status
    ).toBe(400)
  })
})

describe('personal data in lists', () => {
  it("masks customers' personal data for agents who don't own the conversation, in the API and the console", async () => {
    const now = Date.now()
    const insert = (key: string, agent: string | null) =>
      env.DB.prepare(
        `INSERT INTO conversations (key, channel, status, owner, level, stage, intent, locale, customer_name, agent, last_message, last_message_at, failed_messages, breaches, created_at, updated_at, search_text)
         VALUES (?1, 'telegram', 'open', 'human', 0, 'intake', NULL, 'en', 'Ada ada@example.com', ?2, 'call me on 13812345678 or +1 (415) 555-2671', ?3, 0, 0, ?3, ?3, 'ada')`
      )
        .bind(key, agent, now)
        .run()
    await insert('telegram:7301', 'Dee')
    await insert('telegram:7302', null)
    await createAgent('Dee', 'dee@shop.test')
    await createAgent('Eve', 'eve@shop.test')
    const eve = await signIn('eve@shop.test', 'long enough password')
    const dee = await signIn('dee@shop.test', 'long enough password')

    const evesRows = await (
      await api('/console/rows?status=any&q=ada', { headers: { cookie: eve.cookie } })
    ).text()
    expect(evesRows).not.toContain('13812345678')
    expect(evesRows).not.toContain('555-2671')
    expect(evesRows).toContain('138****5678')
    const deesRows = await (
      await api('/console/rows?status=any&q=ada', { headers: { cookie: dee.cookie } })
    ).text()
    expect(deesRows).toContain('13812345678') // her own conversation
    expect(deesRows).toContain('138****5678') // the unassigned one is still masked for her

    const list = async (headers: Record<string, string>) =>
      (
        (await (await api('/api/v1/conversations?q=ada', { headers })).json()) as {
          conversations: { key: string; lastMessage: string; customerName: string }[]
        }
      ).conversations
    const ours = (rows: { key: string; lastMessage: string; customerName: string }[]) =>
      rows.filter((r) => r.key === 'telegram:7301' || r.key === 'telegram:7302')
    const forEve = ours(await list({ cookie: eve.cookie }))
    expect(forEve).toHaveLength(2)
    expect(
      forEve.every(
        (r) => !r.lastMessage.includes('13812345678') && !r.customerName.includes('ada@example.com')
      )
    ).toBe(true)
    const forAdmin = ours(await list(ADMIN))
    expect(forAdmin.every((r) => r.lastMessage.includes('13812345678'))).toBe(true)
  })
})

describe('review fixes', () => {
  it('assigns only to someone with an account, ends sessions on a new password, and refuses foreign sockets', async () => {
    fakeTelegram()
    const key = 'telegram:7401'
    await telegramSays(7401, 'hi')
    await drain(key)
    const gil = await createAgent('Gil', 'gil@shop.test')
    const { cookie, csrf } = await signIn('gil@shop.test', 'long enough password')
    const assign = (agent: string) =>
      api(`/console/c/${encodeURIComponent(key)}/assign`, {
        method: 'POST',
        headers: { ...FORM, cookie },
        body: form({ _csrf: csrf, agent }),
        redirect: 'manual',
      })
    expect((await assign('Nobody At All')).status).toBe(400)
    expect((await assign('Gil')).status).toBe(303)

    const socket = (origin?: string) =>
      api('/console/ws', {
        headers: { cookie, Upgrade: 'websocket', ...(origin ? { Origin: origin } : {}) },
      })
    expect((await socket()).status).toBe(403)
    expect((await socket('https://evil.test')).status).toBe(403)
    const ok = await socket('https://engine.test')
    expect(ok.status).toBe(101)
    ok.webSocket?.accept()
    ok.webSocket?.close()

    const patched = await adminSend(
      `/api/v1/agents/${gil.id}`,
      { password: 'a brand new password' },
      'PATCH'
    )
    expect(patched.status).toBe(200)
    expect((await api('/console', { headers: { cookie }, redirect: 'manual' })).status).toBe(302)
  })
})
