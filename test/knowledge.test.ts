import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KnowledgeDoc, KnowledgeEntry } from '../src/flows/types'
import { DEFAULT_KNOWLEDGE } from '../src/knowledge/default-knowledge'
import { ADMIN, api, drain, fakeTelegram, view } from './helpers'
import { telegramSays } from './support/telegram'
import { jsonCaller } from './support/admin-api'

// KV storage is isolated per test file, not per test: the tests build on each other in order,
// and the ones that need an empty KV come first.

afterEach(() => vi.unstubAllGlobals())

const BASE = '/api/v1/knowledge'

const call = jsonCaller((path, init) => api(`${BASE}${path}`, init))

const doc = (body: Record<string, unknown>) => body as unknown as KnowledgeDoc

const issuePaths = (body: Record<string, unknown>): string[] =>
  ((body.error as { issues?: { path: string }[] }).issues ?? []).map((issue) => issue.path)

const errorCode = (body: Record<string, unknown>) => (body.error as { code: string }).code

const entry = (id: string, en: string, zh = '中文回答'): KnowledgeEntry => ({
  id,
  title: { 'zh-CN': `标题 ${id}`, en: `Title ${id}` },
  questions: { 'zh-CN': ['怎么办？'], en: [`what about ${id}?`] },
  answer: { 'zh-CN': zh, en },
})

const versionList = async () => {
  const res = await call('GET', '/versions')
  const versions = res.body.versions as { version: number; current: boolean }[]
  return { current: res.body.current, list: versions.map((v) => [v.version, v.current]) }
}

const pinsOf = async (key: string) => (await view(key)).state.pins

const startChat = async (chatId: number) => {
  await telegramSays(chatId, 'hello there')
  await drain(`telegram:${chatId}`)
}

describe('on an empty KV', () => {
  it('serves the bundled knowledge base as version 0', async () => {
    const res = await call('GET', '')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(DEFAULT_KNOWLEDGE)
    expect(await versionList()).toEqual({ current: 0, list: [[0, true]] })
    expect((await call('GET', '/v/0')).body).toEqual(DEFAULT_KNOWLEDGE)
    const shipping = await call('GET', '/entries/shipping_time')
    expect(shipping.status).toBe(200)
    expect(shipping.body).toEqual(DEFAULT_KNOWLEDGE.entries[0])
  })

  it('pins version 0 in a new conversation', async () => {
    fakeTelegram()
    await startChat(7201)
    expect((await pinsOf('telegram:7201'))?.knowledge).toBe(0)
  })
})

describe('validation', () => {
  const rejects = async (method: string, path: string, body: unknown, paths: string[]) => {
    const res = await call(method, path, body)
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_body')
    expect(issuePaths(res.body)).toEqual(paths)
  }

  it('rejects an unknown variable with its locale path', async () => {
    const bad = entry('faq', 'Hi {{customer.nickname}}')
    await rejects('PUT', '', { entries: [bad] }, ['entries.0.answer.en'])
  })

  it('rejects a duplicate id', async () => {
    await rejects('PUT', '', { entries: [entry('a', 'x'), entry('a', 'y')] }, ['entries.1.id'])
  })

  it('rejects unknown keys', async () => {
    await rejects('PUT', '', { entries: [], entry: [] }, ['(root)'])
    await rejects('PUT', '', { entries: [{ ...entry('a', 'x'), answers: {} }] }, ['entries.0'])
  })

  it('rejects a bad locale tag', async () => {
    const bad = { ...entry('a', 'x'), answer: { zh_CN: '好', en: 'x' } }
    await rejects('PUT', '', { entries: [bad] }, ['entries.0.answer.zh_CN'])
  })

  it('rejects malformed JSON and a missing entries list', async () => {
    const malformed = await call('PUT', '', '{"entries": ')
    expect(malformed.status).toBe(400)
    expect(errorCode(malformed.body)).toBe('invalid_json')
    await rejects('PUT', '', {}, ['entries'])
  })

  it('published nothing while rejecting', async () => {
    expect(await versionList()).toEqual({ current: 0, list: [[0, true]] })
  })
})

describe('knowledge API', () => {
  it('publishes a whole knowledge base as version 1', async () => {
    const res = await call('PUT', '', {
      entries: [entry('faq', 'one'), entry('hours', 'nine to five')],
    })
    expect(res.status).toBe(200)
    expect(doc(res.body).version).toBe(1)
    expect(doc(res.body).entries.map((e) => e.id)).toEqual(['faq', 'hours'])
    expect(doc(res.body).updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect((await call('GET', '')).body).toEqual(res.body)
    expect((await call('GET', '/v/1')).body).toEqual(res.body)
    expect(await versionList()).toEqual({
      current: 1,
      list: [
        [1, true],
        [0, false],
      ],
    })
  })

  it('takes a GET result back as is, version and updatedAt ignored', async () => {
    const got = doc((await call('GET', '')).body)
    const edited = { ...got, version: 99, entries: [entry('faq', 'two'), ...got.entries.slice(1)] }
    const res = await call('PUT', '', edited)
    expect(res.status).toBe(200)
    expect(doc(res.body).version).toBe(2)
    expect(doc(res.body).entries.map((e) => [e.id, e.answer.en])).toEqual([
      ['faq', 'two'],
      ['hours', 'nine to five'],
    ])
  })

  it('answers 404 for versions that do not exist', async () => {
    for (const path of ['/v/3', '/v/01', '/v/abc', '/v/-1']) {
      const res = await call('GET', path)
      expect(res.status, path).toBe(404)
      expect(errorCode(res.body)).toBe('not_found')
    }
  })

  it('rolls back, keeps counting, and rolls back to the bundled version', async () => {
    const back = await call('POST', '/rollback', { version: 1 })
    expect(back.status).toBe(200)
    expect(doc(back.body).version).toBe(1)
    expect(doc(back.body).entries[0]?.answer.en).toBe('one')
    expect(doc((await call('GET', '')).body).version).toBe(1)
    expect(await versionList()).toEqual({
      current: 1,
      list: [
        [2, false],
        [1, true],
        [0, false],
      ],
    })

    const missing = await call('POST', '/rollback', { version: 9 })
    expect(missing.status).toBe(404)
    expect(errorCode(missing.body)).toBe('not_found')
    const bad = await call('POST', '/rollback', { version: -1 })
    expect(bad.status).toBe(400)
    expect(issuePaths(bad.body)).toEqual(['version'])

    const zero = await call('POST', '/rollback', { version: 0 })
    expect(zero.body).toEqual(DEFAULT_KNOWLEDGE)
    expect((await call('GET', '')).body).toEqual(DEFAULT_KNOWLEDGE)

    const v3 = await call('PUT', '', { entries: [entry('faq', 'three')] })
    expect(doc(v3.body).version).toBe(3)
  })
})

describe('entries API', () => {
  it('gets one entry of the current version', async () => {
    const res = await call('GET', '/entries/faq')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(entry('faq', 'three'))
    for (const id of ['nope', 'Not-An-Id']) {
      expect((await call('GET', `/entries/${id}`)).status, id).toBe(404)
    }
  })

  it('adds a new entry as a new version', async () => {
    const { id: _id, ...body } = entry('returns', 'Returns within {{return.days}} days.')
    const res = await call('PUT', '/entries/returns', body)
    expect(res.status).toBe(200)
    expect(doc(res.body).version).toBe(4)
    expect(doc(res.body).entries.map((e) => e.id)).toEqual(['faq', 'returns'])
    expect((await call('GET', '/entries/returns')).body).toMatchObject({
      id: 'returns',
      answer: { en: 'Returns within {{return.days}} days.' },
    })
  })

  it('replaces an existing entry in place, taking a GET result back with its id', async () => {
    const got = (await call('GET', '/entries/faq')).body as unknown as KnowledgeEntry
    const res = await call('PUT', '/entries/faq', { ...got, answer: { en: 'four' } })
    expect(res.status).toBe(200)
    expect(doc(res.body).version).toBe(5)
    expect(doc(res.body).entries.map((e) => [e.id, e.answer.en])).toEqual([
      ['faq', 'four'],
      ['returns', 'Returns within {{return.days}} days.'],
    ])
  })

  it('rejects an invalid entry, an id mismatch and an invalid id', async () => {
    const { id: _id, ...body } = entry('faq', '{{nope}}')
    const unknown = await call('PUT', '/entries/faq', body)
    expect(unknown.status).toBe(400)
    expect(issuePaths(unknown.body)).toEqual(['answer.en'])

    const mismatch = await call('PUT', '/entries/faq', entry('other', 'x'))
    expect(mismatch.status).toBe(400)
    expect(issuePaths(mismatch.body)).toEqual(['id'])

    const invalid = await call('PUT', '/entries/Bad-Id', body)
    expect(invalid.status).toBe(400)
    expect(issuePaths(invalid.body)).toEqual(['id'])

    const extra = await call('PUT', '/entries/faq', { ...entry('faq', 'x'), version: 3 })
    expect(extra.status).toBe(400)
    expect(doc((await call('GET', '')).body).version).toBe(5)
  })

  it('deletes an entry as a new version and answers 404 for unknown ids', async () => {
    const res = await call('DELETE', '/entries/returns')
    expect(res.status).toBe(200)
    expect(doc(res.body).version).toBe(6)
    expect(doc(res.body).entries.map((e) => e.id)).toEqual(['faq'])
    expect((await call('GET', '/entries/returns')).status).toBe(404)
    const again = await call('DELETE', '/entries/returns')
    expect(again.status).toBe(404)
    expect(errorCode(again.body)).toBe('not_found')
    expect((await call('DELETE', '/entries/Bad-Id')).status).toBe(404)
    // Older versions keep the deleted entry.
    expect(doc((await call('GET', '/v/5')).body).entries.map((e) => e.id)).toEqual([
      'faq',
      'returns',
    ])
  })
})

describe('access', () => {
  it('lets agents read but not write', async () => {
    const created = await api('/api/v1/tokens', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kb-agent', role: 'agent' }),
    })
    expect(created.status).toBe(201)
    const { token } = (await created.json()) as { token: string }
    const agent = { Authorization: `Bearer ${token}` }

    for (const path of ['', '/versions', '/v/0', '/entries/faq']) {
      expect((await call('GET', path, undefined, agent)).status, path).toBe(200)
    }
    const writes: [string, string, unknown][] = [
      ['PUT', '', { entries: [] }],
      ['POST', '/rollback', { version: 0 }],
      ['PUT', '/entries/faq', entry('faq', 'x')],
      ['DELETE', '/entries/faq', undefined],
    ]
    for (const [method, path, body] of writes) {
      const res = await call(method, path, body, agent)
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(errorCode(res.body)).toBe('forbidden')
    }
    expect(doc((await call('GET', '')).body).version).toBe(6)
  })

  it('requires a bearer token', async () => {
    expect((await call('GET', '', undefined, {})).status).toBe(401)
    expect((await call('PUT', '', { entries: [] }, {})).status).toBe(401)
  })
})

describe('pinning', () => {
  it('pins the current version in a new conversation; a running one keeps its pin', async () => {
    fakeTelegram()
    await startChat(7202)
    expect((await pinsOf('telegram:7202'))?.knowledge).toBe(6)

    const published = await call('PUT', '', { entries: [entry('faq', 'seven')] })
    expect(doc(published.body).version).toBe(7)

    // The conversations started at versions 0 and 6 answer again and keep what they pinned.
    for (const [chatId, version] of [
      [7201, 0],
      [7202, 6],
    ] as const) {
      await telegramSays(chatId, 'qwerty zxcvb')
      await drain(`telegram:${chatId}`)
      expect((await pinsOf(`telegram:${chatId}`))?.knowledge, String(chatId)).toBe(version)
    }

    await startChat(7203)
    expect((await pinsOf('telegram:7203'))?.knowledge).toBe(7)

    // A rollback is what the next conversation pins.
    await call('POST', '/rollback', { version: 6 })
    await startChat(7204)
    expect((await pinsOf('telegram:7204'))?.knowledge).toBe(6)
  })
})

describe('OpenAPI', () => {
  it('documents every knowledge route', async () => {
    const res = await api('/api/v1/openapi.json')
    const paths = ((await res.json()) as { paths: Record<string, Record<string, unknown>> }).paths
    const methods = (path: string) => Object.keys(paths[`${BASE}${path}`] ?? {}).sort()
    expect(methods('')).toEqual(['get', 'put'])
    expect(methods('/versions')).toEqual(['get'])
    expect(methods('/v/{version}')).toEqual(['get'])
    expect(methods('/rollback')).toEqual(['post'])
    expect(methods('/entries/{id}')).toEqual(['delete', 'get', 'put'])
    const put = paths[BASE]?.put as { requestBody?: unknown; 'x-access'?: string }
    expect(put.requestBody).toBeDefined()
    expect(put['x-access']).toBe('admin')
    expect((paths[BASE]?.get as { 'x-access'?: string })['x-access']).toBe('agent')
  })
})
