import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  admit,
  DIGEST_WINDOW_MS,
  digestNotice,
  emptyDigest,
  type DigestState,
} from '../src/inbox/digest'
import { api, drain, view } from './helpers'
import { ADMIN_JSON as json } from './support/admin-api'

const SECRET = 'a-webhook-secret-of-some-length'

beforeAll(async () => {
  const notify = {
    teams: {
      senior: [],
      risk: [{ kind: 'webhook', url: 'https://hooks.shop.test/risk', secret: SECRET }],
      pr: [],
    },
  }
  expect(
    (
      await api('/api/v1/settings/notifications', {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(notify),
      })
    ).status
  ).toBe(200)
})
afterEach(() => vi.unstubAllGlobals())

const item = (key: string, at: number) => ({
  key,
  level: 2 as const,
  reasons: ['legal_threat'],
  summary: 'threatens to sue',
  at,
})

describe('digest policy (pure)', () => {
  it('pages the first escalation at once and folds the rest of the window into one digest', () => {
    let state = emptyDigest()
    const first = admit(state, item('webchat:a', 1000), 1000)
    expect(first.verdict).toBe('send')
    state = first.state
    const second = admit(state, item('webchat:b', 2000), 2000)
    expect(second).toMatchObject({ verdict: 'digest', dueAt: 1000 + DIGEST_WINDOW_MS })
    state = admit(second.state, item('webchat:c', 3000), 3000).state
    expect(state.count).toBe(2)
    // Still folded after the window while a digest is pending: the digest goes first.
    expect(
      admit(state, item('webchat:d', 1000 + DIGEST_WINDOW_MS + 1), 1000 + DIGEST_WINDOW_MS + 1)
        .verdict
    ).toBe('digest')
    const notice = digestNotice('risk', state, 5000)
    expect(notice.level).toBe(2)
    expect(notice.reasons[0]).toContain('2 more escalations')
    expect(notice.summary).toContain('webchat:b')
    expect(notice.summary).toContain('webchat:c')
  })
})

describe('anonymous escalations reach a team as one page plus one digest', () => {
  it('thirty legal threats from thirty new web chats page risk once, then once more with the rest', async () => {
    const pages: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        if (
          String(input instanceof Request ? input.url : input).startsWith('https://hooks.shop.test')
        )
          pages.push(String(init?.body))
        return new Response('ok')
      })
    )
    const keys: string[] = []
    for (let i = 0; i < 30; i++) {
      const session = (await (await api('/chat/session', { method: 'POST' })).json()) as {
        token: string
        sessionId: string
      }
      const res = await api('/webhooks/webchat', {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: `client-threat-${String(i).padStart(3, '0')}`,
          text: 'I will sue you and call the newspapers',
        }),
      })
      expect(res.status).toBe(200)
      keys.push(`webchat:${session.sessionId}`)
      await drain(`webchat:${session.sessionId}`)
    }
    expect(pages).toHaveLength(1)
    const statuses = await Promise.all(
      keys.map(async (k) => (await view(k)).notifications.find((n) => n.team === 'risk')?.status)
    )
    expect(statuses.filter((s) => s === 'delivered')).toHaveLength(1)
    expect(statuses.filter((s) => s === 'digested')).toHaveLength(29)

    // The window ends (moved back in the hub's storage; the hub runs on wall time): one digest.
    const hub = env.INBOX.getByName('shop')
    await runInDurableObject(hub, async (_i, state) => {
      const d = (await state.storage.get<DigestState>('digest:risk')) as DigestState
      await state.storage.put('digest:risk', {
        ...d,
        lastPageAt: (d.lastPageAt ?? 0) - DIGEST_WINDOW_MS,
      })
    })
    await runDurableObjectAlarm(hub)
    expect(pages).toHaveLength(2)
    expect(pages[1]).toContain('29 more escalations')
  })
})
