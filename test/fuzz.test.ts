/// <reference types="vite/client" />
import { listDurableObjectIds } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BOTS, getAdapter } from '../bots'
import type { AdapterContract } from '../src/channels/contract'
import { CHANNELS, type ChannelAdapter, type WebhookRequest } from '../src/channels/types'
import { ADMIN, api, TELEGRAM_SECRET } from './helpers'
import {
  lineSigned,
  metaSigned,
  slackSigned,
  telegramSigned,
  twilioSigned,
} from './support/signatures'

const modules = import.meta.glob<{ contract: AdapterContract }>('../bots/*/contract.ts', {
  eager: true,
})
const contracts = Object.values(modules)
  .map((m) => m.contract)
  .filter((c) => BOTS[c.channel])

/** Fixed seeds: a failure names its seed and path, and CI sees the same cases every run. */
const RUNS = { numRuns: 100, seed: 20_261_123 }
const NOW = Date.UTC(2026, 10, 23, 8, 0, 0)
const KINDS = ['events', 'handshake', 'invalid', 'sync']
const DEPTH = { min: 900, max: 1100 }

const build = (contract: AdapterContract): ChannelAdapter => {
  const adapter = BOTS[contract.channel]?.(contract.env as unknown as Env)
  if (!adapter) throw new Error(`${contract.channel} did not configure`)
  return adapter
}

/** verify resolves to a boolean; parse, before and after it, gives a known kind; none throws. */
const check = async (adapter: ChannelAdapter, req: WebhookRequest): Promise<boolean> => {
  const before = adapter.parse(req)
  expect(KINDS).toContain(before.kind)
  const verified = await adapter.verify(req)
  expect(typeof verified).toBe('boolean')
  expect(KINDS).toContain(adapter.parse(req).kind)
  return verified
}

// ---- generators ----

/** Printable ASCII only: header values and query strings must be constructible. */
const ascii = (maxLength = 80) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength,
  })

const anyString = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    '{',
    '}',
    '[',
    'null',
    'true',
    '0',
    '-1e999',
    '"',
    '<xml>',
    '<xml><Encrypt></Encrypt></xml>',
    'a=1&b',
    '%',
    '%zz',
    '\u0000',
    '\ud800',
    '\ufeff{}'
  )
)

/** A JSON text nested `depth` deep: objects, arrays, or both alternating. */
const deepJson = fc
  .record({
    depth: fc.integer(DEPTH),
    kind: fc.constantFrom('object', 'array', 'mixed'),
    leaf: fc.constantFrom('1', '"x"', 'null', '{}', '[]'),
  })
  .map(({ depth, kind, leaf }) => {
    const object = (i: number) => kind === 'object' || (kind === 'mixed' && i % 2 === 0)
    let open = ''
    let close = ''
    for (let i = 0; i < depth; i++) {
      open += object(i) ? '{"a":' : '['
      close = (object(i) ? '}' : ']') + close
    }
    return open + leaf + close
  })

/** Wrongly typed values: any JSON value, or any JS value serialized (undefined becomes ''). */
const wrongJson = fc.oneof(
  fc.json({ maxDepth: 6 }),
  fc.anything({ maxDepth: 4 }).map((value) => {
    try {
      // JSON.stringify(undefined) is undefined, whatever its declared type says.
      return (JSON.stringify(value) as string | undefined) ?? ''
    } catch {
      return String(value)
    }
  })
)

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Every path into a JSON value (the root too). */
const pathsOf = (value: Json, prefix: (string | number)[] = []): (string | number)[][] => {
  const here = [prefix]
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])))
  if (value && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])))
  return here
}

/** Marks a node to remove instead of replace (missing fields). */
const DROP = Symbol('drop')

/** A copy of `value` with the node at `path` replaced (or removed). */
const replaceAt = (
  value: Json,
  path: (string | number)[],
  replacement: Json | typeof DROP
): Json => {
  const [head, ...rest] = path
  if (head === undefined) return replacement === DROP ? null : replacement
  if (Array.isArray(value)) {
    if (rest.length === 0 && replacement === DROP) return value.filter((_, i) => i !== head)
    return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v))
  }
  if (value && typeof value === 'object') {
    const { [head]: child, ...others } = value
    if (rest.length === 0 && replacement === DROP) return others
    return { ...others, [head]: replaceAt(child ?? null, rest, replacement) }
  }
  return value
}

const deepValue = deepJson.map((text) => JSON.parse(text) as Json)

/** The platform's payload with one node replaced by a wrongly typed or deep value, or removed. */
const mutated = (shape: Json) => {
  const paths = pathsOf(shape)
  const replacement = fc.oneof(
    { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
    { weight: 2, arbitrary: fc.constant<typeof DROP>(DROP) },
    { weight: 1, arbitrary: deepValue }
  )
  return fc
    .tuple(fc.integer({ min: 0, max: paths.length - 1 }), replacement)
    .map(([i, value]) => JSON.stringify(replaceAt(shape, paths[i] ?? [], value)))
}

/** A value that is never `real`: random text, a strict prefix of it, or it plus a character. */
const notThe = (real: string) =>
  fc
    .oneof(
      ascii(120),
      fc.integer({ min: 0, max: Math.max(0, real.length - 1) }).map((n) => real.slice(0, n)),
      fc
        .tuple(fc.constantFrom('x', '0', '=', 'A', '/'), fc.boolean())
        .map(([c, front]) => (front ? c + real : real + c)),
      fc
        .string({
          unit: fc.constantFrom(...'0123456789abcdef'.split('')),
          minLength: 64,
          maxLength: 64,
        })
        .map((hex) => `sha256=${hex}`),
      fc.integer({ min: 0, max: 2 ** 40 }).map(String)
    )
    .map((value) => (value.trim() === real.trim() ? `${value}x` : value))

/** The signed request with every header but content-type and every query value replaced. */
const forged = (signed: WebhookRequest) => {
  const headerNames = [...signed.headers.keys()].filter((name) => name !== 'content-type')
  const queryNames = [...signed.url.searchParams.keys()]
  return fc
    .record({
      headers: fc.tuple(...headerNames.map((name) => notThe(signed.headers.get(name) ?? ''))),
      query: fc.tuple(...queryNames.map((name) => notThe(signed.url.searchParams.get(name) ?? ''))),
      extra: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), ascii(40), { maxKeys: 4 }),
      method: fc.constantFrom('POST', 'POST', 'GET', 'PUT'),
    })
    .map(({ headers, query, extra, method }): WebhookRequest => {
      const h = new Headers(extra)
      h.set('content-type', signed.headers.get('content-type') ?? 'application/json')
      headerNames.forEach((name, i) => h.set(name, headers[i] as string))
      const url = new URL(signed.url.href)
      queryNames.forEach((name, i) => url.searchParams.set(name, query[i] as string))
      return { ...signed, method, headers: h, url }
    })
}

// ---- adapters ----

describe.each(contracts.map((c) => [c.channel, c] as const))(
  '%s adapter under fuzz',
  (_, contract) => {
    const adapter = build(contract)

    it('never throws on random bodies and verifies no body but the signed one', async () => {
      const signed = await contract.signed(NOW)
      await fc.assert(
        fc.asyncProperty(anyString, async (body) => {
          const verified = await check(adapter, { ...signed, body })
          if (contract.bodySigned && body !== signed.body) expect(verified).toBe(false)
        }),
        RUNS
      )
    })

    it('never throws on a cut signed body, and refuses it when the body is signed', async () => {
      const signed = await contract.signed(NOW)
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: signed.body.length - 1 }),
          fc.boolean(),
          async (cut, tail) => {
            const body = tail ? signed.body.slice(cut + 1) : signed.body.slice(0, cut)
            const verified = await check(adapter, { ...signed, body })
            if (contract.bodySigned) expect(verified).toBe(false)
          }
        ),
        RUNS
      )
    })

    it('never throws on wrongly typed JSON, alone or in the platform payload', async () => {
      const signed = await contract.signed(NOW)
      let shape: Json | undefined
      try {
        shape = JSON.parse(signed.body) as Json
      } catch {
        shape = undefined // form or XML bodies: random JSON only
      }
      const bodies = shape === undefined ? wrongJson : fc.oneof(wrongJson, mutated(shape))
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          await check(adapter, { ...signed, body })
        }),
        RUNS
      )
    })

    it('never throws on objects and arrays nested about 1000 deep', async () => {
      const signed = await contract.signed(NOW)
      let shape: Json | undefined
      try {
        shape = JSON.parse(signed.body) as Json
      } catch {
        shape = undefined
      }
      const paths = shape === undefined ? [] : pathsOf(shape)
      const bodies = fc.oneof(
        deepJson,
        fc
          .tuple(fc.integer({ min: 0, max: Math.max(0, paths.length - 1) }), deepValue)
          .map(([i, deep]) =>
            shape === undefined
              ? JSON.stringify(deep)
              : JSON.stringify(replaceAt(shape, paths[i] ?? [], deep))
          )
      )
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const verified = await check(adapter, { ...signed, body })
          if (contract.bodySigned) expect(verified).toBe(false)
        }),
        { ...RUNS, numRuns: 50 }
      )
    })

    it('verifies nothing whose signature headers or query are random or near misses', async () => {
      const signed = await contract.signed(NOW)
      await fc.assert(
        fc.asyncProperty(forged(signed), fc.boolean(), async (req, keepBody) => {
          const verified = await check(adapter, keepBody ? req : { ...req, body: '{}' })
          expect(verified).toBe(false)
        }),
        RUNS
      )
    })
  }
)

// ---- the ingress route through the Worker ----

const UNKNOWN = [
  'myspace',
  'Telegram',
  'TELEGRAM',
  'telegram ',
  'webhooks',
  'wechat2',
  '%00',
  'whatsapp.json',
]
const configured = CHANNELS.filter((c) => getAdapter(c, env))
const byChannel = new Map(contracts.map((c) => [c.channel as string, c]))

const post = (
  channel: string,
  req: { method: string; headers: Headers; body: string; query?: string }
) =>
  exports.default.fetch(
    new Request(`https://engine.test/webhooks/${encodeURIComponent(channel)}${req.query ?? ''}`, {
      method: req.method,
      headers: req.headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: req.body }),
    })
  )

/** Everything the fuzz could have stored: conversation and sync objects, and the D1 index. */
const footprint = async () => {
  const listed = await api('/api/v1/conversations?limit=200', { headers: ADMIN })
  expect(listed.status).toBe(200)
  const { conversations } = (await listed.json()) as { conversations: { key: string }[] }
  return {
    conversations: (await listDurableObjectIds(env.CONVERSATION)).map(String).sort(),
    syncs: (await listDurableObjectIds(env.SYNC)).map(String).sort(),
    index: conversations.map((c) => c.key).sort(),
  }
}

describe('webhook ingress under fuzz', () => {
  it('serves every configured channel and refuses unknown names', () => {
    expect(configured).toEqual(
      expect.arrayContaining([
        'telegram',
        'webchat',
        'slack',
        'whatsapp',
        'messenger',
        'line',
        'twilio',
      ])
    )
  })

  it(
    'answers random unsigned deliveries to every channel with a 4xx and stores nothing',
    { timeout: 60_000 },
    async () => {
      const before = await footprint()
      const names = [...configured, ...UNKNOWN]
      const signedByName = new Map<string, WebhookRequest>()
      for (const name of names) {
        const contract = byChannel.get(name)
        if (contract) signedByName.set(name, await contract.signed(Date.now()))
      }
      const statuses = new Map<number, number>()
      const delivery = fc.record({
        name: fc.oneof(fc.constantFrom(...names), fc.stringMatching(/^[a-z0-9_-]{1,16}$/)),
        body: fc.oneof(anyString, wrongJson, deepJson),
        method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'HEAD'),
        extra: fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), ascii(60), { maxKeys: 3 }),
        seed: fc.integer(),
      })
      await fc.assert(
        fc.asyncProperty(delivery, async ({ name, body, method, extra, seed }) => {
          const signed = signedByName.get(name)
          // The platform's own header names with random or near-miss values, sometimes with the
          // signed body (the signature is random, so it still cannot verify).
          const req = signed
            ? (fc.sample(forged(signed), { numRuns: 1, seed })[0] as WebhookRequest)
            : {
                method,
                headers: new Headers({ 'content-type': 'application/json' }),
                body,
                url: new URL('https://engine.test/'),
              }
          for (const [k, v] of Object.entries(extra)) req.headers.set(k, v)
          const res = await post(name, {
            method,
            headers: req.headers,
            body: seed % 3 === 0 && signed ? signed.body : body,
            query: req.url.search,
          })
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
          expect(
            [400, 401, 404, 405, 413],
            `${method} /webhooks/${name} -> ${res.status}`
          ).toContain(res.status)
          await res.body?.cancel()
        }),
        { ...RUNS, numRuns: 300 }
      )
      expect(statuses.get(401) ?? 0).toBeGreaterThan(0)
      expect(statuses.get(404) ?? 0).toBeGreaterThan(0)
      expect(await footprint()).toEqual(before)
    }
  )

  it('echoes any Meta handshake challenge as bare text, and 401s a wrong token', async () => {
    const before = await footprint()
    const tokens: Record<string, string | undefined> = {
      whatsapp: env.WHATSAPP_VERIFY_TOKEN,
      messenger: env.MESSENGER_VERIFY_TOKEN,
    }
    const channels = Object.keys(tokens).filter((c) => configured.includes(c as never))
    expect(channels.length).toBeGreaterThan(0)
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels),
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.boolean(),
        async (channel, challenge, right) => {
          const token = right ? (tokens[channel] as string) : `${tokens[channel]}x`
          const params = { 'hub.mode': 'subscribe', 'hub.verify_token': token }
          const query = `?${new URLSearchParams({ ...params, 'hub.challenge': challenge }).toString()}`
          const res = await post(channel, {
            method: 'GET',
            headers: new Headers(),
            body: '',
            query,
          })
          if (!right) {
            // Meta expects 403 for a wrong verify token on its subscription handshake.
            expect(res.status).toBe(403)
            await res.body?.cancel()
            return
          }
          expect(res.status).toBe(200)
          expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
          expect(await res.text()).toBe(challenge)
        }
      ),
      RUNS
    )
    expect(await footprint()).toEqual(before)
  })

  it(
    'stores a signed Telegram update exactly when the adapter finds events in it',
    { timeout: 60_000 },
    async () => {
      const adapter = getAdapter('telegram', env) as ChannelAdapter
      const fixture = JSON.parse(
        (await (byChannel.get('telegram') as AdapterContract).signed(NOW)).body
      ) as {
        update_id: number
        message: { chat: { id: number }; from: { id: number } }
      }
      // Fuzz-only chat ids, so nothing here can touch another test's conversation.
      let next = 990_000_000
      const shaped = fc.constant(null).chain(() => {
        const id = ++next
        const base = {
          ...fixture,
          update_id: id,
          message: {
            ...fixture.message,
            chat: { ...fixture.message.chat, id },
            from: { ...fixture.message.from, id },
          },
        }
        return mutated(base)
      })
      const expected = new Set<string>()
      const before = await footprint()
      await fc.assert(
        fc.asyncProperty(fc.oneof(shaped, shaped, wrongJson, deepJson), async (body) => {
          const headers = new Headers({
            'content-type': 'application/json',
            ...telegramSigned(TELEGRAM_SECRET),
          })
          const parsed = adapter.parse({
            method: 'POST',
            url: new URL('https://engine.test/webhooks/telegram'),
            headers,
            body,
            receivedAt: Date.now(),
          })
          const res = await post('telegram', { method: 'POST', headers, body })
          if (parsed.kind === 'invalid') expect(res.status, body.slice(0, 200)).toBe(400)
          else {
            expect(parsed.kind).toBe('events')
            expect(res.status, body.slice(0, 200)).toBe(200)
            if (parsed.kind === 'events')
              for (const e of parsed.events)
                expected.add(String(env.CONVERSATION.idFromName(e.conversationKey)))
          }
          await res.body?.cancel()
        }),
        { ...RUNS, numRuns: 150 }
      )
      const after = await footprint()
      expect(after.conversations.filter((id) => !before.conversations.includes(id)).sort()).toEqual(
        [...expected].sort()
      )
      expect(expected.size).toBeGreaterThan(0) // some mutations stayed valid updates
    }
  )

  const signers: Record<string, (body: string, url: URL) => Promise<Record<string, string>>> = {
    slack: (body) => slackSigned(env.SLACK_SIGNING_SECRET as string, body),
    whatsapp: (body) => metaSigned(env.META_APP_SECRET as string, body),
    messenger: (body) => metaSigned(env.META_APP_SECRET as string, body),
    line: (body) => lineSigned(env.LINE_CHANNEL_SECRET as string, body),
    twilio: (body, url) => twilioSigned(env.TWILIO_AUTH_TOKEN as string, url.href, body),
  }

  /** Form fields of a real payload with one value replaced or removed, or a random field added. */
  const mutatedForm = (body: string) => {
    const fields = [...new URLSearchParams(body)]
    return fc
      .tuple(
        fc.integer({ min: 0, max: fields.length }),
        fc.oneof(anyString, fc.constant(null)),
        fc.stringMatching(/^[A-Za-z]{1,12}$/)
      )
      .map(([i, value, name]) => {
        const next = fields
          .filter((_, j) => !(j === i && value === null))
          .map(([k, v], j) => [k, j === i && value !== null ? value : v])
        if (i === fields.length && value !== null) next.push([name, value])
        return new URLSearchParams(next).toString()
      })
  }

  it.each(Object.keys(signers).filter((c) => configured.includes(c as never)))(
    'never 5xxs a signed %s delivery of a mutated payload; stores only parsed events',
    { timeout: 60_000 },
    async (channel) => {
      const contract = byChannel.get(channel) as AdapterContract
      const adapter = getAdapter(channel, env) as ChannelAdapter
      const signed = await contract.signed(Date.now())
      let shape: Json | undefined
      try {
        shape = JSON.parse(signed.body) as Json
      } catch {
        shape = undefined
      }
      const bodies =
        shape === undefined
          ? mutatedForm(signed.body)
          : fc.oneof(mutated(shape), mutated(shape), wrongJson, deepJson)
      const expected = new Set<string>()
      const before = await footprint()
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const headers = new Headers({
            'content-type': signed.headers.get('content-type') ?? 'application/json',
            ...(await signers[channel]?.(body, signed.url)),
          })
          const req = { method: 'POST', url: signed.url, headers, body, receivedAt: Date.now() }
          expect(await adapter.verify(req)).toBe(true)
          const parsed = adapter.parse(req)
          const res = await post(channel, { method: 'POST', headers, body })
          expect(res.status, `${parsed.kind}: ${body.slice(0, 300)}`).toBeLessThan(500)
          expect(res.status).toBe(parsed.kind === 'invalid' ? 400 : 200)
          if (parsed.kind === 'events') {
            for (const e of parsed.events) {
              expected.add(String(env.CONVERSATION.idFromName(e.conversationKey)))
            }
          }
          await res.body?.cancel()
        }),
        { ...RUNS, numRuns: 80 }
      )
      const created = (await footprint()).conversations.filter(
        (id) => !before.conversations.includes(id)
      )
      for (const id of created)
        expect(expected.has(id), `object ${id} was created by no parsed event`).toBe(true)
    }
  )

  // RPC serialization of a deeply nested `raw` overflows the stack; the ingress bounds `raw` to
  // JSON text before the call, so such a message is stored instead of answered 503 forever.
  it('stores a signed update with a field nested 20,000 deep instead of a 503 forever', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    const body = JSON.stringify({
      update_id: 990_500_001,
      message: { message_id: 1, chat: { id: 990_500_001 }, date: 1, text: 'x' },
    }).replace('"text":"x"', `"text":"x","unknown_field":${deep}`)
    const headers = new Headers({
      'content-type': 'application/json',
      ...telegramSigned(TELEGRAM_SECRET),
    })
    const res = await post('telegram', { method: 'POST', headers, body })
    expect(res.status).toBeLessThan(500)
  })
})
