import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ADMIN, advance, api, drain } from './helpers'

interface Frame {
  type: string
  message: {
    id: number
    direction: string
    author: string
    text: string
    status: string
    clientId?: string
    buttons?: unknown[]
  }
}

const newSession = async () => {
  const res = await api('/chat/session', { method: 'POST' })
  expect(res.status).toBe(201)
  return (await res.json()) as { token: string; sessionId: string }
}

const say = (token: string, body: unknown) =>
  api('/webhooks/webchat', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'Accept-Language': 'en-GB,en;q=0.9',
    },
    body: JSON.stringify(body),
  })

const history = async (token: string) => {
  const res = await api('/chat/history', { headers: { Authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return ((await res.json()) as { messages: Frame['message'][] }).messages
}

/** Opens the live socket and resolves each wait once `n` frames have arrived; no sleeping. */
const openSocket = async (token: string) => {
  const res = await api('/chat/ws', {
    headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `webchat, token.${token}` },
  })
  expect(res.status).toBe(101)
  const ws = res.webSocket as WebSocket
  ws.accept()
  const frames: Frame[] = []
  const waiters: { n: number; resolve: () => void }[] = []
  ws.addEventListener('message', (e) => {
    if (e.data === 'pong') return
    frames.push(JSON.parse(String(e.data)) as Frame)
    for (const w of waiters.filter((w) => frames.length >= w.n)) w.resolve()
  })
  const until = (n: number) =>
    frames.length >= n
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ n, resolve }))
  return { ws, frames, until }
}

describe('web chat round trip', () => {
  it('serves the page', async () => {
    const res = await api('/chat')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('Test Shop')
  })

  it('takes a message, answers live over the socket and keeps history across reloads', async () => {
    const { token, sessionId } = await newSession()
    const live = await openSocket(token)

    const posted = await say(token, { id: 'client-msg-0001', text: 'I want to return a jacket' })
    expect(posted.status).toBe(200)
    await live.until(1)
    expect(live.frames[0]?.message).toMatchObject({
      direction: 'in',
      clientId: 'client-msg-0001',
      status: 'received',
    })

    const retry = await say(token, { id: 'client-msg-0001', text: 'I want to return a jacket' })
    expect(retry.status).toBe(200)

    await drain(`webchat:${sessionId}`)
    await live.until(3)
    const replies = live.frames.filter((f) => f.message.direction === 'out')
    expect(replies.length).toBeGreaterThanOrEqual(2)
    expect(replies.every((f) => f.message.status === 'sent' && f.message.author === 'bot')).toBe(
      true
    )

    const reloaded = await history(token)
    expect(reloaded.filter((m) => m.direction === 'in')).toHaveLength(1) // the retry was absorbed
    expect(reloaded.map((m) => m.id)).toEqual([...reloaded.map((m) => m.id)].sort((a, b) => a - b))
    expect(reloaded.find((m) => m.direction === 'out' && m.buttons)?.buttons).toBeDefined()
    live.ws.close()
  })

  it('routes a chip press as a button action', async () => {
    const { token, sessionId } = await newSession()
    await say(token, { id: 'client-msg-0101', text: 'hello' })
    await drain(`webchat:${sessionId}`)
    const res = await say(token, {
      id: 'client-msg-0102',
      action: 'human',
      label: 'Talk to a person',
    })
    expect(res.status).toBe(200)
    await drain(`webchat:${sessionId}`)
    const messages = await history(token)
    expect(messages.find((m) => m.id && m.text === 'Talk to a person')?.direction).toBe('in')
    expect(messages.at(-1)?.direction).toBe('out')
  })

  it('keeps sessions apart: a token reads only its own conversation', async () => {
    const a = await newSession()
    const b = await newSession()
    await say(a.token, { id: 'client-msg-0201', text: 'my secret address is 1 Main St' })
    // b never wrote: it has no conversation (404), and certainly not a's.
    const other = await api('/chat/history', { headers: { Authorization: `Bearer ${b.token}` } })
    expect(other.status).toBe(404)
    expect(await other.text()).not.toContain('secret')
    const forged = `${a.sessionId}.${b.token.split('.')[1]}`
    expect(
      (await api('/chat/history', { headers: { Authorization: `Bearer ${forged}` } })).status
    ).toBe(401)
    expect((await say(forged, { id: 'client-msg-0202', text: 'hi' })).status).toBe(401)
  })
})

describe('web chat input limits (hardening)', () => {
  it('answers 413 for a body over 64 KiB, not 400', async () => {
    const { token } = await newSession()
    const res = await say(token, { id: 'client-msg-big01', text: 'x'.repeat(70 * 1024) })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
  })

  it.each([
    ['zero-width', '\u200b\u200c\u200d\u2060\ufeff'],
    ['ideographic', '\u3000\u3000'],
    ['mixed', ' \u200b\u3000\n'],
  ])('refuses a message of only %s spaces as blank and stores nothing', async (_name, text) => {
    const { token } = await newSession()
    const res = await say(token, { id: 'client-msg-blank1', text })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('blank')
    expect(
      (await api('/chat/history', { headers: { Authorization: `Bearer ${token}` } })).status
    ).toBe(404)
  })
})

describe('reading what does not exist (hardening)', () => {
  it('answers 404 for the history of a session that never wrote, and stores no object', async () => {
    const { token, sessionId } = await newSession()
    const res = await api('/chat/history', { headers: { Authorization: `Bearer ${token}` } })
    expect(res.status).toBe(404)
    const stub = env.CONVERSATION.getByName(`webchat:${sessionId}`)
    const tables = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray()
    )
    expect(tables).toEqual([])
    // Once the customer writes, history is there.
    expect((await say(token, { id: 'client-msg-first1', text: 'hello' })).status).toBe(200)
    expect((await history(token)).length).toBeGreaterThan(0)
  })

  it('answers 404 for the agent view of a conversation that does not exist, creating nothing', async () => {
    const res = await api('/api/v1/conversations/telegram:990001', { headers: ADMIN })
    expect(res.status).toBe(404)
    const tables = await runInDurableObject(
      env.CONVERSATION.getByName('telegram:990001'),
      (_i, state) =>
        state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray()
    )
    expect(tables).toEqual([])
  })
})

describe('abuse guards (hardening)', () => {
  it('refuses a 21st message within a minute with 429 and Retry-After, stores nothing, and takes it after the wait', async () => {
    const { token, sessionId } = await newSession()
    for (let i = 0; i < 20; i++)
      expect(
        (
          await say(token, {
            id: `client-msg-burst${String(i).padStart(3, '0')}`,
            text: `hello ${i}`,
          })
        ).status
      ).toBe(200)
    // A redelivery of a stored message is still a harmless duplicate, not throttled.
    expect((await say(token, { id: 'client-msg-burst000', text: 'hello 0' })).status).toBe(200)
    const over = await say(token, { id: 'client-msg-burst020', text: 'one too many' })
    expect(over.status).toBe(429)
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await history(token)).some((m) => m.text === 'one too many')).toBe(false)
    await advance(`webchat:${sessionId}`, 61_000)
    expect((await say(token, { id: 'client-msg-burst020', text: 'one too many' })).status).toBe(200)
    expect((await history(token)).filter((m) => m.text === 'one too many')).toHaveLength(1)
  })

  it('limits new sessions per client address', async () => {
    const from = (ip: string) =>
      api('/chat/session', { method: 'POST', headers: { 'CF-Connecting-IP': ip } })
    const statuses: number[] = []
    for (let i = 0; i < 22; i++) statuses.push((await from('198.51.100.7')).status)
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    expect((await from('198.51.100.8')).status).toBe(201)
  })

  it('keeps at most four live sockets per session: a new one closes the oldest', async () => {
    const { token } = await newSession()
    const closes: Promise<number>[] = []
    for (let i = 0; i < 6; i++) {
      const { ws } = await openSocket(token)
      closes.push(
        new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)))
      )
    }
    expect(await closes[0]).toBe(4008)
    expect(await closes[1]).toBe(4008)
  })

  it('closes a socket that sends a frame larger than a message', async () => {
    const { token } = await newSession()
    const { ws } = await openSocket(token)
    const closing = new Promise<number>((resolve) =>
      ws.addEventListener('close', (e) => resolve(e.code))
    )
    ws.send('x'.repeat(64 * 1024))
    expect(await closing).toBe(1009)
  })
})

describe('the page before a first message', () => {
  it("offers the greeting's topics in the browser's language", async () => {
    const en = (await (
      await api('/chat/topics', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
    ).json()) as { buttons: { id: string; label: string }[] }
    const zh = (await (
      await api('/chat/topics', { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' } })
    ).json()) as { buttons: { id: string; label: string }[] }
    expect(en.buttons.map((b) => b.label)).toContain('Talk to a person')
    expect(zh.buttons.length).toBe(en.buttons.length)
    expect(zh.buttons.some((b) => /[\u4e00-\u9fff]/.test(b.label))).toBe(true)
  })
})

describe('the page a customer writes from (widget)', () => {
  it('is kept on the conversation for agents; anything but an http(s) URL is refused', async () => {
    const { token, sessionId } = await newSession()
    expect(
      (
        await say(token, {
          id: 'client-msg-page01',
          text: 'is this in stock?',
          page: 'javascript:alert(1)',
        })
      ).status
    ).toBe(400)
    expect(
      (
        await say(token, {
          id: 'client-msg-page02',
          text: 'is this in stock?',
          page: 'https://shop.example/products/blue-vase',
        })
      ).status
    ).toBe(200)
    const res = await api(`/api/v1/conversations/webchat:${sessionId}`, { headers: ADMIN })
    const view = (await res.json()) as { state: { vars: Record<string, string> } }
    expect(view.state.vars['customer.page']).toBe('https://shop.example/products/blue-vase')
  })
})

describe('read state', () => {
  it('tells the customer when a person has opened the conversation, and as they write while it is open', async () => {
    const { token, sessionId } = await newSession()
    expect((await say(token, { id: 'client-msg-read01', text: 'hello?' })).status).toBe(200)
    const customer = await openSocket(token)
    const agentRes = await env.CONVERSATION.getByName(`webchat:${sessionId}`).fetch(
      new Request('https://conversation/ws?role=agent&name=Mia', {
        headers: { Upgrade: 'websocket' },
      })
    )
    expect(agentRes.status).toBe(101)
    agentRes.webSocket?.accept()
    await customer.until(1)
    const read = customer.frames.find((f) => f.type === 'read') as unknown as { upTo: number }
    const first = (await history(token)).find((m) => m.direction === 'in')
    expect(read.upTo).toBe(first?.id)
    agentRes.webSocket?.close()
  })
})
