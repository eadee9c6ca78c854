/// <reference types="vite/client" />
import { evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BOTS, getAdapter } from '../bots'
import type { AdapterContract } from '../src/channels/contract'
import type { OutboundMessage, WebhookRequest } from '../src/channels/types'
import type { Conversation } from './worker'
import type { TranscriptMessage } from '../src/conversation/types'
import {
  ADMIN,
  advance,
  api,
  conversation,
  drain,
  fakeTelegram,
  postTelegram,
  telegramError,
  telegramText,
  view,
} from './helpers'
import { stubPlatform, urlOf } from './support/platform'
import { lineSigned, metaSigned, slackSigned, twilioSigned } from './support/signatures'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

const modules = import.meta.glob<{ contract: AdapterContract }>('../bots/*/contract.ts', {
  eager: true,
})
const contracts = Object.values(modules).map((m) => m.contract)

/** Contracts whose channel the test Worker runs with exactly the contract's secrets. */
const served = contracts.filter(
  (c) =>
    getAdapter(c.channel, env) !== null &&
    Object.entries(c.env).every(
      ([name, value]) => (env as unknown as Record<string, unknown>)[name] === value
    )
)

const MINUTE = 60_000

/** Deterministic PRNG (mulberry32): the same seed gives the same fault sequence on every run. */
const prng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const outbound = (messages: TranscriptMessage[]) => messages.filter((m) => m.direction === 'out')
const inbound = (messages: TranscriptMessage[]) => messages.filter((m) => m.direction === 'in')

/** How many times each value occurs. */
const tally = (values: string[]) => {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

/** Lets the turn end, as a real network call would, before the stand-in acts. */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A Telegram Bot API stand-in: `answer` decides each sendMessage; accepted ones are recorded. */
const telegramStandIn = (
  answer: (call: number, body: Record<string, unknown>) => Promise<Response> | Response
) => {
  const delivered: { chatId: number; text: string }[] = []
  let calls = 0
  stubPlatform(async (_, input, init) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>
    if (!urlOf(input).pathname.endsWith('/sendMessage'))
      return Response.json({ ok: true, result: true })
    const res = await answer(++calls, body)
    if (res.ok) delivered.push({ chatId: Number(body.chat_id), text: String(body.text) })
    return res
  })
  const ok = (body: Record<string, unknown>) =>
    Response.json({
      ok: true,
      result: { message_id: 1000 + calls, chat: { id: body.chat_id }, date: 1, text: body.text },
    })
  return { delivered, ok, calls: () => calls }
}

/** Every sent row went out exactly once: platform deliveries per text equal sent rows per text. */
const expectDeliveredOnce = (
  chatId: number,
  rows: TranscriptMessage[],
  delivered: { chatId: number; text: string }[]
) => {
  const sent = tally(rows.filter((m) => m.status === 'sent').map((m) => escapeHtml(m.text)))
  const seen = tally(delivered.filter((d) => d.chatId === chatId).map((d) => d.text))
  expect(Object.fromEntries(seen), `chat ${chatId}`).toEqual(Object.fromEntries(sent))
}

describe('duplicate storm', () => {
  it('stores one row and sends the introduction and answer once for 50 concurrent copies', async () => {
    const tg = fakeTelegram()
    const chat = 3_100_001
    const key = `telegram:${chat}`
    const update = telegramText(chat, 'Where is my order?')
    const answers = await Promise.all(Array.from({ length: 50 }, () => postTelegram(update)))
    expect(answers.every((res) => res.status >= 200 && res.status < 300)).toBe(true)
    await drain(key)
    // Late platform retries after the answer went out change nothing either.
    await Promise.all(Array.from({ length: 10 }, () => postTelegram(update)))
    await drain(key)

    const { messages } = await view(key)
    expect(inbound(messages).map((m) => m.text)).toEqual(['Where is my order?'])
    const out = outbound(messages)
    expect(out.map((m) => m.template)).toEqual(expect.arrayContaining(['intro', 'order.ask_id']))
    expect(out.length).toBeGreaterThanOrEqual(2)
    expect(out.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true)
    expect(tg.sends()).toHaveLength(out.length)
    expect(new Set(tg.sends().map((c) => c.body.text)).size).toBe(out.length)
  })
})

describe('ordering under concurrency', () => {
  it('stores 100 concurrent messages in wave order and answers each one once', async () => {
    const tg = fakeTelegram()
    const chat = 3_200_001
    const key = `telegram:${chat}`
    const waves = 10
    const perWave = 10
    let acked = 0
    for (let w = 0; w < waves; w++) {
      const answers = await Promise.all(
        Array.from({ length: perWave }, async (_, i) => {
          const text = `question ${w}-${i}`
          const res = await telegramSays(chat, text)
          acked++
          return res.status
        })
      )
      expect(answers).toEqual(Array(perWave).fill(200))
    }
    expect(acked).toBe(waves * perWave)
    await drain(key, 20)

    const { messages } = await view(key)
    const ins = inbound(messages)
    expect(ins).toHaveLength(waves * perWave)
    expect(new Set(ins.map((m) => m.text)).size).toBe(waves * perWave)
    // A wave is acknowledged only once stored, so every id of a wave is below the next wave's.
    const waveOf = (m: TranscriptMessage) => Number(/question (\d+)-/.exec(m.text)?.[1])
    for (let w = 1; w < waves; w++) {
      const previous = Math.max(...ins.filter((m) => waveOf(m) === w - 1).map((m) => m.id))
      const current = Math.min(...ins.filter((m) => waveOf(m) === w).map((m) => m.id))
      expect(previous, `wave ${w - 1} before wave ${w}`).toBeLessThan(current)
    }
    // Each inbound message is followed by its own replies before the next inbound one.
    const replies: number[] = []
    for (const m of messages) {
      if (m.direction === 'in') replies.push(0)
      else if (replies.length > 0) replies[replies.length - 1] = (replies.at(-1) ?? 0) + 1
    }
    expect(replies).toHaveLength(waves * perWave)
    expect(replies.filter((n) => n < 1)).toEqual([])

    const out = outbound(messages)
    expect(out.every((m) => m.status === 'sent')).toBe(true)
    expect(tg.sends()).toHaveLength(out.length)
    const sent = tally(out.map((m) => escapeHtml(m.text)))
    expect(Object.fromEntries(tally(tg.sends().map((c) => String(c.body.text))))).toEqual(
      Object.fromEntries(sent)
    )
  })
})

describe('platform faults at random', () => {
  it(
    'ends every reply sent exactly once or failed with a reason, never queued',
    { timeout: 60_000 },
    async () => {
      const random = prng(0x5eed_f417)
      const outcomes = tally([])
      const thrown = (error: Error) => (): never => {
        throw error
      }
      const retryAfter = () => ({ retry_after: 1 + Math.floor(random() * 5) })
      // [fault, probability, answer]: about 40% of calls succeed on the first try.
      const faults: [string, number, () => Response][] = [
        ['timeout', 0.12, thrown(new DOMException('The operation timed out', 'TimeoutError'))],
        ['abort', 0.04, thrown(new DOMException('The operation was aborted', 'AbortError'))],
        ['reset', 0.1, thrown(new TypeError('network connection was reset'))],
        ['500', 0.14, () => telegramError(500, 'Internal Server Error')],
        ['429', 0.14, () => telegramError(429, 'Too Many Requests', retryAfter())],
        ['400', 0.04, () => telegramError(400, 'Bad Request: message is malformed')],
      ]
      const tg = telegramStandIn(async (_, body) => {
        await nextTurn()
        let r = random()
        for (const [name, p, answer] of faults) {
          if (r < p) {
            outcomes.set(name, (outcomes.get(name) ?? 0) + 1)
            return answer()
          }
          r -= p
        }
        outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1)
        return tg.ok(body)
      })

      const texts = [
        'hello',
        'Where is my order?',
        'I want to return this',
        'thanks',
        '你好',
        'late',
      ]
      const chats = Array.from({ length: 12 }, (_, i) => 3_300_001 + i)
      await Promise.all(
        chats.map(async (chat, i) => {
          for (let m = 0; m < 3; m++) {
            const res = await postTelegram(
              telegramText(chat, texts[(i + m) % texts.length] as string)
            )
            expect(res.status).toBe(200)
          }
        })
      )

      let open = [...chats]
      for (let round = 0; round < 40 && open.length > 0; round++) {
        for (const chat of open) {
          const key = `telegram:${chat}`
          await drain(key)
          // Past the longest backoff (15 min) and any retry_after: the next attempt is due.
          await advance(key, 16 * MINUTE)
        }
        const queued = await Promise.all(
          open.map(async (chat) =>
            outbound((await view(`telegram:${chat}`)).messages).some((m) => m.status === 'queued')
          )
        )
        open = open.filter((_, i) => queued[i])
      }
      expect(open, 'conversations still holding queued replies').toEqual([])

      let sent = 0
      let failed = 0
      for (const chat of chats) {
        const out = outbound((await view(`telegram:${chat}`)).messages)
        expect(out.length).toBeGreaterThan(0)
        for (const m of out) {
          expect(['sent', 'failed']).toContain(m.status)
          if (m.status === 'failed') expect(m.error, `row ${m.id} of ${chat}`).toMatch(/\S/)
          if (m.status === 'sent') expect(m.attempts).toBeGreaterThanOrEqual(1)
        }
        sent += out.filter((m) => m.status === 'sent').length
        failed += out.filter((m) => m.status === 'failed').length
        expectDeliveredOnce(chat, out, tg.delivered)
      }
      expect(tg.delivered).toHaveLength(sent)
      expect(sent).toBeGreaterThan(0)
      expect(failed).toBeGreaterThan(0)
      // The seed exercised every kind of fault.
      for (const [name] of faults) expect(outcomes.get(name) ?? 0, name).toBeGreaterThan(0)
    }
  )
})

/**
 * Drops the object's instance (in-memory state, clock skew) and keeps its storage. Abort reasons
 * start with "simulated eviction: " so vitest.config.ts keeps workerd's log of the abort (an
 * "uncaught exception" with a native stack) out of the output; the rejection is asserted here.
 */
const restart = async (key: string) => {
  const aborted = runInDurableObject(conversation(key), (_: Conversation, state) =>
    state.abort('simulated eviction: restart')
  )
  await expect(aborted).rejects.toThrow(/restart/)
  expect(
    await runInDurableObject(conversation(key), (instance: Conversation) => instance.skewMs)
  ).toBe(0)
}

describe('eviction and restart', () => {
  it('keeps the update and its dedupe across an eviction between ingest and send', async () => {
    const tg = telegramStandIn((_, body) => tg.ok(body))
    const chat = 3_400_001
    const key = `telegram:${chat}`
    const update = telegramText(chat, 'Where is my order?')
    expect((await postTelegram(update)).status).toBe(200)
    await evictDurableObject(conversation(key))
    // The platform's retry lands on a fresh instance.
    expect((await postTelegram(update)).status).toBe(200)
    await evictDurableObject(conversation(key))
    await drain(key)

    const { messages } = await view(key)
    expect(inbound(messages)).toHaveLength(1)
    const out = outbound(messages)
    expect(out.length).toBeGreaterThanOrEqual(2)
    expect(out.every((m) => m.status === 'sent')).toBe(true)
    expectDeliveredOnce(chat, out, tg.delivered)
  })

  it('sends a reply whose retry was pending when the object restarted, once', async () => {
    const tg = telegramStandIn((call, body) =>
      call === 1 ? telegramError(502, 'Bad Gateway') : tg.ok(body)
    )
    const chat = 3_400_002
    const key = `telegram:${chat}`
    await telegramSays(chat, 'hello')
    await drain(key)
    expect(outbound((await view(key)).messages)[0]).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: 'Bad Gateway',
    })

    // After an alarm that called the platform, evictDurableObject waits out the adapter's 10 s
    // AbortSignal.timeout; a restart (ctx.abort) drops the instance the same way, without waiting.
    await restart(key)
    await drain(key) // not due yet: the backoff survived the restart
    expect(tg.calls()).toBe(1)
    await advance(key, 2_000) // the clock skew is in memory, so it is set after the restart
    await drain(key)
    await restart(key)
    await drain(key)

    const out = outbound((await view(key)).messages)
    expect(out.every((m) => m.status === 'sent')).toBe(true)
    expect(out[0]?.attempts).toBe(2)
    expectDeliveredOnce(chat, out, tg.delivered)
  })

  it('loses nothing and sends nothing twice across a restart mid alarm loop', async () => {
    const chat = 3_400_003
    const key = `telegram:${chat}`
    let state: DurableObjectState | undefined
    // evictDurableObject waits for the running alarm (and times out), so the crash is ctx.abort()
    // from inside the platform call, before the platform has taken the message.
    const tg = telegramStandIn(async (call, body) => {
      await nextTurn()
      if (call === 2) state?.abort('simulated eviction: restart in the middle of the alarm loop')
      return tg.ok(body)
    })
    for (const text of ['hello', 'Where is my order?', 'thanks']) await telegramSays(chat, text)
    await runInDurableObject(conversation(key), (_: Conversation, s) => {
      state = s
    })
    await expect(drain(key)).rejects.toThrow(/restart/)

    const after = outbound((await view(key)).messages)
    expect(after[0]?.status).toBe('sent') // written before the crash
    expect(after.slice(1).every((m) => m.status === 'queued')).toBe(true)
    // The runtime retries an alarm whose handler died; the test harness removed it, so re-arm it.
    await runInDurableObject(conversation(key), (_: Conversation, s) =>
      s.storage.setAlarm(Date.now())
    )
    await drain(key)

    const { messages } = await view(key)
    expect(inbound(messages)).toHaveLength(3)
    const out = outbound(messages)
    expect(out.length).toBe(after.length)
    expect(out.every((m) => m.status === 'sent')).toBe(true)
    expectDeliveredOnce(chat, out, tg.delivered)
    expect(tg.calls()).toBe(out.length + 1) // one call died with the instance
  })
})

describe('replay and tampering through the Worker', () => {
  const deliver = (req: WebhookRequest) =>
    exports.default.fetch(
      new Request(req.url, { method: req.method, headers: req.headers, body: req.body })
    )
  const bodySigned = served.filter((c) => c.bodySigned)
  /** The delivery with some headers set anew (a forged or re-dated signature). */
  const withHeaders = (req: WebhookRequest, set: Record<string, string>) => {
    const headers = new Headers(req.headers)
    for (const [name, value] of Object.entries(set)) headers.set(name, value)
    return { ...req, headers }
  }

  it('runs the body-signed channels it tampers with', () => {
    expect(bodySigned.map((c) => c.channel)).toEqual(
      expect.arrayContaining(['slack', 'whatsapp', 'messenger', 'line', 'twilio'])
    )
  })

  it('401s Slack deliveries signed outside the 5-minute window, in either direction', async () => {
    const slack = served.find((c) => c.channel === 'slack') as AdapterContract
    const stale = await slack.stale?.(Date.now())
    expect((await deliver(stale as WebhookRequest)).status).toBe(401)
    const signed = await slack.signed(Date.now())
    for (const skew of [-301, 301, -3600, 86_400]) {
      const timestamp = String(Math.floor(Date.now() / 1000) + skew)
      const secret = slack.env.SLACK_SIGNING_SECRET as string
      const redated = withHeaders(signed, await slackSigned(secret, signed.body, timestamp))
      expect((await deliver(redated)).status, `skew ${skew}s`).toBe(401)
    }
  })

  it.each(bodySigned.map((c) => [c.channel, c] as const))(
    '401s a %s body with one flipped byte',
    async (_, contract) => {
      // A pull channel (WeCom) calls its platform once the callback verifies.
      stubPlatform(() => contract.sendOk())
      const signed = await contract.signed(Date.now())
      const random = prng(contract.channel.length * 7919)
      // WeChat and WeCom sign the <Encrypt> element only; the envelope around it is not signed.
      const encrypt = /<Encrypt>(?:<!\[CDATA\[)?/.exec(signed.body)
      const from = encrypt ? encrypt.index + encrypt[0].length : 0
      const to = encrypt
        ? signed.body.indexOf('<', from) - (signed.body.includes(']]></Encrypt>') ? 3 : 0)
        : signed.body.length
      for (let n = 0; n < 12; n++) {
        let i = from + Math.floor(random() * (to - from))
        while (signed.body.charCodeAt(i) > 0x7e) i = from + ((i - from + 1) % (to - from))
        const body =
          signed.body.slice(0, i) +
          String.fromCharCode(signed.body.charCodeAt(i) ^ 1) +
          signed.body.slice(i + 1)
        const res = await deliver({ ...signed, body })
        expect(res.status, `byte ${i}`).toBe(401)
      }
      // The untouched body passes.
      expect((await deliver(await contract.signed(Date.now()))).status).toBe(200)
    }
  )

  it('401s bodies signed with another channel’s secret', async () => {
    const byChannel = Object.fromEntries(served.map((c) => [c.channel, c]))
    const secrets = {
      meta: env.META_APP_SECRET as string,
      line: env.LINE_CHANNEL_SECRET as string,
      slack: env.SLACK_SIGNING_SECRET as string,
      twilio: env.TWILIO_AUTH_TOKEN as string,
    }
    const line = await (byChannel.line as AdapterContract).signed(Date.now())
    const whatsapp = await (byChannel.whatsapp as AdapterContract).signed(Date.now())
    const messenger = await (byChannel.messenger as AdapterContract).signed(Date.now())
    const slack = await (byChannel.slack as AdapterContract).signed(Date.now())
    const twilio = await (byChannel.twilio as AdapterContract).signed(Date.now())
    const timestamp = slack.headers.get('X-Slack-Request-Timestamp') as string
    const forged: [string, WebhookRequest][] = [
      [
        'line with the Meta app secret',
        withHeaders(line, await lineSigned(secrets.meta, line.body)),
      ],
      ['line with the Slack secret', withHeaders(line, await lineSigned(secrets.slack, line.body))],
      [
        'whatsapp with the LINE secret',
        withHeaders(whatsapp, await metaSigned(secrets.line, whatsapp.body)),
      ],
      [
        'messenger with the Twilio token',
        withHeaders(messenger, await metaSigned(secrets.twilio, messenger.body)),
      ],
      [
        'slack with the Meta app secret',
        withHeaders(slack, await slackSigned(secrets.meta, slack.body, timestamp)),
      ],
      [
        'twilio with the Slack secret',
        withHeaders(twilio, await twilioSigned(secrets.slack, twilio.url.href, twilio.body)),
      ],
      // A valid Meta signature is no Telegram secret.
      [
        'telegram with a Meta signature only',
        withHeaders(whatsapp, await metaSigned(secrets.meta, whatsapp.body)),
      ],
    ]
    for (const [name, req] of forged) {
      const url = name.startsWith('telegram')
        ? new URL('https://engine.test/webhooks/telegram')
        : req.url
      expect((await deliver({ ...req, url })).status, name).toBe(401)
    }
  })
})

describe('template injection', () => {
  const NAME = '<b>Ada & *_['

  it('HTML-escapes a customer name with markup in the Telegram greeting', async () => {
    const tg = fakeTelegram()
    const chat = 3_600_001
    const key = `telegram:${chat}`
    const update = telegramText(chat, 'hello')
    update.message.from.first_name = NAME
    update.message.chat.first_name = NAME
    expect((await postTelegram(update)).status).toBe(200)
    await drain(key)

    const greeting = outbound((await view(key)).messages).find((m) => m.template === 'greeting')
    expect(greeting?.text).toContain(NAME) // stored as plain text
    const sent = tg.sends()[0]?.body
    expect(sent?.parse_mode).toBe('HTML')
    expect(sent?.text).toContain('&lt;b&gt;Ada &amp; *_[')
    expect(String(sent?.text)).not.toMatch(/<b>|& /)
  })

  it('renders a published template with the name as data, not as markup', async () => {
    const tg = fakeTelegram()
    const put = await api('/api/v1/templates/greeting', {
      method: 'PUT',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({
        locales: {
          en: 'Welcome <i>{{customer.name|friend}}</i> & co',
          'zh-CN': '欢迎 {{customer.name|朋友}}',
        },
      }),
    })
    if (put.status !== 200)
      throw new Error(`publishing the template failed: ${put.status} ${await put.text()}`)
    const chat = 3_600_002
    const update = telegramText(chat, 'hello')
    update.message.from.first_name = NAME
    update.message.chat.first_name = NAME
    await postTelegram(update)
    await drain(`telegram:${chat}`)
    const text = String(tg.sends()[0]?.body.text)
    expect(text).toBe('Welcome &lt;i&gt;&lt;b&gt;Ada &amp; *_[&lt;/i&gt; &amp; co')
  })

  const platformText: Record<string, (plain: string) => string> = {
    telegram: escapeHtml,
    slack: escapeHtml, // mrkdwn escapes & < > only
  }
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : []
  const callingPlatform = contracts.filter((c) => c.callsPlatform && BOTS[c.channel])

  it.each(callingPlatform.map((c) => [c.channel, c] as const))(
    '%s send formats markup in plain text for its platform',
    async (channel, contract) => {
      const adapter = BOTS[channel]?.(contract.env as unknown as Env)
      const bodies: string[] = []
      stubPlatform(async (_, input, init) => {
        bodies.push(String(init?.body ?? (input instanceof Request ? await input.text() : '')))
        return contract.sendOk()
      })
      const now = Date.UTC(2026, 10, 23, 8)
      const message: OutboundMessage = {
        to: { channel, conversationKey: contract.keys[0] as string },
        text: `Hi ${NAME}, welcome`,
        idempotencyKey: '77',
        now,
        lastInboundAt: now - MINUTE,
      }
      expect(await adapter?.send(message)).toMatchObject({ ok: true })
      const payloadStrings = bodies.flatMap((raw) => {
        try {
          return strings(JSON.parse(raw))
        } catch {
          return [...new URLSearchParams(raw).values()]
        }
      })
      const expected = (platformText[channel] ?? ((plain: string) => plain))(`Hi ${NAME}, welcome`)
      expect(
        payloadStrings.some((s) => s.includes(expected)),
        payloadStrings.join(' | ')
      ).toBe(true)
      if (platformText[channel]) expect(payloadStrings.some((s) => s.includes('<b>'))).toBe(false)
      else expect(payloadStrings.some((s) => s.includes('&lt;') || s.includes('&amp;'))).toBe(false)
    }
  )
})

describe('admin API guards', () => {
  interface Operation {
    method: string
    path: string
    access: string
    hasBody: boolean
  }

  const operations = async (): Promise<Operation[]> => {
    const doc = (await (await api('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-access'?: string; requestBody?: unknown }>>
    }
    return Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: template
          .replace('{key}', encodeURIComponent('telegram:3700001'))
          .replace(
            '{id}',
            template.startsWith('/api/v1/flows')
              ? 'main'
              : template.startsWith('/api/v1/tokens')
                ? 'no-such-token'
                : 'greeting'
          )
          .replace(/\{\w+\}/g, 'x'),
        access: op['x-access'] ?? 'admin',
        hasBody: op.requestBody !== undefined,
      }))
    )
  }

  const call = (op: Operation, headers: Record<string, string>, body?: string) =>
    api(op.path, {
      method: op.method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body }),
    })

  it('401s guarded routes without or with a wrong token, 403s agents on admin ones', async () => {
    const ops = await operations()
    expect(ops.length).toBeGreaterThan(10)
    const created = await api('/api/v1/tokens', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'fault-suite agent', role: 'agent' }),
    })
    expect(created.status).toBe(201)
    const { token } = (await created.json()) as { token: string }
    const agent = { Authorization: `Bearer ${token}` }

    const guarded = ops.filter((op) => op.access !== 'public')
    expect(guarded.some((op) => op.access === 'admin')).toBe(true)
    for (const op of guarded) {
      const name = `${op.method} ${op.path}`
      const body = op.hasBody ? '{}' : undefined
      expect((await call(op, {}, body)).status, `${name} without a token`).toBe(401)
      expect(
        (await call(op, { Authorization: 'Bearer sek_wrongwrongwrongwrongwrongwr' }, body)).status,
        `${name} wrong token`
      ).toBe(401)
      expect(
        (await call(op, { Authorization: 'Bearer test-admin-token-but-longer' }, body)).status,
        `${name} near miss`
      ).toBe(401)
      const asAgent = (await call(op, agent, body)).status
      if (op.access === 'admin') expect(asAgent, `${name} as agent`).toBe(403)
      else expect([401, 403], `${name} as agent`).not.toContain(asAgent)
    }
    expect(await view('telegram:3700001').catch(() => null)).toBeNull() // nothing was created
  })

  it('413s bodies over 256 KiB and 400s malformed JSON on every route with a body', async () => {
    const withBody = (await operations()).filter((op) => op.hasBody && op.access !== 'public')
    expect(withBody.length).toBeGreaterThan(3)
    const oversize = JSON.stringify({ text: 'x'.repeat(256 * 1024 + 1) })
    for (const op of withBody) {
      const name = `${op.method} ${op.path}`
      const big = await call(op, ADMIN, oversize)
      expect(big.status, `${name} oversize`).toBe(413)
      for (const malformed of ['{', '{"text": "hi",}', 'nul', '\u0000', '{"a":1}}']) {
        const res = await call(op, ADMIN, malformed)
        expect(res.status, `${name} ${JSON.stringify(malformed)}`).toBe(400)
      }
    }
    expect(await view('telegram:3700001').catch(() => null)).toBeNull()
  })
})
