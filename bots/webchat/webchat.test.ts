import { describe, expect, it } from 'vitest'
import type { OutboundMessage, WebhookRequest } from '../../src/channels/types'
import { chat } from '../../src/routes/chat'
import { webchat } from './index'
import { chatPage, escapeHtml } from './page'
import { hmac } from '../../src/lib/crypto'
import { toBase64Url } from '../../src/lib/encoding'
import {
  bearerToken,
  createSession,
  LEGACY_TOKENS_UNTIL,
  protocolToken,
  readSession,
  renewableSession,
  tokenExpiry,
  TOKEN_TTL_MS,
  unverifiedSessionId,
} from './session'

const SECRET = 'test-webchat-secret'

const adapter = () => {
  const a = webchat({ WEBCHAT_SECRET: SECRET } as Env)
  if (!a) throw new Error('adapter not configured')
  return a
}

const request = (
  body: string,
  headers: Record<string, string> = {},
  receivedAt = 1_700_000_000_000
): WebhookRequest => ({
  method: 'POST',
  url: new URL('https://shop.test/webhooks/webchat'),
  headers: new Headers(headers),
  body,
  receivedAt,
})

describe('webchat session tokens', () => {
  it('round-trips a new session', async () => {
    const { sessionId, token } = await createSession(SECRET)
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(token.startsWith(sessionId + '.')).toBe(true)
    expect(await readSession(SECRET, token)).toBe(sessionId)
    expect(unverifiedSessionId(token)).toBe(sessionId)
  })

  it('issues distinct sessions', async () => {
    const a = await createSession(SECRET)
    const b = await createSession(SECRET)
    expect(a.sessionId).not.toBe(b.sessionId)
  })

  it('rejects tampered, foreign and swapped tokens', async () => {
    const { token } = await createSession(SECRET)
    const other = await createSession(SECRET)
    const [id, exp, mac] = token.split('.') as [string, string, string]
    const flip = (s: string, i: number) =>
      s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
    expect(await readSession(SECRET, `${id}.${exp}.${flip(mac, 5)}`)).toBeNull()
    expect(await readSession(SECRET, `${flip(id, 0)}.${exp}.${mac}`)).toBeNull()
    expect(await readSession(SECRET, `${other.sessionId}.${exp}.${mac}`)).toBeNull()
    // A later expiry can't be written in: the expiry is signed.
    expect(
      await readSession(SECRET, `${id}.${(parseInt(exp, 36) + 1).toString(36)}.${mac}`)
    ).toBeNull()
    expect(await readSession('another-secret', token)).toBeNull()
    expect(await readSession('', token)).toBeNull()
    expect(await readSession(SECRET, token + 'x')).toBeNull()
    expect(await readSession(SECRET, ` ${token}`)).toBeNull()
  })

  it('expires tokens after a week; a renewal continues the session, an expired token does not', async () => {
    const now = Date.UTC(2026, 11, 4)
    const { sessionId, token } = await createSession(SECRET, now)
    expect(await readSession(SECRET, token, now + TOKEN_TTL_MS - 1)).toBe(sessionId)
    expect(await readSession(SECRET, token, now + TOKEN_TTL_MS)).toBeNull()
    expect(await renewableSession(SECRET, token, now + TOKEN_TTL_MS)).toBeNull()
    expect(await renewableSession(SECRET, token, now + 1000)).toBe(sessionId)
    expect(tokenExpiry(token)).toBe(now + TOKEN_TTL_MS)
  })

  it('exchanges a token of the old, non-expiring format during a week of grace, and accepts it nowhere else', async () => {
    const sessionId = 'a'.repeat(24)
    const mac = toBase64Url(await hmac(SECRET, 'webchat-session:' + sessionId))
    const legacy = `${sessionId}.${mac}`
    const during = LEGACY_TOKENS_UNTIL - 1000
    expect(await readSession(SECRET, legacy, during)).toBeNull()
    expect(await renewableSession(SECRET, legacy, during)).toBe(sessionId)
    expect(await renewableSession('another-secret', legacy, during)).toBeNull()
    // After the grace period an old token starts a new session instead.
    expect(await renewableSession(SECRET, legacy, LEGACY_TOKENS_UNTIL)).toBeNull()
  })

  it('reads the token a browser offers as a WebSocket subprotocol', () => {
    expect(protocolToken('webchat, token.abc.def.ghi')).toBe('abc.def.ghi')
    expect(protocolToken('webchat')).toBeNull()
    expect(protocolToken(undefined)).toBeNull()
  })

  it('rejects garbage without throwing', async () => {
    const garbage: unknown[] = [
      '',
      '.',
      'a.b',
      'no-dot-at-all',
      'x'.repeat(100_000),
      `${'a'.repeat(24)}.${'b'.repeat(43)}`,
      'é'.repeat(24) + '.' + 'é'.repeat(43),
      null,
      undefined,
      42,
      {},
    ]
    for (const token of garbage) {
      expect(await readSession(SECRET, token)).toBeNull()
    }
    expect(unverifiedSessionId('garbage')).toBeNull()
    expect(unverifiedSessionId(undefined)).toBeNull()
  })

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def')
    expect(bearerToken('bearer   abc.def ')).toBe('abc.def')
    expect(bearerToken('Basic abc')).toBeNull()
    expect(bearerToken('Bearer')).toBeNull()
    expect(bearerToken('Bearer a b')).toBeNull()
    expect(bearerToken(null)).toBeNull()
    expect(bearerToken(undefined)).toBeNull()
  })
})

describe('webchat adapter', () => {
  it('is not configured without a secret', () => {
    expect(webchat({} as Env)).toBeNull()
    expect(webchat({ WEBCHAT_SECRET: '' } as Env)).toBeNull()
  })

  it('verifies the bearer token', async () => {
    const { token } = await createSession(SECRET)
    const foreign = await createSession('another-secret')
    const a = adapter()
    expect(await a.verify(request('{}', { authorization: `Bearer ${token}` }))).toBe(true)
    expect(await a.verify(request('{}'))).toBe(false)
    expect(await a.verify(request('{}', { authorization: token }))).toBe(false)
    expect(await a.verify(request('{}', { authorization: `Bearer ${foreign.token}` }))).toBe(false)
    expect(await a.verify(request('{}', { authorization: 'Bearer garbage' }))).toBe(false)
  })

  it('parses a text message', async () => {
    const { sessionId, token } = await createSession(SECRET)
    const body = JSON.stringify({ id: 'abc12345', text: 'Where is my order?' })
    const req = request(body, {
      authorization: `Bearer ${token}`,
      'accept-language': 'de-CH,de;q=0.9,en;q=0.8',
    })
    const result = adapter().parse(req)
    expect(result).toEqual({
      kind: 'events',
      events: [
        {
          channel: 'webchat',
          type: 'message',
          conversationKey: `webchat:${sessionId}`,
          externalId: 'client:abc12345',
          sender: { id: sessionId, isBot: false, languageHint: 'de-CH' },
          sentAt: req.receivedAt,
          text: 'Where is my order?',
          attachments: [],
          raw: { id: 'abc12345', text: 'Where is my order?' },
        },
      ],
    })
  })

  it('parses a button press, with and without a label', async () => {
    const { sessionId, token } = await createSession(SECRET)
    const auth = { authorization: `Bearer ${token}` }
    const labelled = adapter().parse(
      request(JSON.stringify({ id: 'btn_0001-x', action: 'track', label: 'Track order' }), auth)
    )
    expect(labelled.kind).toBe('events')
    if (labelled.kind !== 'events') return
    expect(labelled.events).toHaveLength(1)
    expect(labelled.events[0]).toMatchObject({
      type: 'action',
      actionId: 'track',
      label: 'Track order',
      conversationKey: `webchat:${sessionId}`,
      externalId: 'client:btn_0001-x',
      sender: { id: sessionId, isBot: false },
    })
    expect(labelled.events[0]?.sender.languageHint).toBeUndefined()

    const bare = adapter().parse(request(JSON.stringify({ id: 'btn_0002-x', action: 'x' }), auth))
    const event = bare.kind === 'events' ? bare.events[0] : undefined
    expect(event).toMatchObject({ type: 'action', actionId: 'x' })
    expect(event && 'label' in event).toBe(false)
  })

  it('accepts text of exactly 4000 chars and 64-char ids', async () => {
    const { token } = await createSession(SECRET)
    const body = JSON.stringify({ id: 'a'.repeat(64), text: 'x'.repeat(4000) })
    expect(adapter().parse(request(body, { authorization: `Bearer ${token}` })).kind).toBe('events')
  })

  it('answers invalid for malformed bodies, never throwing', async () => {
    const { token } = await createSession(SECRET)
    const auth = { authorization: `Bearer ${token}` }
    const bodies = [
      '',
      '{',
      'null',
      '[]',
      '"text"',
      '42',
      JSON.stringify({ text: 'hi' }),
      JSON.stringify({ id: 'short', text: 'hi' }),
      JSON.stringify({ id: 'has spaces in it', text: 'hi' }),
      JSON.stringify({ id: 'x'.repeat(65), text: 'hi' }),
      JSON.stringify({ id: 12345678, text: 'hi' }),
      JSON.stringify({ id: 'abc12345', text: '' }),
      JSON.stringify({ id: 'abc12345', text: '   \n ' }),
      JSON.stringify({ id: 'abc12345', text: 'x'.repeat(4001) }),
      JSON.stringify({ id: 'abc12345', text: 42 }),
      JSON.stringify({ id: 'abc12345' }),
      JSON.stringify({ id: 'abc12345', text: 'hi', action: 'a' }),
      JSON.stringify({ id: 'abc12345', action: '' }),
      JSON.stringify({ id: 'abc12345', action: 'a', label: 7 }),
      JSON.stringify({ id: 'abc12345', text: 'hi', extra: true }),
      'x'.repeat(70_000),
    ]
    for (const body of bodies) {
      const result = adapter().parse(request(body, auth))
      expect(result.kind, body.slice(0, 80)).toBe('invalid')
      if (result.kind === 'invalid') expect(result.reason.length).toBeGreaterThan(0)
    }
    const noToken = adapter().parse(request(JSON.stringify({ id: 'abc12345', text: 'hi' })))
    expect(noToken.kind).toBe('invalid')
  })

  it('sends by acknowledging the outbox row', async () => {
    const message: OutboundMessage = {
      to: { channel: 'webchat', conversationKey: 'webchat:abc' },
      text: 'Hello',
      buttons: [{ id: 'a', label: 'A' }],
      idempotencyKey: 'out-42',
      now: 1_700_000_000_000,
      lastInboundAt: null,
    }
    expect(await adapter().send(message)).toEqual({ ok: true, externalId: 'out-42' })
  })
})

describe('webchat page', () => {
  it('escapes the shop name', () => {
    const html = chatPage({ shopName: '<script>alert("x")</script> & Co\'s' })
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s')
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(html.match(/<\/script>/g)).toHaveLength(1)
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'
    )
  })

  it('never builds HTML from strings in the browser and loads nothing external', () => {
    const html = chatPage({ shopName: 'Demo Shop' })
    const sinks = ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(']
    for (const sink of sinks) {
      expect(html, sink).not.toContain(sink)
    }
    expect(html).toContain('textContent')
    // The one link is the favicon, inline as a data: URL.
    expect(html.replace(/<link rel="icon" href="data:image\/svg\+xml,[^"]*">/, '')).not.toMatch(
      /<(link|img|iframe)\b/
    )
    expect(html).not.toMatch(/\bsrc=/)
    expect(html).not.toMatch(/@import|url\(/)
  })

  it('carries the protocol the Durable Object speaks', () => {
    // The script is the client's compiled source: its strings may be printed with either quote.
    const html = chatPage({ shopName: 'Demo Shop' }).replaceAll('"', "'")
    for (const part of [
      "'/webhooks/webchat'",
      "'/session'",
      "'/session/renew'",
      "'/history'",
      "'/ws'",
      "'token.'",
    ]) {
      expect(html).toContain(part)
    }
    expect(html).toContain("send('ping')")
    expect(html).toContain('localStorage')
  })
})

interface Call {
  name: string
  query?: unknown
  request?: Request
}

const fakeEnv = (overrides: Partial<Record<string, unknown>> = {}) => {
  const calls: Call[] = []
  const namespace = {
    getByName: (name: string) => ({
      customerHistory: async (query: unknown) => {
        calls.push({ name, query })
        return {
          ok: true,
          value: {
            messages: [
              { id: 1, direction: 'in', author: 'customer', text: 'hi', at: 1, status: 'received' },
            ],
          },
        }
      },
      fetch: async (req: Request) => {
        calls.push({ name, request: req })
        const pair = new WebSocketPair()
        pair[1].accept()
        return new Response(null, { status: 101, webSocket: pair[0] })
      },
    }),
  }
  const env = {
    WEBCHAT_SECRET: SECRET,
    SHOP_NAME: 'Demo <b>Shop</b>',
    CONVERSATION: namespace,
    ...overrides,
  } as unknown as Env
  return { env, calls }
}

describe('/chat routes', () => {
  it('serves the page with security headers', async () => {
    const { env } = fakeEnv()
    const res = await chat.request('/', {}, env)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain('Demo &lt;b&gt;Shop&lt;/b&gt;')
    // No inline script or style runs unless it is exactly the page's own (by hash).
    expect(csp).not.toContain('unsafe-inline')
    const digest = async (text: string) =>
      btoa(
        String.fromCharCode(
          ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
        )
      )
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    expect(csp).toContain(`script-src 'sha256-${await digest(script)}'`)
    expect(csp).toContain(`style-src 'sha256-${await digest(style)}'`)
    expect(csp).toContain("frame-ancestors 'self'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("connect-src 'self' ws://localhost")
    expect(html).not.toMatch(/ style="/)
    const framed = await chat.request(
      '/',
      {},
      { ...env, CHAT_FRAME_ANCESTORS: 'https://shop.example' }
    )
    expect(framed.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://shop.example'
    )
  })

  it('answers 404 channel_not_configured everywhere without a secret', async () => {
    const { env } = fakeEnv({ WEBCHAT_SECRET: undefined })
    for (const [path, method] of [
      ['/', 'GET'],
      ['/session', 'POST'],
      ['/history', 'GET'],
      ['/ws', 'GET'],
    ] as const) {
      const res = await chat.request(path, { method }, env)
      expect(res.status, path).toBe(404)
      const body = await res.json<{ error: { code: string; message: string } }>()
      expect(body.error.code).toBe('channel_not_configured')
      expect(body.error.message.length).toBeGreaterThan(0)
    }
  })

  it('creates sessions', async () => {
    const { env } = fakeEnv()
    const res = await chat.request('/session', { method: 'POST' }, env)
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = await res.json<{ token: string; sessionId: string }>()
    expect(await readSession(SECRET, body.token)).toBe(body.sessionId)
  })

  it('serves history to the token holder only, from its own conversation', async () => {
    const { env, calls } = fakeEnv()
    const { sessionId, token } = await createSession(SECRET)
    const auth = { headers: { authorization: `Bearer ${token}` } }

    expect((await chat.request('/history', {}, env)).status).toBe(401)
    const forged = await chat.request('/history', { headers: { authorization: 'Bearer x.y' } }, env)
    expect(forged.status).toBe(401)
    expect((await forged.json<{ error: { code: string } }>()).error.code).toBe('unauthorized')
    expect(calls).toHaveLength(0)

    const res = await chat.request('/history', auth, env)
    expect(res.status).toBe(200)
    const message = { id: 1, direction: 'in', author: 'customer', text: 'hi', at: 1 }
    expect(await res.json()).toEqual({ messages: [{ ...message, status: 'received' }] })
    await chat.request('/history?limit=10&before=5', auth, env)
    expect(calls).toEqual([
      { name: `webchat:${sessionId}`, query: { limit: 50 } },
      { name: `webchat:${sessionId}`, query: { limit: 10, before: 5 } },
    ])
  })

  it('rejects bad history queries', async () => {
    const { env, calls } = fakeEnv()
    const { token } = await createSession(SECRET)
    const auth = { headers: { authorization: `Bearer ${token}` } }
    for (const q of [
      'limit=0',
      'limit=201',
      'limit=abc',
      'limit=-1',
      'limit=1.5',
      'limit=',
      'before=0',
      'before=-3',
      'before=x',
      'before=99999999999999999',
    ]) {
      const res = await chat.request(`/history?${q}`, auth, env)
      expect(res.status, q).toBe(400)
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('invalid_query')
    }
    expect(calls).toHaveLength(0)
    expect((await chat.request('/history?limit=200&before=1', auth, env)).status).toBe(200)
    expect((await chat.request('/history?limit=1', auth, env)).status).toBe(200)
  })

  it('forwards an authorized WebSocket upgrade to the conversation untouched', async () => {
    const { env, calls } = fakeEnv()
    const { sessionId, token } = await createSession(SECRET)

    const offer = (tk: string) => ({
      headers: { upgrade: 'websocket', 'sec-websocket-protocol': `webchat, token.${tk}` },
    })
    const plain = await chat.request(
      '/ws',
      { headers: { 'sec-websocket-protocol': `webchat, token.${token}` } },
      env
    )
    expect(plain.status).toBe(426)

    expect((await chat.request('/ws', { headers: { upgrade: 'websocket' } }, env)).status).toBe(401)
    expect((await chat.request('/ws', offer('a.b'), env)).status).toBe(401)
    // The token is not taken from the URL any more.
    expect(
      (
        await chat.request(
          `/ws?token=${encodeURIComponent(token)}`,
          { headers: { upgrade: 'websocket' } },
          env
        )
      ).status
    ).toBe(401)
    expect(calls).toHaveLength(0)

    const res = await chat.request('/ws', offer(token), env)
    expect(res.status).toBe(101)
    expect(res.headers.get('sec-websocket-protocol')).toBe('webchat')
    expect(res.webSocket).toBeTruthy()
    res.webSocket?.accept()
    expect(calls).toHaveLength(1)
    expect(calls[0]?.name).toBe(`webchat:${sessionId}`)
    expect(calls[0]?.request?.url).toBe('https://conversation/ws?role=customer')
    expect(calls[0]?.request?.headers.get('upgrade')).toBe('websocket')
  })
})
