import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { verifyWebhookSignature } from '../src/notify/deliver'
import { readNotifyConfig } from '../src/notify/store'
import { notifySettings } from '../src/routes/admin/notify'
import { jsonCaller, routesApp, through } from './support/admin-api'

// KV storage is shared by the tests of this file: they run in order and build on each other.

const BASE = '/api/v1/settings/notifications'
const SECRET = 'first-secret-0123456789'
const SLACK_URL = 'https://hooks.slack.com/services/T0/B0/abc'
const HOOK_URL = 'https://helpdesk.shop.test/escalations'

const call = jsonCaller(through(routesApp((root) => root.route(BASE, notifySettings))))

const issues = (body: Record<string, unknown>) =>
  (body.error as { issues?: { path: string; message: string }[] }).issues ?? []

type Config = { teams: Record<'senior' | 'risk' | 'pr', Record<string, string>[]> }

const config = (secret: string): Config => ({
  teams: {
    senior: [
      { kind: 'slack', url: SLACK_URL },
      { kind: 'webhook', url: HOOK_URL, secret },
    ],
    risk: [{ kind: 'telegram', chatId: '-1001234' }],
    pr: [],
  },
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('notification settings API', () => {
  it('needs the admin token', async () => {
    const res = await call('GET', BASE, undefined, { Authorization: 'Bearer wrong' })
    expect(res.status).toBe(401)
  })

  it('answers no targets before anything is stored', async () => {
    const res = await call('GET', BASE)
    expect(res).toEqual({ status: 200, body: { teams: { senior: [], risk: [], pr: [] } } })
  })

  it('stores a valid config and answers it redacted', async () => {
    const res = await call('PUT', BASE, config(SECRET))
    expect(res.status).toBe(200)
    expect(res.body).toEqual(config('********'))
    const stored = await readNotifyConfig(env.CONFIG)
    expect(stored).toEqual(config(SECRET))
  })

  it('never shows the secret on GET', async () => {
    const res = await call('GET', BASE)
    expect(res).toEqual({ status: 200, body: config('********') })
    expect(JSON.stringify(res.body)).not.toContain(SECRET)
  })

  it('keeps the stored secret when PUT sends the redacted one back', async () => {
    const edited = config('********')
    edited.teams.pr = [{ kind: 'telegram', chatId: '@shop_pr' }]
    const res = await call('PUT', BASE, edited)
    expect(res.status).toBe(200)
    const stored = await readNotifyConfig(env.CONFIG)
    expect(stored.teams.senior[1]).toEqual({ kind: 'webhook', url: HOOK_URL, secret: SECRET })
    expect(stored.teams.pr).toEqual([{ kind: 'telegram', chatId: '@shop_pr' }])
  })

  it('rejects a redacted secret with nothing stored at that position', async () => {
    const moved = config('********')
    moved.teams.senior.reverse()
    const res = await call('PUT', BASE, moved)
    expect(res.status).toBe(400)
    expect(issues(res.body).map((issue) => issue.path)).toEqual(['teams.senior.0.secret'])
  })

  it('rejects invalid targets with field paths', async () => {
    const bad = config(SECRET)
    bad.teams.senior[0] = { kind: 'slack', url: 'http://hooks.slack.com/services/x' }
    const res = await call('PUT', BASE, bad)
    expect(res.status).toBe(400)
    expect((res.body.error as { code: string }).code).toBe('invalid_body')
    expect(issues(res.body).map((issue) => issue.path)).toEqual(['teams.senior.0.url'])

    const short = await call('PUT', BASE, config('short'))
    expect(issues(short.body).map((issue) => issue.path)).toEqual(['teams.senior.1.secret'])
    expect((await call('PUT', BASE, '{nope')).status).toBe(400)
    // Nothing changed.
    expect((await readNotifyConfig(env.CONFIG)).teams.senior[1]).toMatchObject({ secret: SECRET })
  })

  it('sends a sample notice to every target of a team', async () => {
    const requests: Request[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init)
        requests.push(request)
        return request.url === SLACK_URL ? new Response('ok') : new Response(null, { status: 204 })
      })
    )
    const res = await call('POST', `${BASE}/test`, { team: 'senior' })
    expect(res.status).toBe(200)
    const deliveryId = res.body.deliveryId as string
    expect(deliveryId).toMatch(/^test-/)
    expect(res.body).toEqual({
      team: 'senior',
      deliveryId,
      results: [
        { index: 0, kind: 'slack', result: { ok: true, externalId: deliveryId } },
        { index: 1, kind: 'webhook', result: { ok: true, externalId: deliveryId } },
      ],
    })
    expect(requests.map((r) => r.url)).toEqual([SLACK_URL, HOOK_URL])

    const slack = (await requests[0]?.json()) as { text: string; blocks: unknown[] }
    expect(slack.text).toContain('Level 1 escalation')
    expect(slack.blocks.length).toBeGreaterThan(2)

    const hook = requests[1]
    if (!hook) throw new Error('no webhook request')
    const body = await hook.text()
    expect(JSON.parse(body)).toMatchObject({ type: 'escalation', version: 1, deliveryId })
    expect(hook.headers.get('X-Delivery-Id')).toBe(deliveryId)
    const valid = await verifyWebhookSignature(
      SECRET,
      hook.headers.get('X-Timestamp') ?? '',
      body,
      hook.headers.get('X-Signature-256')
    )
    expect(valid).toBe(true)
  })

  it('reports each target outcome, including failures', async () => {
    const urls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        urls.push(String(input))
        const body = { ok: false, description: 'Forbidden: bot was kicked' }
        return Response.json(body, { status: 403 })
      })
    )
    const res = await call('POST', `${BASE}/test`, { team: 'risk' })
    expect(res.status).toBe(200)
    expect(res.body.results).toEqual([
      {
        index: 0,
        kind: 'telegram',
        result: { ok: false, retryable: false, reason: 'Forbidden: bot was kicked' },
      },
    ])
    expect(urls).toEqual(['https://telegram.test/bot123456:TEST-TOKEN/sendMessage'])
  })

  it('rejects an unknown team', async () => {
    const res = await call('POST', `${BASE}/test`, { team: 'legal' })
    expect(res.status).toBe(400)
    expect(issues(res.body).map((issue) => issue.path)).toEqual(['team'])
  })
})
