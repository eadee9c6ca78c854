import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { scanPlaceholders } from '../flows/render'
import { isKnownVariable } from '../flows/variables'
import { DEFAULT_KNOWLEDGE } from './default-knowledge'
import {
  KNOWLEDGE_LIMITS,
  knowledgeDocSchema,
  knowledgeEntryInputSchema,
  knowledgeInputSchema,
} from './schema'

const issues = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

/** Distinct issue paths (an empty text is both too short and blank). */
const paths = (schema: z.ZodType, input: unknown) => [
  ...new Set(issues(schema, input).map((issue) => issue.slice(0, issue.indexOf(':')))),
]

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: { 'zh-CN': '标题', en: 'Title' },
  questions: { 'zh-CN': ['怎么办'], en: ['what now'] },
  answer: { 'zh-CN': '这样办', en: 'Like this' },
  ...extra,
})

const IDS = [
  'shipping_time',
  'shipping_regions',
  'shipping_fee',
  'courier',
  'invoice',
  'coupons',
  'size_guide',
  'care',
  'genuine',
  'payment_methods',
]

describe('DEFAULT_KNOWLEDGE', () => {
  it('is version 0 with the bundled ids', () => {
    expect(DEFAULT_KNOWLEDGE.version).toBe(0)
    expect(DEFAULT_KNOWLEDGE.entries.map((e) => e.id)).toEqual(IDS)
  })

  it('passes the admin input schema and the stored doc schema', () => {
    expect(issues(knowledgeInputSchema, DEFAULT_KNOWLEDGE)).toEqual([])
    expect(knowledgeDocSchema.parse(DEFAULT_KNOWLEDGE)).toEqual(DEFAULT_KNOWLEDGE)
  })

  it('answers every entry in zh-CN and en, in 1-4 short lines, with known variables only', () => {
    for (const { id, title, answer } of DEFAULT_KNOWLEDGE.entries) {
      for (const locale of ['zh-CN', 'en']) {
        expect(title[locale], `${id} title ${locale}`).toBeTruthy()
        const text = answer[locale] ?? ''
        const lines = text.split('\n')
        expect(lines.length, `${id} ${locale}`).toBeGreaterThanOrEqual(1)
        expect(lines.length, `${id} ${locale}`).toBeLessThanOrEqual(4)
        for (const line of lines) expect(line.trim(), `${id} ${locale}`).not.toBe('')
        for (const p of scanPlaceholders(text)) {
          expect(p.name !== null && isKnownVariable(p.name), `${id} ${locale} ${p.raw}`).toBe(true)
        }
      }
    }
  })

  it('keeps the defaults a shop expects to edit', () => {
    const en = (id: string) => DEFAULT_KNOWLEDGE.entries.find((e) => e.id === id)?.answer.en ?? ''
    expect(en('shipping_time')).toContain('48 hours')
    expect(en('shipping_fee')).toMatch(/¥99.*¥8/s)
    expect(en('shipping_regions')).toMatch(/Hong Kong, Macau and Taiwan/)
    expect(en('courier')).toMatch(/ZTO.*SF Express/s)
    expect(en('payment_methods')).toMatch(/Alipay.*WeChat Pay.*Huabei/s)
  })
})

describe('knowledgeInputSchema', () => {
  it('accepts a valid doc, defaults questions and drops version and updatedAt', () => {
    const { questions: _q, ...bare } = entry('faq')
    const parsed = knowledgeInputSchema.parse({
      version: 3,
      updatedAt: 'x',
      entries: [entry('a_1'), bare],
    })
    expect(parsed).toEqual({ entries: [entry('a_1'), { ...bare, questions: {} }] })
  })

  it('accepts an empty knowledge base', () => {
    expect(issues(knowledgeInputSchema, { entries: [] })).toEqual([])
  })

  it('rejects unknown keys at the top and in entries', () => {
    expect(paths(knowledgeInputSchema, { entries: [], entry: [] })).toEqual([''])
    expect(paths(knowledgeInputSchema, { entries: [entry('a', { answers: {} })] })).toEqual([
      'entries.0',
    ])
  })

  it('rejects a duplicate id at the second occurrence', () => {
    const input = { entries: [entry('a'), entry('b'), entry('a')] }
    expect(issues(knowledgeInputSchema, input)).toEqual(['entries.2.id: duplicate id "a"'])
  })

  it('rejects ids outside [a-z0-9_]{1,48}', () => {
    for (const id of ['Shipping', 'a-b', 'kb.x', '', 'x'.repeat(49)]) {
      expect(paths(knowledgeInputSchema, { entries: [entry(id)] }), id).toEqual(['entries.0.id'])
    }
    expect(issues(knowledgeInputSchema, { entries: [entry('x'.repeat(48))] })).toEqual([])
  })

  it('rejects unknown and malformed variables in answers, with the locale path', () => {
    const unknown = entry('a', { answer: { en: 'Hi {{customer.nickname}}', 'zh-CN': '好' } })
    expect(issues(knowledgeInputSchema, { entries: [unknown] })).toEqual([
      'entries.0.answer.en: unknown variable {{customer.nickname}}',
    ])
    const malformed = entry('a', { answer: { en: 'Hi {{ Bad Name }}' } })
    expect(paths(knowledgeInputSchema, { entries: [malformed] })).toEqual(['entries.0.answer.en'])
    const known = entry('a', { answer: { en: '{{shop.name}}: {{return.days}} days' } })
    expect(issues(knowledgeInputSchema, { entries: [known] })).toEqual([])
  })

  it('rejects bad locale tags in title, questions and answer', () => {
    const bad = entry('a', {
      title: { zh_CN: '标题' },
      questions: { English: ['q'] },
      answer: { 'zh-CN': '好', e: 'x' },
    })
    expect(paths(knowledgeInputSchema, { entries: [bad] }).sort()).toEqual([
      'entries.0.answer.e',
      'entries.0.questions.English',
      'entries.0.title.zh_CN',
    ])
  })

  it('needs a title and an answer in at least one locale', () => {
    const empty = entry('a', { title: {}, answer: {} })
    expect(paths(knowledgeInputSchema, { entries: [empty] }).sort()).toEqual([
      'entries.0.answer',
      'entries.0.title',
    ])
  })

  it('enforces the limits', () => {
    const many = Array.from({ length: KNOWLEDGE_LIMITS.entries + 1 }, (_, i) => entry(`e${i}`))
    expect(paths(knowledgeInputSchema, { entries: many })).toEqual(['entries'])
    expect(issues(knowledgeInputSchema, { entries: many.slice(1) })).toEqual([])

    const long = entry('a', { answer: { en: 'x'.repeat(KNOWLEDGE_LIMITS.answer + 1) } })
    expect(paths(knowledgeInputSchema, { entries: [long] })).toEqual(['entries.0.answer.en'])
    const max = entry('a', { answer: { en: 'x'.repeat(KNOWLEDGE_LIMITS.answer) } })
    expect(issues(knowledgeInputSchema, { entries: [max] })).toEqual([])
    const blank = entry('a', { answer: { en: '   ' } })
    expect(paths(knowledgeInputSchema, { entries: [blank] })).toEqual(['entries.0.answer.en'])

    const phrases = Array.from(
      { length: KNOWLEDGE_LIMITS.questionsPerLocale + 1 },
      (_, i) => `q${i}`
    )
    const tooMany = entry('a', { questions: { en: phrases } })
    expect(paths(knowledgeInputSchema, { entries: [tooMany] })).toEqual(['entries.0.questions.en'])
    const tooLong = entry('a', { questions: { en: ['q'.repeat(KNOWLEDGE_LIMITS.question + 1)] } })
    expect(paths(knowledgeInputSchema, { entries: [tooLong] })).toEqual([
      'entries.0.questions.en.0',
    ])
    const emptyPhrase = entry('a', { questions: { en: ['ok', ''] } })
    expect(paths(knowledgeInputSchema, { entries: [emptyPhrase] })).toEqual([
      'entries.0.questions.en.1',
    ])
    const none = entry('a', { questions: { en: [] } })
    expect(issues(knowledgeInputSchema, { entries: [none] })).toEqual([])
  })
})

describe('knowledgeEntryInputSchema', () => {
  it('accepts an entry with or without its id and rejects unknown keys', () => {
    const { id: _id, ...body } = entry('a')
    expect(issues(knowledgeEntryInputSchema, body)).toEqual([])
    expect(issues(knowledgeEntryInputSchema, entry('a'))).toEqual([])
    expect(paths(knowledgeEntryInputSchema, { ...body, version: 2 })).toEqual([''])
  })

  it('checks variables and locale tags with paths from the entry', () => {
    const { id: _id, ...body } = entry('a', { answer: { en: '{{nope}}', EN: 'x' } })
    expect(paths(knowledgeEntryInputSchema, body).sort()).toEqual(['answer.EN', 'answer.en'])
  })
})

describe('knowledgeDocSchema', () => {
  it('reads stored docs leniently', () => {
    const stored = {
      version: 4,
      updatedAt: '2026-01-01T00:00:00.000Z',
      later: true,
      entries: [{ id: 'a', title: { en: 'A' }, answer: { en: 'x' }, extra: 1 }],
    }
    expect(knowledgeDocSchema.parse(stored)).toEqual({
      version: 4,
      updatedAt: '2026-01-01T00:00:00.000Z',
      entries: [{ id: 'a', title: { en: 'A' }, questions: {}, answer: { en: 'x' } }],
    })
    expect(knowledgeDocSchema.safeParse({ version: 1, entries: [] }).success).toBe(false)
  })
})
