import { describe, expect, it, vi } from 'vitest'
import type { WebhookRequest } from '../../src/channels/types'
import { type GraphRules, classifyGraph, graphError, postGraph } from './graph'
import { handshakeResult, verifyHandshake } from './handshake'
import { SIGNATURE_HEADER, signBody, verifySignature } from './signature'
import { splitTail, splitText, truncate, withNumberedList } from './text'
import { verifyMetaWebhook } from './verify'
import { WINDOW_MS, windowOpen } from './window'

// Official vector #4 (WhatsApp-Nodejs-SDK src/__tests__/utils.test.ts, secret from jest.config.ts).
const VECTOR = {
  secret: 'TEST_APP_SECRET',
  body: 'test',
  header: 'sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221',
}

const RULES: GraphRules = {
  throttled: new Map([
    [4, 60_000],
    [131056, 6_000],
    [99, undefined],
  ]),
  transient: new Set([1, 2]),
  windowClosed: (error) => error.code === 131047,
}

const graph = (code: number, extra: object = {}) => ({
  error: { message: `(#${code}) boom`, type: 'OAuthException', code, fbtrace_id: 'Ax1', ...extra },
})

describe('signature', () => {
  it('reproduces official vector #4', async () => {
    expect(await signBody(VECTOR.secret, VECTOR.body)).toBe(VECTOR.header)
    expect(await verifySignature(VECTOR.secret, VECTOR.body, VECTOR.header)).toBe(true)
  })

  it('accepts upper-case hex and surrounding spaces', async () => {
    const upper = `sha256=${VECTOR.header.slice(7).toUpperCase()}`
    expect(await verifySignature(VECTOR.secret, VECTOR.body, ` ${upper} `)).toBe(true)
  })

  it('rejects missing, malformed, SHA-1, tampered or wrong-secret signatures', async () => {
    const check = (header: string | null, body = VECTOR.body, secret = VECTOR.secret) =>
      verifySignature(secret, body, header)
    expect(await check(null)).toBe(false)
    expect(await check('')).toBe(false)
    expect(await check('sha256=')).toBe(false)
    expect(await check(VECTOR.header.slice(7))).toBe(false)
    expect(await check(`${VECTOR.header}00`)).toBe(false)
    expect(await check('sha1=a94a8fe5ccb19ba61c4c0873d391e987982fbbd3')).toBe(false)
    expect(await check(VECTOR.header, 'tesT')).toBe(false)
    expect(await check(VECTOR.header, 'test ')).toBe(false)
    expect(await check(VECTOR.header, VECTOR.body, 'TEST_APP_SECRET2')).toBe(false)
  })
})

describe('handshake', () => {
  const url = (query: string) => new URL(`https://engine.test/webhooks/whatsapp?${query}`)
  const good = 'hub.mode=subscribe&hub.verify_token=vt-123&hub.challenge=1158201444'

  it('accepts the verify token and echoes the challenge as text/plain', async () => {
    expect(await verifyHandshake(url(good), 'vt-123')).toBe(true)
    const result = handshakeResult(url(good))
    if (result.kind !== 'handshake') throw new Error(result.kind)
    expect(result.response.status).toBe(200)
    expect(result.response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await result.response.text()).toBe('1158201444')
  })

  it('rejects a wrong or missing token, another mode or a missing challenge', async () => {
    expect(await verifyHandshake(url(good), 'vt-1234')).toBe(false)
    expect(await verifyHandshake(url(good.replace('vt-123', '')), 'vt-123')).toBe(false)
    expect(await verifyHandshake(url('hub.mode=subscribe&hub.challenge=1'), 'vt-123')).toBe(false)
    const unsubscribe = url(good.replace('subscribe', 'unsubscribe'))
    expect(await verifyHandshake(unsubscribe, 'vt-123')).toBe(false)
    const noChallenge = url('hub.mode=subscribe&hub.verify_token=vt-123')
    expect(await verifyHandshake(noChallenge, 'vt-123')).toBe(false)
    expect(handshakeResult(url('hub.mode=subscribe')).kind).toBe('invalid')
  })

  it('routes GET to the handshake and POST to the signature; other methods fail', async () => {
    const secrets = { appSecret: VECTOR.secret, verifyToken: 'vt-123' }
    const req = (method: string, query: string, headers: Record<string, string> = {}) =>
      ({
        method,
        url: url(query),
        headers: new Headers(headers),
        body: VECTOR.body,
        receivedAt: 0,
      }) satisfies WebhookRequest
    expect(await verifyMetaWebhook(req('GET', good), secrets)).toBe(true)
    // A POST is never authenticated by the verify token in the query.
    expect(await verifyMetaWebhook(req('POST', good), secrets)).toBe(false)
    const signed = { [SIGNATURE_HEADER]: VECTOR.header }
    expect(await verifyMetaWebhook(req('POST', '', signed), secrets)).toBe(true)
    expect(await verifyMetaWebhook(req('PUT', '', signed), secrets)).toBe(false)
  })
})

describe('text', () => {
  it('splits at a newline, then a space, in the last half of the window', () => {
    expect(splitText('aaaa\nbbb ccc', 10)).toEqual(['aaaa\nbbb', 'ccc'])
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)])
    expect(splitText('   ', 10)).toEqual([])
  })

  it('never splits a surrogate pair', () => {
    const chunks = splitText(`a${'😀'.repeat(10)}`, 10)
    expect(chunks.map((chunk) => chunk.length)).toEqual([9, 10, 2])
    for (const chunk of chunks) expect(chunk.isWellFormed()).toBe(true)
  })

  it('cuts a tail that fits, at a separator when there is one, never inside a pair', () => {
    expect(splitTail('short', 10)).toEqual({ head: '', tail: 'short' })
    expect(splitTail('aaaa bbb cccccc', 10)).toEqual({ head: 'aaaa', tail: 'bbb cccccc' })
    expect(splitTail('aaaa\nbb cc dddd', 10)).toEqual({ head: 'aaaa', tail: 'bb cc dddd' })
    expect(splitTail('abcdefghijklmno', 10)).toEqual({ head: 'abcde', tail: 'fghijklmno' })
    const smiles = `${'😀'.repeat(5)}x`
    expect(splitTail(smiles, 10)).toEqual({ head: '😀', tail: `${'😀'.repeat(4)}x` })
  })

  it('truncates with an ellipsis, never inside a pair', () => {
    expect(truncate('Where is my order', 20)).toBe('Where is my order')
    expect(truncate('Where is my order right now', 20)).toBe('Where is my order r…')
    expect(truncate(`${'a'.repeat(18)}😀x`, 20)).toBe(`${'a'.repeat(18)}…`)
  })

  it('numbers buttons under the text, labels falling back to ids', () => {
    const buttons = [
      { id: 'a', label: 'Yes' },
      { id: 'b', label: ' ' },
    ]
    expect(withNumberedList('Pick one', buttons)).toBe('Pick one\n\n1. Yes\n2. b')
    expect(withNumberedList('', buttons)).toBe('1. Yes\n2. b')
  })
})

describe('window', () => {
  it('is open up to 24 hours after the last inbound message, closed without one', () => {
    expect(windowOpen({ now: WINDOW_MS, lastInboundAt: 0 })).toBe(true)
    expect(windowOpen({ now: WINDOW_MS + 1, lastInboundAt: 0 })).toBe(false)
    expect(windowOpen({ now: 5, lastInboundAt: null })).toBe(false)
  })
})

describe('graph errors', () => {
  it('reads the Graph error object', () => {
    expect(graphError(graph(100, { error_subcode: 33, is_transient: false }))).toEqual({
      message: '(#100) boom',
      code: 100,
      subcode: 33,
      transient: false,
    })
    expect(graphError({ ok: true })).toBeNull()
    expect(graphError(null)).toBeNull()
  })

  it('maps the window error to window_closed, final, whatever the status', () => {
    expect(classifyGraph(400, graph(131047), RULES)).toEqual({
      ok: false,
      retryable: false,
      reason: 'window_closed',
    })
  })

  it('retries rate limits after the rule hint, a Retry-After header or the engine backoff', () => {
    expect(classifyGraph(400, graph(4), RULES)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
      reason: 'Graph error 4: (#4) boom',
    })
    expect(classifyGraph(400, graph(131056), RULES, '9')).toMatchObject({ retryAfterMs: 9000 })
    expect(classifyGraph(429, null, RULES)).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 429',
    })
    expect(classifyGraph(400, graph(99), RULES)).toEqual({
      ok: false,
      retryable: true,
      reason: 'Graph error 99: (#99) boom',
    })
  })

  it('retries 5xx, transient codes and is_transient; everything else is final', () => {
    expect(classifyGraph(502, null, RULES)).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 502',
    })
    expect(classifyGraph(400, graph(2), RULES)).toMatchObject({ retryable: true })
    expect(classifyGraph(400, graph(7, { is_transient: true }), RULES)).toMatchObject({
      retryable: true,
    })
    expect(classifyGraph(401, graph(190, { error_subcode: 463 }), RULES)).toEqual({
      ok: false,
      retryable: false,
      reason: 'Graph error 190/463: (#190) boom',
    })
    expect(classifyGraph(404, null, RULES)).toEqual({
      ok: false,
      retryable: false,
      reason: 'HTTP 404',
    })
  })

  it('posts JSON with a timeout and redacts credentials from failures', async () => {
    const fetchFake = vi.fn<typeof fetch>(async () => {
      throw new Error('cannot reach https://graph.test/v21.0/me/messages?access_token=SECRET%2B1')
    })
    const result = await postGraph({
      fetch: fetchFake,
      url: 'https://graph.test/v21.0/me/messages?access_token=SECRET%2B1',
      payload: { a: 1 },
      rules: RULES,
      secrets: ['SECRET+1', 'SECRET%2B1'],
    })
    expect(result).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: cannot reach https://graph.test/v21.0/me/messages?access_token=<redacted>',
    })
    const init = fetchFake.mock.calls[0]?.[1]
    expect(init?.method).toBe('POST')
    expect(init?.signal).toBeInstanceOf(AbortSignal)
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json')
    expect(init?.body).toBe('{"a":1}')
  })

  it('treats a 2xx carrying a Graph error as a failure', async () => {
    const fetchFake = vi.fn<typeof fetch>(async () => Response.json(graph(100)))
    const request = { fetch: fetchFake, url: 'https://g.test', payload: {}, rules: RULES }
    const result = await postGraph({ ...request, secrets: [] })
    expect(result).toMatchObject({ ok: false, retryable: false })
  })
})
