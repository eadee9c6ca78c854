import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../src/app'
import { classify, listAudit, purgeAudit, retentionDays, writeAudit } from '../src/audit/log'
import { ADMIN, drain, fakeTelegram } from './helpers'
import { ADMIN_JSON as json } from './support/admin-api'
import { telegramSays } from './support/telegram'

// app.request has no execution context, so the audit write finishes before the answer: no waiting.
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env)
const entries = async (q: Partial<Parameters<typeof listAudit>[1]> = {}) =>
  (await listAudit(env.DB, { limit: 100, ...q })).entries

describe('audit log', () => {
  it('records who read a conversation, with route, target and address, and never the secret', async () => {
    fakeTelegram()
    await telegramSays(8101, 'where is my order 202611230001')
    await drain('telegram:8101')
    expect(
      (
        await call('/api/v1/conversations/telegram:8101', {
          headers: { ...ADMIN, 'CF-Connecting-IP': '203.0.113.5' },
        })
      ).status
    ).toBe(200)
    const [read] = await entries({ target: 'telegram:8101' })
    expect(read).toMatchObject({
      actor: 'root',
      role: 'admin',
      action: 'read',
      method: 'GET',
      path: '/api/v1/conversations/telegram:8101',
      target: 'telegram:8101',
      ip: '203.0.113.5',
      status: 200,
    })
    expect(JSON.stringify(await entries())).not.toContain('test-admin-token')
  })

  it('records an agent token by its id and an admin change by what it changed', async () => {
    const created = (await (
      await call('/api/v1/tokens', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'night-shift', role: 'agent' }),
      })
    ).json()) as { id: string; token: string }
    await call('/api/v1/conversations', { headers: { Authorization: `Bearer ${created.token}` } })
    expect((await entries({ actor: `token:${created.id}` }))[0]).toMatchObject({
      actorName: 'night-shift',
      role: 'agent',
      action: 'read',
      path: '/api/v1/conversations',
    })
    await call('/api/v1/templates/audit-probe', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ locales: { en: 'hello' } }),
    })
    expect((await entries({ action: 'change', target: 'audit-probe' }))[0]).toMatchObject({
      actor: 'root',
      method: 'PUT',
      path: '/api/v1/templates/audit-probe',
    })
    // The token's own creation is a change too.
    expect(
      (await entries({ action: 'change' })).some(
        (e) => e.path === '/api/v1/tokens' && e.method === 'POST'
      )
    ).toBe(true)
  })

  it('records console reads by the signed-in agent', async () => {
    const login = await call('/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=admin&password=test-admin-token',
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    fakeTelegram()
    await telegramSays(8102, 'hi')
    await drain('telegram:8102')
    expect((await call('/console/c/telegram%3A8102', { headers: { cookie } })).status).toBe(200)
    expect((await entries({ target: 'telegram:8102' }))[0]).toMatchObject({
      actor: 'agent:owner',
      actorName: 'Owner',
      action: 'read',
    })
  })

  it('adds nothing on the customer message path', async () => {
    fakeTelegram()
    const before = (await entries()).length
    await telegramSays(8103, 'hello there')
    await drain('telegram:8103')
    expect((await entries()).length).toBe(before)
  })

  it('lists with filters and id paging, admins only', async () => {
    for (let i = 0; i < 5; i++)
      await writeAudit(env.DB, {
        at: 1000 + i,
        actor: 'agent:pager',
        actorName: 'P',
        role: 'agent',
        action: 'read',
        method: 'GET',
        path: '/console',
        target: null,
        ip: null,
        status: 200,
      })
    const first = (await (
      await call('/api/v1/audit?actor=agent:pager&limit=2', { headers: ADMIN })
    ).json()) as { entries: { at: number }[]; nextBefore: number }
    expect(first.entries.map((e) => e.at)).toEqual([1004, 1003])
    const second = (await (
      await call(`/api/v1/audit?actor=agent:pager&limit=2&before=${first.nextBefore}`, {
        headers: ADMIN,
      })
    ).json()) as { entries: { at: number }[] }
    expect(second.entries.map((e) => e.at)).toEqual([1002, 1001])
    const agentToken = (await (
      await call('/api/v1/tokens', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'nosy', role: 'agent' }),
      })
    ).json()) as { token: string }
    expect(
      (await call('/api/v1/audit', { headers: { Authorization: `Bearer ${agentToken.token}` } }))
        .status
    ).toBe(403)
    expect((await call('/api/v1/audit?action=delete', { headers: ADMIN })).status).toBe(400)
  })

  it('purges entries past the retention period (default 180 days)', async () => {
    const day = 86_400_000
    const now = 400 * day
    await writeAudit(env.DB, {
      at: now - 181 * day,
      actor: 'agent:old',
      actorName: 'O',
      role: 'agent',
      action: 'read',
      method: 'GET',
      path: '/console',
      target: null,
      ip: null,
      status: 200,
    })
    await writeAudit(env.DB, {
      at: now - 179 * day,
      actor: 'agent:old',
      actorName: 'O',
      role: 'agent',
      action: 'read',
      method: 'GET',
      path: '/console',
      target: null,
      ip: null,
      status: 200,
    })
    expect(retentionDays(undefined)).toBe(180)
    expect(retentionDays('30')).toBe(30)
    expect(retentionDays('0')).toBe(180)
    await purgeAudit(env.DB, now, retentionDays(undefined))
    expect((await entries({ actor: 'agent:old' })).map((e) => e.at)).toEqual([now - 179 * day])
  })

  it('classifies requests: customer-data reads and every change; other reads are not logged', () => {
    expect(classify('GET', '/api/v1/conversations/telegram%3A1')).toEqual({
      action: 'read',
      target: 'telegram:1',
    })
    expect(classify('GET', '/api/v1/templates')).toBeNull()
    expect(classify('GET', '/api/v1/tickets/T-7KQ2MX')).toEqual({
      action: 'read',
      target: 'T-7KQ2MX',
    })
    expect(classify('GET', '/console/tickets/T-7KQ2MX')).toEqual({
      action: 'read',
      target: 'T-7KQ2MX',
    })
    expect(classify('GET', '/api/v1/tickets')).toEqual({ action: 'read', target: null })
    expect(classify('POST', '/api/v1/tickets/T-7KQ2MX/transition')).toEqual({
      action: 'change',
      target: 'T-7KQ2MX',
    })
    expect(classify('GET', '/console/rows')).toBeNull()
    expect(classify('POST', '/console/c/webchat%3Aabc/send')).toEqual({
      action: 'change',
      target: 'webchat:abc',
    })
    expect(classify('DELETE', '/api/v1/agents/agt_1')).toEqual({
      action: 'change',
      target: 'agt_1',
    })
  })
})
