import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { hmacSha256Hex } from '../lib/crypto'
import { escapeSlack, slackPayload, telegramText, webhookBody } from './build'
import { deliver, verifyWebhookSignature, type DeliverDeps } from './deliver'
import { mergeSecrets, notifyConfigSchema, redact, REDACTED } from './schema'
import { NOTIFY_KEY, readNotifyConfig, writeNotifyConfig } from './store'
import type { EscalationNotice, NotifyConfig, NotifyTarget } from './types'

const NOW = 1_767_225_600_000 // 2026-01-01T00:00:00Z
const PHONE = '13812345678'
const EMAIL = 'ada@example.com'
const SECRET = 'a-very-long-webhook-secret'

const notice = (patch: Partial<EscalationNotice> = {}): EscalationNotice => ({
  deliveryId: 'dlv-1',
  conversationKey: 'webchat:abc',
  channel: 'webchat',
  level: 1,
  team: 'senior',
  reasons: ['repeat_complaint', `asked to call ${PHONE}`],
  summary: `Third complaint about a late parcel; customer (${EMAIL}, ${PHONE}) wants a refund.`,
  customer: { id: 'u-42', name: `Ada ${EMAIL}` },
  submittedAt: NOW,
  expectedResolutionAt: NOW + 3_600_000,
  locale: 'en',
  intent: 'order_status',
  transcript: [
    { direction: 'in', author: 'Ada', text: `Phone ${PHONE}, mail ${EMAIL}`, at: NOW - 60_000 },
    { direction: 'out', author: 'bot', text: 'Sorry <b>really</b> & truly', at: NOW - 30_000 },
  ],
  links: { conversation: '/api/v1/conversations/webchat%3Aabc' },
  ...patch,
})

const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    direction: 'in' as const,
    author: 'Ada',
    text: `message number ${i}`,
    at: NOW + i * 1000,
  }))

const slack: NotifyTarget = { kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' }
const telegram: NotifyTarget = { kind: 'telegram', chatId: '-100123' }
const webhook: NotifyTarget = {
  kind: 'webhook',
  url: 'https://hooks.shop.test/esc',
  secret: SECRET,
}

interface Call {
  url: string
  init: RequestInit
  headers: Headers
  body: string
}

/** A fetch fake that records calls and answers with `answer()`. */
const recorder = (answer: () => Response | Promise<Response> = () => new Response('ok')) => {
  const calls: Call[] = []
  const fetchFake = vi.fn<typeof fetch>(async (input, init = {}) => {
    calls.push({
      url: String(input),
      init,
      headers: new Headers(init.headers),
      body: String(init.body),
    })
    return answer()
  })
  return { calls, fetch: fetchFake }
}

const deps = (fetchFake: typeof fetch, patch: Partial<DeliverDeps> = {}): DeliverDeps => ({
  fetch: fetchFake,
  env: { TELEGRAM_BOT_TOKEN: '123:ABC', TELEGRAM_API_BASE: 'https://tg.test' },
  now: NOW,
  ...patch,
})

const mrkdwnTexts = (payload: { blocks: unknown[] }): string[] =>
  JSON.stringify(payload.blocks)
    .match(/"text":"(?:[^"\\]|\\.)*"/g)
    ?.map((m) => JSON.parse(m.slice(7)) as string) ?? []

describe('slackPayload', () => {
  it('has a fallback text and header, section, context and transcript blocks', () => {
    const payload = slackPayload(notice())
    expect(payload.text).toContain('Level 1 escalation')
    const types = payload.blocks.map((block) => (block as { type: string }).type)
    expect(types).toEqual(['header', 'section', 'context', 'divider', 'section'])
    const [header, section] = payload.blocks as [
      { text: { type: string; text: string } },
      { text: { text: string }; fields: { text: string }[] },
    ]
    expect(header.text).toEqual({ type: 'plain_text', text: 'Level 1 escalation: senior agents' })
    expect(section.text.text).toMatch(/^\*Summary\*\n/)
    const fields = section.fields.map((f) => f.text)
    expect(fields[0]).toMatch(/^\*Reasons\*\nrepeat_complaint; /)
    expect(fields[1]).toMatch(/^\*Customer\*\n/)
    expect(fields[2]).toBe(
      `*Due*\n<!date^${(NOW + 3_600_000) / 1000}^{date_short_pretty} {time}|2026-01-01 01:00 UTC>`
    )
  })

  it('escapes & < > in every text and shows the transcript', () => {
    const payload = slackPayload(notice())
    const transcript = (payload.blocks[4] as { text: { text: string } }).text.text
    expect(transcript).toContain('Sorry &lt;b&gt;really&lt;/b&gt; &amp; truly')
    expect(transcript).toContain('`12-31 23:59` ← *Ada*')
    expect(transcript).toContain('→ *bot*')
    for (const text of mrkdwnTexts(payload)) expect(text).not.toContain('<b>')
    expect(escapeSlack('a & <b> c')).toBe('a &amp; &lt;b&gt; c')
  })

  it('shows at most the last 10 transcript lines, within Slack limits', () => {
    const payload = slackPayload(notice({ transcript: lines(15), summary: 'x'.repeat(5000) }))
    const transcript = (payload.blocks[4] as { text: { text: string } }).text.text
    expect(transcript).not.toContain('message number 4')
    expect(transcript).toContain('message number 5')
    expect(transcript).toContain('message number 14')
    expect(transcript.split('\n')).toHaveLength(11)
    for (const text of mrkdwnTexts(payload)) expect(text.length).toBeLessThanOrEqual(3000)
  })

  it('drops the transcript block when there are no messages', () => {
    const payload = slackPayload(notice({ transcript: [] }))
    expect(payload.blocks).toHaveLength(3)
  })
})

describe('telegramText', () => {
  it('is escaped HTML with the summary, customer and due time', () => {
    const text = telegramText(notice({ level: 2, team: 'pr' }))
    expect(text.startsWith('<b>Level 2 escalation: PR</b>')).toBe(true)
    expect(text).toContain('<b>Due:</b> 2026-01-01 01:00 UTC')
    expect(text).toContain('Sorry &lt;b&gt;really&lt;/b&gt; &amp; truly')
    expect(text).not.toContain('<b>really')
  })

  it('stays within 4096 characters, keeping the newest lines', () => {
    const long = lines(10).map((line) => ({ ...line, text: `${'<&>'.repeat(400)} ${line.at}` }))
    const text = telegramText(notice({ summary: '&'.repeat(9000), transcript: long }))
    expect(text.length).toBeLessThanOrEqual(4096)
    expect(text).toContain('<b>Recent messages (UTC)</b>')
    expect(text).toContain('00:00</i>')
    expect(text).not.toMatch(/&[a-z]*…/)
  })
})

describe('webhookBody', () => {
  it('has the documented shape', () => {
    const body = webhookBody(notice())
    expect(body).toMatchObject({
      type: 'escalation',
      version: 1,
      deliveryId: 'dlv-1',
      conversationKey: 'webchat:abc',
      channel: 'webchat',
      level: 1,
      team: 'senior',
      customer: { id: 'u-42' },
      submittedAt: '2026-01-01T00:00:00.000Z',
      expectedResolutionAt: '2026-01-01T01:00:00.000Z',
      locale: 'en',
      intent: 'order_status',
      links: { conversation: '/api/v1/conversations/webchat%3Aabc' },
    })
    expect(body.transcript).toHaveLength(2)
    expect(body.transcript[1]).toEqual({
      direction: 'out',
      author: 'bot',
      text: 'Sorry <b>really</b> & truly',
      at: '2025-12-31T23:59:30.000Z',
    })
    expect(webhookBody(notice({ expectedResolutionAt: null })).expectedResolutionAt).toBeNull()
  })
})

describe('personal data', () => {
  it('never appears in any payload', () => {
    const n = notice()
    const payloads = [
      JSON.stringify(slackPayload(n)),
      telegramText(n),
      JSON.stringify(webhookBody(n)),
    ]
    for (const payload of payloads) {
      expect(payload).not.toContain(PHONE)
      expect(payload).not.toContain(EMAIL)
    }
  })
})

describe('deliver: slack', () => {
  it('posts the JSON payload and reads 200 ok as delivered', async () => {
    const { calls, fetch } = recorder()
    const result = await deliver(slack, notice(), deps(fetch))
    expect(result).toEqual({ ok: true, externalId: 'dlv-1' })
    expect(calls).toHaveLength(1)
    const [call] = calls
    expect(call?.url).toBe(slack.url)
    expect(call?.init.method).toBe('POST')
    expect(call?.headers.get('Content-Type')).toBe('application/json')
    expect(call?.init.signal).toBeInstanceOf(AbortSignal)
    expect(JSON.parse(call?.body ?? '')).toEqual(slackPayload(notice()))
  })

  it('classifies failures', async () => {
    const status = (code: number, body = '', headers: Record<string, string> = {}) =>
      deliver(
        slack,
        notice(),
        deps(recorder(() => new Response(body, { status: code, headers })).fetch)
      )
    expect(await status(500)).toMatchObject({ ok: false, retryable: true })
    expect(await status(429, 'rate_limited', { 'Retry-After': '30' })).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 30_000,
      reason: 'HTTP 429: rate_limited',
    })
    expect(await status(400, 'invalid_payload')).toEqual({
      ok: false,
      retryable: false,
      reason: 'invalid_payload',
    })
    expect(await status(404, 'no_service')).toMatchObject({
      retryable: false,
      reason: 'no_service',
    })
    const thrown = recorder(() => Promise.reject(new TypeError('connection reset')))
    expect(await deliver(slack, notice(), deps(thrown.fetch))).toMatchObject({
      ok: false,
      retryable: true,
      reason: 'could not reach hooks.slack.com (network: connection reset)',
    })
  })
})

describe('deliver: telegram', () => {
  const sent = { ok: true, result: { message_id: 77, chat: { id: -100123 } } }

  it('sends HTML through the bot', async () => {
    const { calls, fetch } = recorder(() => Response.json(sent))
    const result = await deliver(telegram, notice(), deps(fetch))
    expect(result).toEqual({ ok: true, externalId: '77' })
    expect(calls[0]?.url).toBe('https://tg.test/bot123:ABC/sendMessage')
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({
      chat_id: '-100123',
      text: telegramText(notice()),
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    })
  })

  it('uses the public API by default and fails without a token', async () => {
    const { calls, fetch } = recorder(() => Response.json(sent))
    await deliver(telegram, notice(), deps(fetch, { env: { TELEGRAM_BOT_TOKEN: 't' } }))
    expect(calls[0]?.url).toBe('https://api.telegram.org/bott/sendMessage')
    const missing = await deliver(telegram, notice(), deps(fetch, { env: {} }))
    expect(missing).toEqual({ ok: false, retryable: false, reason: 'telegram not configured' })
    expect(calls).toHaveLength(1)
  })

  it('classifies Bot API errors', async () => {
    const answer = (status: number, body: unknown) =>
      deliver(telegram, notice(), deps(recorder(() => Response.json(body, { status })).fetch))
    const limited = { ok: false, description: 'Too Many Requests', parameters: { retry_after: 5 } }
    expect(await answer(429, limited)).toMatchObject({ retryable: true, retryAfterMs: 5000 })
    expect(await answer(502, { ok: false, description: 'Bad Gateway' })).toMatchObject({
      retryable: true,
    })
    const upgraded = {
      ok: false,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1009 },
    }
    expect(await answer(400, upgraded)).toEqual({
      ok: false,
      retryable: false,
      reason: 'Bad Request: group chat was upgraded to a supergroup chat (new chat id -1009)',
    })
  })
})

describe('deliver: webhook', () => {
  it('signs the body with HMAC-SHA256 of "<timestamp>.<body>"', async () => {
    const { calls, fetch } = recorder(() => new Response(null, { status: 204 }))
    const result = await deliver(webhook, notice(), deps(fetch))
    expect(result).toEqual({ ok: true, externalId: 'dlv-1' })
    const call = calls[0]
    if (!call) throw new Error('no call')
    expect(call.url).toBe('https://hooks.shop.test/esc')
    expect(call.init.redirect).toBe('manual')
    expect(call.headers.get('Content-Type')).toBe('application/json')
    expect(call.headers.get('X-Delivery-Id')).toBe('dlv-1')
    const timestamp = call.headers.get('X-Timestamp')
    expect(timestamp).toBe(String(NOW / 1000))
    expect(call.body).toBe(JSON.stringify(webhookBody(notice())))
    const expected = await hmacSha256Hex(SECRET, `${timestamp}.${call.body}`)
    const header = call.headers.get('X-Signature-256')
    expect(header).toBe(`sha256=${expected}`)

    expect(await verifyWebhookSignature(SECRET, NOW / 1000, call.body, header)).toBe(true)
    expect(await verifyWebhookSignature(SECRET, String(timestamp), call.body, header)).toBe(true)
    const tampered = call.body.replace('"level":1', '"level":2')
    expect(tampered).not.toBe(call.body)
    expect(await verifyWebhookSignature(SECRET, NOW / 1000, tampered, header)).toBe(false)
    const oldSecret = 'the-previous-webhook-secret'
    expect(await verifyWebhookSignature(oldSecret, NOW / 1000, call.body, header)).toBe(false)
    expect(await verifyWebhookSignature(SECRET, NOW / 1000 + 1, call.body, header)).toBe(false)
    expect(await verifyWebhookSignature(SECRET, NOW / 1000, call.body, 'sha256=00')).toBe(false)
    expect(await verifyWebhookSignature(SECRET, NOW / 1000, call.body, expected)).toBe(false)
    expect(await verifyWebhookSignature(SECRET, NOW / 1000, call.body, null)).toBe(false)
    const fresh = { now: NOW + 60_000 }
    expect(await verifyWebhookSignature(SECRET, NOW / 1000, call.body, header, fresh)).toBe(true)
    const stale = { now: NOW + 600_000 }
    expect(await verifyWebhookSignature(SECRET, NOW / 1000, call.body, header, stale)).toBe(false)
  })

  it('sends the same X-Delivery-Id on every retry of a notice', async () => {
    const { calls, fetch } = recorder(() => new Response('busy', { status: 503 }))
    const n = notice({ deliveryId: 'dlv-retry' })
    expect(await deliver(webhook, n, deps(fetch))).toMatchObject({ ok: false, retryable: true })
    await deliver(webhook, n, deps(fetch, { now: NOW + 30_000 }))
    expect(calls.map((c) => c.headers.get('X-Delivery-Id'))).toEqual(['dlv-retry', 'dlv-retry'])
    expect(calls.map((c) => c.headers.get('X-Timestamp'))).toEqual([
      String(NOW / 1000),
      String(NOW / 1000 + 30),
    ])
    for (const call of calls) {
      const ts = call.headers.get('X-Timestamp') ?? ''
      const sig = call.headers.get('X-Signature-256')
      expect(await verifyWebhookSignature(SECRET, ts, call.body, sig)).toBe(true)
    }
  })

  it('classifies failures', async () => {
    const status = (code: number, headers: Record<string, string> = {}) =>
      deliver(
        webhook,
        notice(),
        deps(recorder(() => new Response('no', { status: code, headers })).fetch)
      )
    expect(await status(200)).toMatchObject({ ok: true })
    expect(await status(500)).toMatchObject({ ok: false, retryable: true })
    expect(await status(429, { 'Retry-After': '30' })).toMatchObject({
      retryable: true,
      retryAfterMs: 30_000,
    })
    expect(await status(429)).toMatchObject({ retryable: true })
    expect(await status(400)).toEqual({ ok: false, retryable: false, reason: 'no' })
    // Whatever else a target answers is never repeated back (no reading URLs through "send test").
    const leaky = (code: number) =>
      deliver(
        webhook,
        notice(),
        deps(recorder(() => new Response('{"AccessKeyId":"ASIA-SECRET"}', { status: code })).fetch)
      )
    expect(await leaky(403)).toEqual({ ok: false, retryable: false, reason: 'HTTP 403' })
    expect(JSON.stringify(await leaky(500))).not.toContain('SECRET')
    expect(await status(410)).toMatchObject({ retryable: false })
    expect(await status(302, { Location: 'https://elsewhere.test/' })).toMatchObject({
      retryable: false,
    })
    const timeout = recorder(() =>
      Promise.reject(new DOMException('The operation timed out.', 'TimeoutError'))
    )
    expect(await deliver(webhook, notice(), deps(timeout.fetch))).toMatchObject({
      ok: false,
      retryable: true,
    })
    const thrown = recorder(() => {
      throw new TypeError('fetch failed')
    })
    expect(await deliver(webhook, notice(), deps(thrown.fetch))).toMatchObject({
      retryable: true,
    })
  })
})

describe('notifyConfigSchema', () => {
  const teams = (senior: unknown[]) => ({ teams: { senior, risk: [], pr: [] } })
  const paths = (value: unknown) => {
    const parsed = notifyConfigSchema.safeParse(value)
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'))
  }

  it('accepts valid targets and fills missing teams', () => {
    expect(paths(teams([slack, telegram, webhook]))).toEqual([])
    expect(paths(teams([{ kind: 'telegram', chatId: '@shop_support' }]))).toEqual([])
    const empty = { teams: { senior: [], risk: [], pr: [] } }
    expect(notifyConfigSchema.parse({ teams: {} })).toEqual(empty)
  })

  it.each([
    'http://localhost:8787/hook',
    'https://169.254.169.254/',
    'https://10.0.0.1/',
    'https://[::1]/',
    'https://0x7f000001/',
    'http://127.1/x',
    'https://metadata.google.internal/',
  ])('refuses the webhook target %s (https to public hosts only)', (url) => {
    expect(paths(teams([{ kind: 'webhook', url, secret: SECRET }]))).toEqual(
      expect.arrayContaining(['teams.senior.0.url'])
    )
    expect(paths(teams([{ kind: 'slack', url }]))).toEqual(
      expect.arrayContaining(['teams.senior.0.url'])
    )
  })

  it('rejects bad urls, short secrets, bad chat ids and too many targets', () => {
    expect(paths(teams([{ kind: 'slack', url: 'http://hooks.slack.com/x' }]))).toEqual([
      'teams.senior.0.url',
    ])
    expect(paths(teams([{ kind: 'slack', url: 'not a url' }]))).toEqual(['teams.senior.0.url'])
    expect(paths(teams([{ ...webhook, url: 'http://example.com/hook' }]))).toEqual([
      'teams.senior.0.url',
    ])
    expect(paths(teams([{ ...webhook, secret: 'short' }]))).toEqual(['teams.senior.0.secret'])
    expect(paths(teams([{ kind: 'telegram', chatId: '12a' }]))).toEqual(['teams.senior.0.chatId'])
    expect(paths(teams([{ kind: 'email', to: 'x' }]))).toEqual(['teams.senior.0.kind'])
    expect(paths(teams(Array(6).fill(slack)))).toEqual(['teams.senior'])
    expect(paths({ teams: { seniors: [] } })).toEqual(['teams'])
  })
})

describe('redact and mergeSecrets', () => {
  const stored: NotifyConfig = { teams: { senior: [slack, webhook], risk: [], pr: [] } }

  it('redacts webhook secrets without touching the original', () => {
    const redacted = redact(stored)
    expect(redacted.teams.senior[1]).toEqual({ ...webhook, secret: REDACTED })
    expect(redacted.teams.senior[0]).toEqual(slack)
    expect(stored.teams.senior[1]).toEqual(webhook)
  })

  it('keeps the stored secret of the same index, and takes new secrets as sent', () => {
    const merged = mergeSecrets(redact(stored), stored)
    expect(merged).toEqual({ ok: true, config: stored })
    const changed = { ...webhook, secret: 'a-brand-new-secret-value' }
    const replaced = mergeSecrets({ teams: { senior: [slack, changed], risk: [], pr: [] } }, stored)
    const expected = { teams: { senior: [slack, changed], risk: [], pr: [] } }
    expect(replaced).toEqual({ ok: true, config: expected })
  })

  it('fails where a redacted secret has no stored webhook at that index', () => {
    const redacted = { ...webhook, secret: REDACTED }
    const result = mergeSecrets({ teams: { senior: [redacted], risk: [redacted], pr: [] } }, stored)
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: 'teams.senior.0.secret' }, { path: 'teams.risk.0.secret' }],
    })
  })
})

describe('store', () => {
  it('defaults to no targets, and caches reads for 30 s per isolate', async () => {
    const kv = env.CONFIG
    await kv.delete(NOTIFY_KEY)
    const t0 = NOW
    expect(await readNotifyConfig(kv, t0)).toEqual({ teams: { senior: [], risk: [], pr: [] } })
    await kv.put(NOTIFY_KEY, JSON.stringify({ teams: { senior: [slack], risk: [], pr: [] } }))
    expect((await readNotifyConfig(kv, t0 + 29_000)).teams.senior).toEqual([])
    expect((await readNotifyConfig(kv, t0 + 30_000)).teams.senior).toEqual([slack])

    const config: NotifyConfig = { teams: { senior: [], risk: [telegram], pr: [webhook] } }
    await writeNotifyConfig(kv, config, t0 + 31_000)
    expect(await readNotifyConfig(kv, t0 + 32_000)).toEqual(config)
    expect(JSON.parse((await kv.get(NOTIFY_KEY)) ?? '')).toEqual(config)

    const copy = await readNotifyConfig(kv, t0 + 32_000)
    copy.teams.pr.length = 0
    expect((await readNotifyConfig(kv, t0 + 33_000)).teams.pr).toEqual([webhook])

    await kv.put(NOTIFY_KEY, '{not json')
    const empty = { teams: { senior: [], risk: [], pr: [] } }
    expect(await readNotifyConfig(kv, t0 + 70_000)).toEqual(empty)
    await kv.delete(NOTIFY_KEY)
  })
})
