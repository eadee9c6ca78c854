import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../src/api/openapi'
import { DEFAULT_ESCALATION_RULES } from '../src/escalation/default-rules'
import { ESCALATION_RULES_KEY, readEscalationRules } from '../src/escalation/store'
import type { EscalationRules } from '../src/escalation/types'
import { escalationPolicy } from '../src/routes/admin/policies-escalation'
import { jsonCaller, routesApp, through } from './support/admin-api'

// KV storage is isolated per test file, not per test: the tests that need an empty KV come first.

const BASE = '/api/v1/policies/escalation'
const call = jsonCaller(through(routesApp((root) => root.route(BASE, escalationPolicy))))

const issuePaths = (body: Record<string, unknown>): string[] =>
  ((body.error as { issues?: { path: string }[] }).issues ?? []).map((issue) => issue.path)

const errorCode = (body: Record<string, unknown>) => (body.error as { code: string }).code

const clone = (): EscalationRules => structuredClone(DEFAULT_ESCALATION_RULES)

interface AssessBody {
  assessment: { legal: string[]; angry: boolean; compensation: unknown[] }
  verdict: { level: number; reasons: string[]; summary: string }
}

describe('on an empty KV', () => {
  it('GET answers the bundled defaults', async () => {
    const res = await call('GET', BASE)
    expect(res.status).toBe(200)
    expect(res.body).toEqual(DEFAULT_ESCALATION_RULES)
  })

  it('assesses with the defaults', async () => {
    const res = await call('POST', `${BASE}/assess`, { text: '我要找律师起诉你们' })
    expect(res.status).toBe(200)
    const body = res.body as unknown as AssessBody
    expect(body.assessment.legal).toEqual(['律师', '起诉'])
    expect(body.verdict).toEqual({ level: 2, reasons: ['legal'], summary: 'legal: 律师, 起诉' })
  })
})

describe('auth', () => {
  it('needs a bearer token for every route', async () => {
    for (const [method, path] of [
      ['GET', BASE],
      ['PUT', BASE],
      ['POST', `${BASE}/assess`],
    ] as const) {
      const res = await call(method, path, method === 'GET' ? undefined : {}, {})
      expect(res.status).toBe(401)
      expect(errorCode(res.body)).toBe('unauthorized')
    }
  })

  it('rejects a wrong token', async () => {
    const res = await call('GET', BASE, undefined, { Authorization: 'Bearer nope' })
    expect(res.status).toBe(401)
  })
})

describe('PUT', () => {
  it('rejects a regex that does not compile, with its path', async () => {
    const rules = clone()
    rules.lexicon.legal[3] = '(unclosed'
    const res = await call('PUT', BASE, rules)
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_body')
    expect(issuePaths(res.body)).toEqual(['lexicon.legal.3'])
  })

  it('reports every problem with a field path', async () => {
    const bad = clone() as unknown as {
      repeatComplaintThreshold: number
      angerThreshold: number
      compensation: Record<string, number>
      lexicon: { anger: { term: string; weight: number }[]; media: string[]; threat: string[] }
      intensifiers: { terms: { term: string }[] }
    }
    bad.repeatComplaintThreshold = 0
    bad.angerThreshold = -1
    bad.compensation = { cny: 300, USD: 0 }
    bad.lexicon.anger[2] = { term: '[', weight: 1 }
    bad.lexicon.media[0] = '.*'
    bad.lexicon.threat = Array.from({ length: 501 }, (_, i) => `t${i}`)
    bad.intensifiers.terms[1] = { term: 'a{2,1}' }
    const res = await call('PUT', BASE, bad)
    expect(res.status).toBe(400)
    expect(issuePaths(res.body).sort()).toEqual(
      [
        'repeatComplaintThreshold',
        'angerThreshold',
        'compensation.cny',
        'compensation.USD',
        'lexicon.anger.2.term',
        'lexicon.media.0',
        'lexicon.threat',
        'intensifiers.terms.1.term',
        'intensifiers.terms.1.weight',
      ].sort()
    )
  })

  it('rejects unknown fields and invalid JSON', async () => {
    const typo = await call('PUT', BASE, { ...clone(), angerThresold: 2 })
    expect(typo.status).toBe(400)
    expect(issuePaths(typo.body)).toEqual(['(root)'])
    const json = await call('PUT', BASE, '{')
    expect(json.status).toBe(400)
    expect(errorCode(json.body)).toBe('invalid_json')
  })

  it('stores a valid policy that GET and the store answer at once', async () => {
    const rules = clone()
    rules.repeatComplaintThreshold = 3
    rules.compensation = { CNY: 5000, USD: 500, EUR: 500, GBP: 400 }
    rules.lexicon.legal.push('\\bsolicitor\\b')
    const put = await call('PUT', BASE, rules)
    expect(put.status).toBe(200)
    expect(put.body).toEqual(rules)

    const get = await call('GET', BASE)
    expect(get.body).toEqual(rules)
    expect(await env.CONFIG.get(ESCALATION_RULES_KEY, 'json')).toEqual(rules)
    expect(await readEscalationRules(env.CONFIG)).toEqual(rules)

    const assessed = await call('POST', `${BASE}/assess`, { text: '赔我2000块' })
    const body = assessed.body as unknown as AssessBody
    expect(body.verdict.level).toBe(0)
  })
})

describe('POST /assess', () => {
  it('takes a complaint count and answers the assessment and the verdict', async () => {
    const res = await call('POST', `${BASE}/assess`, { text: '怎么还没发货', complaints: 4 })
    expect(res.status).toBe(200)
    const body = res.body as unknown as AssessBody
    expect(body.verdict.reasons).toEqual(['repeat_complaint'])
    expect(body.verdict.summary).toBe('repeat complaint: 4 over 3')
  })

  it('tries a draft policy without storing it', async () => {
    const draft = clone()
    draft.angerThreshold = 1
    const res = await call('POST', `${BASE}/assess`, { text: 'annoying', rules: draft })
    const body = res.body as unknown as AssessBody
    expect(body.assessment.angry).toBe(true)
    expect(body.verdict).toMatchObject({ level: 1, reasons: ['anger'] })
    expect(((await call('GET', BASE)).body as { angerThreshold: number }).angerThreshold).toBe(3)
  })

  it('validates the body with field paths', async () => {
    const draft = clone()
    draft.lexicon.human[0] = '('
    const res = await call('POST', `${BASE}/assess`, { text: '', complaints: -1, rules: draft })
    expect(res.status).toBe(400)
    expect(issuePaths(res.body).sort()).toEqual(['complaints', 'rules.lexicon.human.0', 'text'])
  })
})

describe('the store', () => {
  it('falls back to the defaults when the stored policy is invalid', async () => {
    await env.CONFIG.put(ESCALATION_RULES_KEY, JSON.stringify({ angerThreshold: 'high' }))
    // A time far ahead of the cache entry, so the store reads KV again.
    const rules = await readEscalationRules(env.CONFIG, Date.now() + 60_000)
    expect(rules).toEqual(DEFAULT_ESCALATION_RULES)
  })

  it('serves its cached copy for 30 seconds', async () => {
    const at = Date.now() + 120_000
    const first = await readEscalationRules(env.CONFIG, at)
    const stored = clone()
    stored.angerThreshold = 7
    await env.CONFIG.put(ESCALATION_RULES_KEY, JSON.stringify(stored))
    expect(await readEscalationRules(env.CONFIG, at + 29_000)).toBe(first)
    expect((await readEscalationRules(env.CONFIG, at + 30_000)).angerThreshold).toBe(7)
  })
})

describe('OpenAPI', () => {
  it('documents every route with its access', () => {
    const { paths } = openApiDocument('test') as unknown as {
      paths: Record<string, Record<string, { 'x-access': string }>>
    }
    expect(paths[BASE]?.get?.['x-access']).toBe('agent')
    expect(paths[BASE]?.put?.['x-access']).toBe('admin')
    expect(paths[`${BASE}/assess`]?.post?.['x-access']).toBe('agent')
  })
})
