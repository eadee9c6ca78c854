import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../src/api/openapi'
import { sha256Hex } from '../src/lib/crypto'
import { cases } from '../src/routes/admin/cases'
import { conversations } from '../src/routes/admin/conversations'
import { escalations } from '../src/routes/admin/escalations'
import { tokens } from '../src/routes/admin/tokens'
import { ADMIN } from './helpers'
import { routesApp } from './support/admin-api'

// Until the lead mounts these routers in src/app.ts, a small app with the same error handling.
const app = routesApp((root) =>
  root
    .route('/api/v1/tokens', tokens)
    .route('/api/v1/conversations', conversations)
    .route('/api/v1/escalations', escalations)
    .route('/api/v1/cases', cases)
)

const call = (path: string, init: RequestInit = {}) => app.request(path, init, env)
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const body = async <T = Record<string, unknown>>(res: Response): Promise<T> => await res.json()

interface Created {
  id: string
  name: string
  role: string
  token: string
  createdAt: number
}
interface Listed {
  id: string
  name: string
  role: string
  createdBy: string
  revokedAt: number | null
  lastUsedAt: number | null
}
interface Summary {
  key: string
  escalationReasons: string[]
  [field: string]: unknown
}
interface Case {
  id: string
  [field: string]: unknown
}
type Page<K extends string, T> = Record<K, T[]> & { nextCursor: string | null }

const createToken = async (name: string, role: 'admin' | 'agent', headers = ADMIN) => {
  const res = await call('/api/v1/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name, role }),
  })
  expect(res.status).toBe(201)
  return body<Created>(res)
}

describe('API tokens', () => {
  it('issues an agent token that reads but cannot administer, until revoked', async () => {
    const created = await createToken('agent-ada', 'agent')
    expect(created).toMatchObject({ name: 'agent-ada', role: 'agent' })
    expect(created.token).toMatch(/^sek_[\w-]{32}$/)
    const agent = bearer(created.token)

    for (const path of ['/api/v1/conversations', '/api/v1/escalations', '/api/v1/cases']) {
      expect((await call(path, { headers: agent })).status).toBe(200)
    }

    const post = await call('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...agent },
      body: JSON.stringify({ name: 'sneaky', role: 'admin' }),
    })
    expect(post.status).toBe(403)
    expect(await post.json()).toMatchObject({ error: { code: 'forbidden' } })
    expect((await call('/api/v1/tokens', { headers: agent })).status).toBe(403)

    const revoke = await call(`/api/v1/tokens/${created.id}`, { method: 'DELETE', headers: ADMIN })
    expect(revoke.status).toBe(200)
    const revoked = await body<{ id: string; revokedAt: number }>(revoke)
    expect(revoked.id).toBe(created.id)
    expect(revoked.revokedAt).toBeGreaterThanOrEqual(created.createdAt)

    const after = await call('/api/v1/conversations', { headers: agent })
    expect(after.status).toBe(401)
    expect(await after.json()).toMatchObject({ error: { code: 'unauthorized' } })

    const again = await call(`/api/v1/tokens/${created.id}`, { method: 'DELETE', headers: ADMIN })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(revoked)
  })

  it('lists tokens without the token or its hash, with usage and revocation', async () => {
    const created = await createToken('lister', 'agent')
    expect((await call('/api/v1/cases', { headers: bearer(created.token) })).status).toBe(200)

    const res = await call('/api/v1/tokens', { headers: ADMIN })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain(created.token)
    expect(text).not.toContain(await sha256Hex(created.token))
    expect(text).not.toMatch(/hash|"token"/i)
    const listed = (JSON.parse(text) as { tokens: Listed[] }).tokens
    const mine = listed.find((t) => t.id === created.id)
    expect(mine).toMatchObject({ name: 'lister', role: 'agent', createdBy: 'root' })
    expect(mine?.revokedAt).toBeNull()
    expect(mine?.lastUsedAt).toBeTypeOf('number')
    expect(Object.keys(mine ?? {}).sort()).toEqual(
      ['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'revokedAt', 'role'].sort()
    )
  })

  it('lets an issued admin token administer, recorded by its id (a name can be anything)', async () => {
    const boss = await createToken('ops-lead', 'admin')
    const minted = await createToken('night-shift', 'agent', bearer(boss.token))
    const res = await call('/api/v1/tokens', { headers: ADMIN })
    const listed = await body<{ tokens: Listed[] }>(res)
    expect(listed.tokens.find((t) => t.id === minted.id)?.createdBy).toBe(`token:${boss.id}`)
  })

  it.each(['admin', 'Admin', ' root ', 'OWNER', 'system'])(
    'refuses the reserved token name %j',
    async (name) => {
      const res = await call('/api/v1/tokens', {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ name, role: 'admin' }),
      })
      expect(res.status).toBe(400)
    }
  )

  it('keeps the admin token working and rejects unknown tokens', async () => {
    expect((await call('/api/v1/tokens', { headers: ADMIN })).status).toBe(200)
    expect((await call('/api/v1/conversations', { headers: ADMIN })).status).toBe(200)
    for (const token of ['sek_unknown-token-000000000000000000', 'wrong']) {
      expect((await call('/api/v1/conversations', { headers: bearer(token) })).status).toBe(401)
    }
    expect((await call('/api/v1/conversations')).status).toBe(401)
  })

  it('validates the create body and 404s unknown ids', async () => {
    const inputs = [
      { name: '', role: 'agent' },
      { name: '   ', role: 'agent' },
      { name: 'x'.repeat(65), role: 'agent' },
      { name: 'a', role: 'root' },
    ]
    for (const input of inputs) {
      const res = await call('/api/v1/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ADMIN },
        body: JSON.stringify(input),
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body' } })
    }
    const res = await call('/api/v1/tokens/no-such-token', { method: 'DELETE', headers: ADMIN })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})

interface Seed {
  key: string
  status: 'open' | 'resolved'
  owner: 'bot' | 'human'
  level: number
  customerName?: string
  lastMessage?: string
  breaches?: number
  nextDueAt?: number
  escalatedAt?: number
  expectedResolutionAt?: number
  reasons?: string[]
  updatedAt: number
}

const seed = (
  key: string,
  status: Seed['status'],
  owner: Seed['owner'],
  level: number,
  updatedAt: number,
  extra: Partial<Seed> = {}
): Seed => ({ key, status, owner, level, updatedAt, ...extra })

const seeds: Seed[] = [
  seed('telegram:101', 'open', 'bot', 0, 1000, {
    customerName: 'Ada Lovelace',
    lastMessage: 'where is my parcel',
  }),
  seed('telegram:102', 'open', 'human', 1, 2000, {
    customerName: 'Bob',
    lastMessage: 'REFUND now',
    breaches: 2,
    escalatedAt: 1500,
    expectedResolutionAt: 5000,
    reasons: ['anger', 'sla_breach'],
  }),
  seed('webchat:abc', 'resolved', 'human', 2, 2000, {
    customerName: 'Cleo',
    lastMessage: 'thanks 100%',
    escalatedAt: 1200,
  }),
  seed('whatsapp:555', 'open', 'human', 2, 3000, {
    lastMessage: 'my lawyer',
    breaches: 1,
    escalatedAt: 2500,
    nextDueAt: 4000,
    reasons: ['legal'],
  }),
  seed('webchat:def', 'open', 'bot', 1, 4000, {
    customerName: 'Dan',
    lastMessage: 'hello',
    escalatedAt: 3000,
  }),
  seed('telegram:103', 'resolved', 'bot', 0, 500, { customerName: 'Eve', lastMessage: 'bye' }),
  seed('line:U1', 'open', 'human', 1, 1000, {
    customerName: 'Fay',
    lastMessage: 'still waiting',
    escalatedAt: 900,
    expectedResolutionAt: 1000,
  }),
  seed('messenger:9', 'open', 'human', 1, 1500, {
    customerName: 'Gus',
    lastMessage: 'hmm',
    escalatedAt: 3000,
  }),
]

const seedConversation = (s: Seed) =>
  env.DB.prepare(
    `INSERT INTO conversations (key, channel, status, owner, level, stage, locale, customer_name,
       last_message, breaches, next_due_at, escalated_at, escalation_reasons,
       expected_resolution_at, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, 'menu', 'en', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`
  )
    .bind(
      s.key,
      s.key.split(':')[0],
      s.status,
      s.owner,
      s.level,
      s.customerName ?? null,
      s.lastMessage ?? null,
      s.breaches ?? 0,
      s.nextDueAt ?? null,
      s.escalatedAt ?? null,
      s.reasons ? JSON.stringify(s.reasons) : null,
      s.expectedResolutionAt ?? null,
      100,
      s.updatedAt
    )
    .run()

const at = (iso: string) => Date.parse(iso)
const caseSeeds = [
  { id: 'case-1', category: 'shipping', rating: 5, resolvedAt: at('2024-03-01T10:00:00Z') },
  { id: 'case-2', category: 'refund', rating: 2, resolvedAt: at('2024-03-05T00:00:00Z') },
  { id: 'case-3', category: 'shipping', rating: 4, resolvedAt: at('2024-03-10T23:59:00Z') },
  { id: 'case-4', category: 'shipping', rating: null, resolvedAt: at('2024-03-10T23:59:00Z') },
  { id: 'case-5', category: 'refund', rating: 5, resolvedAt: at('2024-02-20T08:00:00Z') },
]

const seedCase = (r: (typeof caseSeeds)[number]) =>
  env.DB.prepare(
    `INSERT INTO cases (id, conversation_key, channel, category, level, problem, solution,
       handler, opened_at, resolved_at, resolve_ms, rating, comment)
     VALUES (?1, ?2, 'telegram', ?3, 1, 'late parcel', 'reshipped', 'agent-ada', ?4, ?5, 60000, ?6,
       NULL)`
  )
    .bind(r.id, `telegram:${r.id}`, r.category, r.resolvedAt - 60_000, r.resolvedAt, r.rating)
    .run()

// Storage is per test file: seed once for every describe below.
beforeAll(async () => {
  for (const s of seeds) await seedConversation(s)
  for (const r of caseSeeds) await seedCase(r)
})

const keysOf = (rows: { key: string }[]) => rows.map((r) => r.key)
const byRecency = (a: Seed, b: Seed) =>
  b.updatedAt - a.updatedAt || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0)
const expected = (keep: (s: Seed) => boolean) =>
  seeds
    .filter(keep)
    .sort(byRecency)
    .map((s) => s.key)

const list = async (query: string) => {
  const res = await call(`/api/v1/conversations?${query}`, { headers: ADMIN })
  expect(res.status).toBe(200)
  return body<Page<'conversations', Summary>>(res)
}

/** Follows `nextCursor` to the end; returns every row in page order and the page count. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the page's field and row type
const allPages = async <K extends string, T>(path: string, field: K) => {
  const rows: T[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const sep = path.includes('?') ? '&' : '?'
    const url: string = cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path
    const res = await call(url, { headers: ADMIN })
    expect(res.status).toBe(200)
    const page: Page<K, T> = await body<Page<K, T>>(res)
    expect(page[field].length).toBeLessThanOrEqual(2)
    rows.push(...page[field])
    cursor = page.nextCursor
    pages++
  } while (cursor && pages < 50)
  return { rows, pages }
}

describe('GET /api/v1/conversations', () => {
  it('lists everything newest first, camelCased, reasons as an array', async () => {
    const page = await list('')
    expect(keysOf(page.conversations)).toEqual(expected(() => true))
    expect(page.nextCursor).toBeNull()
    const row = page.conversations.find((r) => r.key === 'telegram:102')
    expect(row).toMatchObject({
      channel: 'telegram',
      status: 'open',
      owner: 'human',
      level: 1,
      stage: 'menu',
      locale: 'en',
      customerName: 'Bob',
      lastMessage: 'REFUND now',
      breaches: 2,
      escalatedAt: 1500,
      escalationReasons: ['anger', 'sla_breach'],
      expectedResolutionAt: 5000,
      createdAt: 100,
      updatedAt: 2000,
    })
    expect(page.conversations.find((r) => r.key === 'telegram:101')?.escalationReasons).toEqual([])
  })

  it.each([
    ['status=resolved', (s: Seed) => s.status === 'resolved'],
    ['status=open', (s: Seed) => s.status === 'open'],
    ['owner=bot', (s: Seed) => s.owner === 'bot'],
    ['owner=human', (s: Seed) => s.owner === 'human'],
    ['level=2', (s: Seed) => s.level === 2],
    ['level=0', (s: Seed) => s.level === 0],
    ['channel=webchat', (s: Seed) => s.key.startsWith('webchat:')],
    ['breached=true', (s: Seed) => (s.breaches ?? 0) > 0],
    ['breached=false', (s: Seed) => (s.breaches ?? 0) === 0],
    ['q=refund', (s: Seed) => s.key === 'telegram:102'],
    ['q=ADA', (s: Seed) => s.key === 'telegram:101'],
    ['q=100%25', (s: Seed) => s.key === 'webchat:abc'],
    ['q=a_', () => false],
    [
      'status=open&owner=human&level=1',
      (s: Seed) => s.status === 'open' && s.owner === 'human' && s.level === 1,
    ],
  ])('filters %s', async (query, keep) => {
    const page = await list(query)
    expect(keysOf(page.conversations)).toEqual(expected(keep))
    expect(page.conversations.length).toBeLessThan(seeds.length)
  })

  it('pages with limit 2: every row exactly once, in order', async () => {
    const { rows, pages } = await allPages<'conversations', Summary>(
      '/api/v1/conversations?limit=2',
      'conversations'
    )
    expect(keysOf(rows)).toEqual(expected(() => true))
    expect(new Set(keysOf(rows)).size).toBe(seeds.length)
    expect(pages).toBe(seeds.length / 2)
  })

  it('pages a filtered list too', async () => {
    const { rows } = await allPages<'conversations', Summary>(
      '/api/v1/conversations?status=open&limit=2',
      'conversations'
    )
    expect(keysOf(rows)).toEqual(expected((s) => s.status === 'open'))
  })

  it.each([
    ['level=7', 'level'],
    ['status=closed', 'status'],
    ['owner=agent', 'owner'],
    ['breached=yes', 'breached'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${btoa(JSON.stringify({ updatedAt: 'x', key: 1 }))}`, 'cursor'],
  ])('400s invalid_query on %s', async (query, path) => {
    const res = await call(`/api/v1/conversations?${query}`, { headers: ADMIN })
    expect(res.status).toBe(400)
    const { error } = await body<{ error: { code: string; issues: { path: string }[] } }>(res)
    expect(error.code).toBe('invalid_query')
    expect(error.issues.map((i) => i.path)).toContain(path)
  })
})

describe('GET /api/v1/escalations', () => {
  // Oldest due first: expected resolution, else next due, else escalated at; then key.
  const queue = ['line:U1', 'messenger:9', 'webchat:def', 'whatsapp:555', 'telegram:102']

  it('is the open escalations, oldest due first, without resolved or level 0', async () => {
    const res = await call('/api/v1/escalations', { headers: ADMIN })
    expect(res.status).toBe(200)
    const page = await body<Page<'escalations', Summary>>(res)
    expect(keysOf(page.escalations)).toEqual(queue)
    expect(page.nextCursor).toBeNull()
  })

  it('filters by level and pages in queue order', async () => {
    const two = await body<Page<'escalations', Summary>>(
      await call('/api/v1/escalations?level=2', { headers: ADMIN })
    )
    expect(keysOf(two.escalations)).toEqual(['whatsapp:555'])
    const { rows } = await allPages<'escalations', Summary>(
      '/api/v1/escalations?limit=2',
      'escalations'
    )
    expect(keysOf(rows)).toEqual(queue)
    const bad = await call('/api/v1/escalations?level=7', { headers: ADMIN })
    expect(bad.status).toBe(400)
  })
})

describe('GET /api/v1/cases', () => {
  const ids = async (query: string) => {
    const res = await call(`/api/v1/cases?${query}`, { headers: ADMIN })
    expect(res.status).toBe(200)
    return (await body<Page<'cases', Case>>(res)).cases.map((c) => c.id)
  }

  it('lists newest resolution first, camelCased', async () => {
    expect(await ids('')).toEqual(['case-4', 'case-3', 'case-2', 'case-1', 'case-5'])
    const res = await call('/api/v1/cases?limit=1', { headers: ADMIN })
    const page = await body<Page<'cases', Case>>(res)
    expect(page.cases[0]).toEqual({
      id: 'case-4',
      conversationKey: 'telegram:case-4',
      channel: 'telegram',
      category: 'shipping',
      level: 1,
      problem: 'late parcel',
      solution: 'reshipped',
      handler: 'agent-ada',
      openedAt: at('2024-03-10T23:58:00Z'),
      resolvedAt: at('2024-03-10T23:59:00Z'),
      resolveMs: 60_000,
      rating: null,
      comment: null,
      qaScore: null, // seeded straight into D1, never inspected
      qa: null,
    })
    expect(page.nextCursor).toBeTypeOf('string')
  })

  it('filters by category, rating and resolution dates', async () => {
    expect(await ids('category=shipping')).toEqual(['case-4', 'case-3', 'case-1'])
    expect(await ids('rating=5')).toEqual(['case-1', 'case-5'])
    expect(await ids('category=refund&rating=5')).toEqual(['case-5'])
    expect(await ids('from=2024-03-01&to=2024-03-10')).toEqual([
      'case-4',
      'case-3',
      'case-2',
      'case-1',
    ])
    expect(await ids('to=2024-03-10T00:00:00Z')).toEqual(['case-2', 'case-1', 'case-5'])
    expect(await ids('from=2024-03-05T00:00:00Z')).toEqual(['case-4', 'case-3', 'case-2'])
  })

  it('pages with limit 2', async () => {
    const all = await allPages<'cases', Case>('/api/v1/cases?limit=2', 'cases')
    expect(all.rows.map((c) => c.id)).toEqual(['case-4', 'case-3', 'case-2', 'case-1', 'case-5'])
  })

  it.each([
    ['rating=6', 'rating'],
    ['from=yesterday', 'from'],
    ['from=2024-03-10&to=2024-03-01', 'to'],
  ])('400s invalid_query on %s', async (query, path) => {
    const res = await call(`/api/v1/cases?${query}`, { headers: ADMIN })
    expect(res.status).toBe(400)
    const { error } = await body<{ error: { code: string; issues: { path: string }[] } }>(res)
    expect(error.code).toBe('invalid_query')
    expect(error.issues.map((i) => i.path)).toContain(path)
  })
})

describe('OpenAPI', () => {
  it('documents every new route with its query parameters', () => {
    const doc = openApiDocument('test') as unknown as {
      paths: Record<string, Record<string, { parameters: { name: string }[]; 'x-access': string }>>
    }
    expect(doc.paths['/api/v1/tokens']?.post?.['x-access']).toBe('admin')
    expect(doc.paths['/api/v1/tokens/{id}']?.delete).toBeDefined()
    const names = (path: string) => doc.paths[path]?.get?.parameters.map((p) => p.name) ?? []
    const filters = ['status', 'owner', 'level', 'channel', 'breached', 'q', 'limit', 'cursor']
    expect(names('/api/v1/conversations')).toEqual(expect.arrayContaining(filters))
    expect(names('/api/v1/escalations')).toEqual(
      expect.arrayContaining(['level', 'limit', 'cursor'])
    )
    expect(names('/api/v1/cases')).toEqual(
      expect.arrayContaining(['category', 'rating', 'from', 'to', 'limit', 'cursor'])
    )
  })
})
