import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../src/api/openapi'
import { DEFAULT_FLOW } from '../src/flows/default-pack'
import { DEFAULT_TEMPLATES } from '../src/flows/default-templates'
import { kvFlowStore } from '../src/flows/store'
import type { FlowDoc, TemplateDoc } from '../src/flows/types'
import { flows } from '../src/routes/admin/flows'
import { templates } from '../src/routes/admin/templates'
import { jsonCaller, routesApp, through } from './support/admin-api'

// KV storage is isolated per test file, not per test: every test uses its own ids, and the tests
// that need an empty KV come first.

const app = routesApp((root) =>
  root.route('/api/v1/templates', templates).route('/api/v1/flows', flows)
)
const call = jsonCaller(through(app))

const issuePaths = (body: Record<string, unknown>): string[] =>
  ((body.error as { issues?: { path: string }[] }).issues ?? []).map((issue) => issue.path)

const errorCode = (body: Record<string, unknown>) => (body.error as { code: string }).code

const text = (zh: string, en: string) => ({ locales: { 'zh-CN': zh, en } })

const store = kvFlowStore(env.CONFIG)
const bundledIds = Object.keys(DEFAULT_TEMPLATES).sort()

describe('on an empty KV', () => {
  it('pins version 0 of the bundled pack', async () => {
    const pins = await store.currentPins()
    expect(pins.flow).toEqual({ id: 'main', version: 0 })
    expect(Object.keys(pins.templates).sort()).toEqual(bundledIds)
    expect(Object.values(pins.templates).every((v) => v === 0)).toBe(true)
  })

  it('loads the bundled pack without gaps', async () => {
    const pack = await store.loadPack(await store.currentPins())
    expect(pack.flow).toEqual(DEFAULT_FLOW)
    expect(pack.templates).toEqual(DEFAULT_TEMPLATES)
    expect(pack.missing).toEqual([])
  })

  it('lists the bundled templates, sorted, at version 0', async () => {
    const res = await call('GET', '/api/v1/templates')
    expect(res.status).toBe(200)
    const list = res.body.templates as TemplateDoc[]
    expect(list.map((doc) => doc.id)).toEqual(bundledIds)
    expect(list.every((doc) => doc.version === 0)).toBe(true)
  })

  it('lists the bundled flow at version 0', async () => {
    const res = await call('GET', '/api/v1/flows')
    expect(res.status).toBe(200)
    expect(res.body.flows).toEqual([DEFAULT_FLOW])
  })
})

describe('templates API', () => {
  it('gets the bundled greeting', async () => {
    const res = await call('GET', '/api/v1/templates/greeting')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(DEFAULT_TEMPLATES.greeting)
    expect(res.body.version).toBe(0)
  })

  it('requires a bearer token', async () => {
    const res = await app.request('/api/v1/templates', {}, env)
    expect(res.status).toBe(401)
    const wrong = await app.request(
      '/api/v1/templates',
      { headers: { Authorization: 'Bearer nope' } },
      env
    )
    expect(wrong.status).toBe(401)
  })

  it('publishes versions, lists them, rolls back and keeps counting', async () => {
    const id = 'promo.spring'
    const v1 = await call('PUT', `/api/v1/templates/${id}`, text('春季上新', 'Spring is here'))
    expect(v1.status).toBe(200)
    expect(v1.body).toMatchObject({ id, version: 1, locales: { en: 'Spring is here' } })

    // A GET result, edited, goes back as is: id/version/updatedAt are ignored.
    const locales = { 'zh-CN': '春季大促', en: 'Sale' }
    const edited = { ...v1.body, id: 'x', version: 9, locales }
    const v2 = await call('PUT', `/api/v1/templates/${id}`, edited)
    expect(v2.status).toBe(200)
    expect(v2.body).toMatchObject({ id, version: 2 })

    const got = await call('GET', `/api/v1/templates/${id}`)
    expect(got.body).toMatchObject({ version: 2, locales: { 'zh-CN': '春季大促', en: 'Sale' } })

    const versions = await call('GET', `/api/v1/templates/${id}/versions`)
    expect(versions.status).toBe(200)
    expect(versions.body.id).toBe(id)
    expect(versions.body.current).toBe(2)
    const list = versions.body.versions as { version: number; current: boolean }[]
    expect(list.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ])

    const back = await call('POST', `/api/v1/templates/${id}/rollback`, { version: 1 })
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ id, version: 1, locales: { en: 'Spring is here' } })
    expect((await call('GET', `/api/v1/templates/${id}`)).body.version).toBe(1)

    const v3 = await call('PUT', `/api/v1/templates/${id}`, text('三', 'three'))
    expect(v3.body.version).toBe(3)
  })

  it('versions a bundled template from 0 and rolls back to the bundled text', async () => {
    const id = bundledIds.find((name) => name !== 'greeting') ?? 'greeting'
    const bundled = DEFAULT_TEMPLATES[id] as TemplateDoc
    const v1 = await call('PUT', `/api/v1/templates/${id}`, text('一', 'one'))
    expect(v1.body.version).toBe(1)
    const v2 = await call('PUT', `/api/v1/templates/${id}`, text('二', 'two'))
    expect(v2.body.version).toBe(2)

    const versions = await call('GET', `/api/v1/templates/${id}/versions`)
    const list = versions.body.versions as { version: number; current: boolean }[]
    expect(list.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
      [0, false],
    ])

    const back = await call('POST', `/api/v1/templates/${id}/rollback`, { version: 1 })
    expect(back.body.version).toBe(1)
    const current = await call('GET', `/api/v1/templates/${id}`)
    expect(current.body.locales).toEqual(text('一', 'one').locales)
    const next = await call('PUT', `/api/v1/templates/${id}`, text('三', 'three'))
    expect(next.body.version).toBe(3)

    const zero = await call('POST', `/api/v1/templates/${id}/rollback`, { version: 0 })
    expect(zero.status).toBe(200)
    expect(zero.body).toEqual(bundled)
    expect((await call('GET', `/api/v1/templates/${id}`)).body).toEqual(bundled)
  })

  it('answers 404 for a rollback to a version that does not exist', async () => {
    const id = 'rollback.missing'
    await call('PUT', `/api/v1/templates/${id}`, text('一', 'one'))
    const res = await call('POST', `/api/v1/templates/${id}/rollback`, { version: 7 })
    expect(res.status).toBe(404)
    expect(errorCode(res.body)).toBe('not_found')
    // Version 0 exists only for bundled ids.
    const zero = await call('POST', `/api/v1/templates/${id}/rollback`, { version: 0 })
    expect(zero.status).toBe(404)
    const bad = await call('POST', `/api/v1/templates/${id}/rollback`, { version: -1 })
    expect(bad.status).toBe(400)
    expect(issuePaths(bad.body)).toEqual(['version'])
  })

  it('previews with variables in zh-CN and en', async () => {
    const id = 'preview.vars'
    const put = await call('PUT', `/api/v1/templates/${id}`, {
      locales: {
        'zh-CN': '{{customer.name|朋友}}，{{return.days}}天无理由退货',
        en: 'Hi {{customer.name|there}}, {{return.days}}-day returns',
      },
      buttons: [{ id: 'ok', labels: { 'zh-CN': '好的', en: 'OK' } }],
    })
    expect(put.status).toBe(200)

    const zh = await call('POST', `/api/v1/templates/${id}/preview`, {
      locale: 'zh-CN',
      vars: { 'customer.name': '王小明', 'return.days': 15 },
    })
    expect(zh.status).toBe(200)
    expect(zh.body).toEqual({
      text: '王小明，15天无理由退货',
      buttons: [{ id: 'ok', label: '好的' }],
    })

    const en = await call('POST', `/api/v1/templates/${id}/preview`, { locale: 'en' })
    expect(en.body).toEqual({
      text: 'Hi there, 7-day returns',
      buttons: [{ id: 'ok', label: 'OK' }],
    })
  })

  it('previews with no buttons as an empty list', async () => {
    const id = 'preview.plain'
    await call(
      'PUT',
      `/api/v1/templates/${id}`,
      text('您好 {{agent.name}}', 'Hello {{agent.name}}')
    )
    const res = await call('POST', `/api/v1/templates/${id}/preview`, {
      locale: 'en',
      vars: { 'agent.name': 'Lin' },
    })
    expect(res.body).toEqual({ text: 'Hello Lin', buttons: [] })
  })

  it('rejects unknown variables in preview vars', async () => {
    const res = await call('POST', '/api/v1/templates/greeting/preview', {
      locale: 'en',
      vars: { 'customer.nmae': 'x' },
    })
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_body')
    expect(issuePaths(res.body)).toEqual(['vars.customer.nmae'])
  })

  it('rejects an unknown variable in a template with its locale path', async () => {
    const id = 'bad.variable'
    const body = text('好', 'Hi {{customer.nickname}}')
    const res = await call('PUT', `/api/v1/templates/${id}`, body)
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_body')
    expect(issuePaths(res.body)).toEqual(['locales.en'])
    expect((await call('GET', `/api/v1/templates/${id}`)).status).toBe(404)
  })

  it('rejects a malformed body, unknown keys and missing locales', async () => {
    const malformed = await call('PUT', '/api/v1/templates/bad.json', '{"locales": ')
    expect(malformed.status).toBe(400)
    expect(errorCode(malformed.body)).toBe('invalid_json')

    const typo = await call('PUT', '/api/v1/templates/bad.json', { ...text('a', 'b'), button: [] })
    expect(typo.status).toBe(400)
    expect(errorCode(typo.body)).toBe('invalid_body')

    const empty = await call('PUT', '/api/v1/templates/bad.json', {})
    expect(empty.status).toBe(400)
    expect(issuePaths(empty.body)).toContain('locales')
  })

  it('rejects an invalid id with 400 and reads it as not found', async () => {
    for (const id of ['Upper', '1abc', 'has%20space', 'x'.repeat(65)]) {
      const res = await call('PUT', `/api/v1/templates/${id}`, text('a', 'b'))
      expect(res.status, id).toBe(400)
      expect(issuePaths(res.body)).toEqual(['id'])
    }
    expect((await call('GET', '/api/v1/templates/Upper')).status).toBe(404)
  })

  it('answers 404 for unknown ids', async () => {
    for (const path of ['/nope.nope', '/nope.nope/versions']) {
      const res = await call('GET', `/api/v1/templates${path}`)
      expect(res.status, path).toBe(404)
      expect(errorCode(res.body)).toBe('not_found')
    }
    const preview = await call('POST', '/api/v1/templates/nope.nope/preview', { locale: 'en' })
    expect(preview.status).toBe(404)
  })

  it('lists a new id beside the bundled ones, sorted', async () => {
    await call('PUT', '/api/v1/templates/aaa.first', text('甲', 'a'))
    const list = (await call('GET', '/api/v1/templates')).body.templates as TemplateDoc[]
    const ids = list.map((doc) => doc.id)
    expect(ids).toEqual([...ids].sort())
    expect(ids[0]).toBe('aaa.first')
    expect(ids).toEqual(expect.arrayContaining(bundledIds))
  })
})

describe('flows API', () => {
  const editable = (): Omit<FlowDoc, 'id' | 'version' | 'updatedAt'> =>
    structuredClone({
      start: DEFAULT_FLOW.start,
      intents: DEFAULT_FLOW.intents,
      actions: DEFAULT_FLOW.actions,
      steps: DEFAULT_FLOW.steps,
      fallback: DEFAULT_FLOW.fallback,
    })

  it('gets the bundled main flow', async () => {
    const res = await call('GET', '/api/v1/flows/main')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(DEFAULT_FLOW)
  })

  it('publishes a modified flow as version 1', async () => {
    const got = (await call('GET', '/api/v1/flows/main')).body as unknown as FlowDoc
    const steps = { ...got.steps, thanks: { stage: 'closing' as const, say: ['greeting'] } }
    const res = await call('PUT', '/api/v1/flows/main', {
      ...got,
      steps,
      actions: { ...got.actions, thanks: 'thanks' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: 'main', version: 1, actions: { thanks: 'thanks' } })
    expect((await call('GET', '/api/v1/flows/main')).body.version).toBe(1)

    const versions = await call('GET', '/api/v1/flows/main/versions')
    expect(versions.body.current).toBe(1)
    const list = versions.body.versions as { version: number }[]
    expect(list.map((v) => v.version)).toEqual([1, 0])
    expect((await store.currentPins()).flow).toEqual({ id: 'main', version: 1 })
  })

  it('rejects a dangling step reference with a path', async () => {
    const res = await call('PUT', '/api/v1/flows/dangling', { ...editable(), start: 'nowhere' })
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_body')
    expect(issuePaths(res.body)).toContain('start')
    expect((await call('GET', '/api/v1/flows/dangling')).status).toBe(404)
  })

  it('rejects a step that says a template no current template has', async () => {
    const flow = editable()
    const start = flow.steps[flow.start] as FlowDoc['steps'][string]
    start.say = [...start.say, 'no.such.template']
    const res = await call('PUT', '/api/v1/flows/missing.template', flow)
    expect(res.status).toBe(400)
    expect(issuePaths(res.body)).toEqual([`steps.${flow.start}.say.${start.say.length - 1}`])
  })

  it('accepts a step that says a newly published template', async () => {
    await call('PUT', '/api/v1/templates/flow.extra', text('额外', 'extra'))
    const flow = editable()
    const start = flow.steps[flow.start] as FlowDoc['steps'][string]
    start.say = [...start.say, 'flow.extra']
    const res = await call('PUT', '/api/v1/flows/with.extra', flow)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: 'with.extra', version: 1 })
  })

  it('rolls a flow back and answers 404 for missing versions and ids', async () => {
    const back = await call('POST', '/api/v1/flows/main/rollback', { version: 0 })
    expect(back.status).toBe(200)
    expect(back.body).toEqual(DEFAULT_FLOW)
    expect((await call('POST', '/api/v1/flows/main/rollback', { version: 9 })).status).toBe(404)
    expect((await call('GET', '/api/v1/flows/nope')).status).toBe(404)
    expect((await call('GET', '/api/v1/flows/nope/versions')).status).toBe(404)
    expect((await store.currentPins()).flow).toEqual({ id: 'main', version: 0 })
  })
})

describe('kvFlowStore', () => {
  it('pins a published version and keeps loading it after the next publish', async () => {
    const id = 'store.pinned'
    const v1 = await store.publishTemplate(id, text('一', 'one'), new Date('2026-11-01T00:00:00Z'))
    expect(v1).toMatchObject({ id, version: 1, updatedAt: '2026-11-01T00:00:00.000Z' })
    const pins = await store.currentPins()
    expect(pins.templates[id]).toBe(1)

    const v2 = await store.publishTemplate(id, text('二', 'two'), new Date('2026-11-02T00:00:00Z'))
    expect(v2.version).toBe(2)
    expect((await store.currentPins()).templates[id]).toBe(2)

    const pinned = await store.loadPack(pins)
    expect(pinned.templates[id]).toEqual(v1)
    expect(pinned.missing).toEqual([])
    const fresh = await store.loadPack(await store.currentPins())
    expect(fresh.templates[id]).toEqual(v2)
  })

  it('reads stored versions back and lists history newest first', async () => {
    const id = 'store.history'
    await store.publishTemplate(id, text('一', 'one'), new Date('2026-11-01T00:00:00Z'))
    await store.publishTemplate(id, text('二', 'two'), new Date('2026-11-02T00:00:00Z'))
    expect((await store.getTemplate(id, 1))?.locales.en).toBe('one')
    expect((await store.getTemplate(id))?.locales.en).toBe('two')
    expect(await store.getTemplate(id, 5)).toBeNull()
    expect(await store.getTemplate(id, 0)).toBeNull()
    expect(await store.templateVersions(id)).toEqual([
      { version: 2, updatedAt: '2026-11-02T00:00:00.000Z', current: true },
      { version: 1, updatedAt: '2026-11-01T00:00:00.000Z', current: false },
    ])
    expect(await store.templateVersions('store.unknown')).toEqual([])
  })

  it('never overwrites an existing immutable version', async () => {
    const id = 'store.taken'
    const squatter = { id, version: 1, locales: { en: 'first' }, updatedAt: '2026-01-01T00:00:00Z' }
    await env.CONFIG.put(`template:${id}:v:1`, JSON.stringify(squatter))
    const doc = await store.publishTemplate(id, text('二', 'two'), new Date())
    expect(doc.version).toBe(2)
    expect(await env.CONFIG.get(`template:${id}:v:1`, 'json')).toEqual(squatter)
  })

  it('falls back to the bundled doc when a pinned version is missing or invalid', async () => {
    await env.CONFIG.put('template:greeting:v:50', JSON.stringify({ id: 'greeting', version: 50 }))
    const pins = {
      flow: { id: 'main', version: 77 },
      templates: { greeting: 50, 'store.ghost': 3 },
    }
    const pack = await store.loadPack(pins)
    expect(pack.flow).toEqual(DEFAULT_FLOW)
    expect(pack.templates.greeting).toEqual(DEFAULT_TEMPLATES.greeting)
    expect(pack.templates['store.ghost']).toBeUndefined()
    expect(pack.missing).toEqual(
      expect.arrayContaining([
        'flow:main:v:77',
        'template:greeting:v:50',
        'template:store.ghost:v:3',
      ])
    )
    // Templates the flow says but the pins predate come from the bundled pack.
    for (const id of bundledIds) expect(pack.templates[id]).toBeDefined()
  })

  it('loads bundled templates the flow says when the pins lack them', async () => {
    const pack = await store.loadPack({ flow: { id: 'main', version: 0 }, templates: {} })
    const said = new Set(Object.values(DEFAULT_FLOW.steps).flatMap((step) => step.say))
    for (const id of said) expect(pack.templates[id]).toEqual(DEFAULT_TEMPLATES[id])
    expect(pack.missing).toEqual([])
  })

  it('publishes and rolls back flows', async () => {
    const { id: _id, version: _version, updatedAt: _updatedAt, ...input } = DEFAULT_FLOW
    const v1 = await store.publishFlow('store.flow', input, new Date('2026-11-03T00:00:00Z'))
    expect(v1).toMatchObject({ id: 'store.flow', version: 1, start: DEFAULT_FLOW.start })
    expect((await store.currentPins('store.flow')).flow).toEqual({ id: 'store.flow', version: 1 })
    expect((await store.loadPack(await store.currentPins('store.flow'))).flow).toEqual(v1)
    expect(await store.rollbackFlow('store.flow', 0, new Date())).toBeNull()
    expect(await store.flowVersions('store.flow')).toEqual([
      { version: 1, updatedAt: '2026-11-03T00:00:00.000Z', current: true },
    ])
    expect((await store.listFlows()).map((flow) => flow.id)).toContain('store.flow')
  })
})

describe('OpenAPI', () => {
  it('documents every template and flow route with schemas', () => {
    const doc = openApiDocument('test')
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>
    const methods = (path: string) => Object.keys(paths[path] ?? {}).sort()
    expect(methods('/api/v1/templates')).toEqual(['get'])
    expect(methods('/api/v1/templates/{id}')).toEqual(['get', 'put'])
    expect(methods('/api/v1/templates/{id}/versions')).toEqual(['get'])
    expect(methods('/api/v1/templates/{id}/rollback')).toEqual(['post'])
    expect(methods('/api/v1/templates/{id}/preview')).toEqual(['post'])
    expect(methods('/api/v1/flows')).toEqual(['get'])
    expect(methods('/api/v1/flows/{id}')).toEqual(['get', 'put'])
    expect(methods('/api/v1/flows/{id}/versions')).toEqual(['get'])
    expect(methods('/api/v1/flows/{id}/rollback')).toEqual(['post'])
    expect(paths['/api/v1/templates/{id}']?.put?.requestBody).toBeDefined()
    expect(paths['/api/v1/flows/{id}']?.put?.requestBody).toBeDefined()
  })
})

describe('a partial edit keeps what the template has (README example as pasted)', () => {
  it("changing the greeting's texts keeps its topic buttons; [] removes them; replace publishes exactly", async () => {
    const before = (await call('GET', '/api/v1/templates/greeting')).body as { buttons: unknown[] }
    expect(before.buttons.length).toBeGreaterThan(3)
    const edited = await call('PUT', '/api/v1/templates/greeting', {
      locales: { en: 'Hi, welcome to {{shop.name}}! How can I help?' },
    })
    expect(edited.status).toBe(200)
    const doc = edited.body as { buttons: unknown[]; locales: Record<string, string> }
    expect(doc.buttons).toEqual(before.buttons)
    expect(doc.locales['zh-CN']).toBeTruthy() // the Chinese text stays too
    expect(doc.locales.en).toBe('Hi, welcome to {{shop.name}}! How can I help?')
    const cleared = await call('PUT', '/api/v1/templates/greeting', {
      locales: { en: 'Hi' },
      buttons: [],
    })
    expect((cleared.body as { buttons?: unknown[] }).buttons).toBeUndefined()
    const exact = await call('PUT', '/api/v1/templates/greeting', {
      locales: { en: 'Only English' },
      replace: true,
    })
    expect((exact.body as { locales: Record<string, string> }).locales).toEqual({
      en: 'Only English',
    })
  })
})
