import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { DEFAULT_FLOW } from './default-pack'
import {
  flowDocSchema,
  flowInputSchema,
  templateInputSchema,
  validateFlowTemplates,
} from './schema'
import type { FlowDoc } from './types'

const issues = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

const baseFlow = (): Omit<FlowDoc, 'id' | 'version' | 'updatedAt'> => ({
  start: 'start',
  intents: [{ id: 'order', step: 'order', patterns: { en: ['\\border\\b'], 'zh-CN': ['订单'] } }],
  actions: { human: 'human' },
  steps: {
    start: { stage: 'greeting', say: ['greeting'] },
    order: {
      stage: 'greeting',
      say: ['order.ask_id'],
      capture: { variable: 'order.id', pattern: '(\\d{6,})', next: 'human', invalid: 'start' },
      on: { 'confirm.no': 'start' },
    },
    human: { stage: 'listening', say: ['handoff'], handoff: true },
  },
  fallback: { reask: 'start', offerHuman: 'human' },
})

describe('templateInputSchema', () => {
  it('accepts a valid template with defaults after a pipe', () => {
    const input = {
      locales: { en: 'Hi {{ customer.name | there }}', 'zh-Hant-TW': '您好' },
      buttons: [{ id: 'topic.order', labels: { en: 'Order {{order.id}}' } }],
    }
    expect(issues(templateInputSchema, input)).toEqual([])
  })

  it('rejects unknown variables with the locale or button path', () => {
    expect(
      issues(templateInputSchema, {
        locales: { 'zh-CN': '订单 {{order.id}}', en: 'Order {{order.idd}}' },
        buttons: [{ id: 'x', labels: { en: '{{shop.nam|shop}}' } }],
      })
    ).toEqual([
      'locales.en: unknown variable {{order.idd}}',
      'buttons.0.labels.en: unknown variable {{shop.nam}}',
    ])
  })

  it('rejects malformed placeholders, bad locale tags and duplicate button ids', () => {
    expect(
      issues(templateInputSchema, {
        locales: { en: 'Order {{Order.Id}}', english: 'x' },
        buttons: [
          { id: 'a', labels: { en: 'A' } },
          { id: 'a', labels: { en: 'B' } },
        ],
      })
    ).toEqual([
      'locales.en: malformed placeholder {{Order.Id}}',
      'locales.english: invalid locale tag "english" (e.g. zh-CN, en)',
      'buttons.1.id: duplicate button id "a"',
    ])
  })

  it('enforces the structural limits', () => {
    expect(issues(templateInputSchema, { locales: {} })).toEqual([
      'locales: needs at least one locale',
    ])
    expect(issues(templateInputSchema, { locales: { en: '   ' } })).toEqual([
      'locales.en: must not be blank',
    ])
    expect(issues(templateInputSchema, { locales: { en: 'x'.repeat(4001) } })).toHaveLength(1)
    expect(
      issues(templateInputSchema, {
        locales: { en: 'x' },
        buttons: [{ id: 'Bad Id', labels: { en: 'x' } }],
      })
    ).toHaveLength(1)
    expect(
      issues(templateInputSchema, {
        locales: { en: 'x' },
        buttons: [{ id: 'a', labels: { en: 'x'.repeat(41) } }],
      })
    ).toHaveLength(1)
    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `b${i}`, labels: { en: 'x' } }))
    expect(issues(templateInputSchema, { locales: { en: 'x' }, buttons: eleven })).toHaveLength(1)
    expect(issues(templateInputSchema, { locales: { en: 'x' }, button: [] })).toHaveLength(1)
  })
})

describe('flowInputSchema', () => {
  it('accepts a consistent flow', () => {
    expect(issues(flowInputSchema, baseFlow())).toEqual([])
  })

  it('rejects a broken regex with its path', () => {
    const flow = baseFlow()
    flow.intents[0] = { id: 'order', step: 'order', patterns: { en: ['(unclosed'] } }
    const found = issues(flowInputSchema, flow)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/^intents\.0\.patterns\.en\.0: invalid regex/)
    const capture = baseFlow()
    capture.steps.order = {
      ...capture.steps.order!,
      capture: { variable: 'order.id', pattern: '[', next: 'human' },
    }
    expect(issues(flowInputSchema, capture)[0]).toMatch(
      /^steps\.order\.capture\.pattern: invalid regex/
    )
  })

  it('rejects lookups and expectations that lead nowhere', () => {
    const flow = baseFlow()
    flow.steps.order = { ...flow.steps.order!, lookup: 'order', on: { 'order.found': 'human' } }
    flow.steps.human = { ...flow.steps.human!, lookup: 'known_order', expects: 'text' }
    const found = issues(flowInputSchema, flow)
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^steps\.order\.on: lookup "order" needs on\["order\.unknown"\]/),
        expect.stringMatching(/^steps\.human\.lookup: lookup "known_order" needs a capture/),
        expect.stringMatching(/^steps\.human\.on: expects "text" needs on\.text/),
      ])
    )
  })

  it('rejects a regex that matches everything', () => {
    const flow = baseFlow()
    flow.intents[0] = { id: 'order', step: 'order', patterns: { en: ['.*'] } }
    expect(issues(flowInputSchema, flow)).toEqual([
      'intents.0.patterns.en.0: regex matches empty text',
    ])
  })

  it('rejects dangling step references with their paths', () => {
    const flow = baseFlow()
    flow.start = 'begin'
    flow.intents[0] = { id: 'order', step: 'orders', patterns: { en: ['x'] } }
    flow.actions = { human: 'humans' }
    flow.fallback = { reask: 'reask', offerHuman: 'human' }
    flow.steps.order = {
      stage: 'greeting',
      say: [],
      capture: { variable: 'order.id', pattern: '\\d+', next: 'confirm', invalid: 'oops' },
      on: { 'confirm.no': 'nowhere' },
    }
    expect(issues(flowInputSchema, flow)).toEqual([
      'start: unknown step "begin"',
      'fallback.reask: unknown step "reask"',
      'intents.0.step: unknown step "orders"',
      'actions.human: unknown step "humans"',
      'steps.order.on.confirm.no: unknown step "nowhere"',
      'steps.order.capture.next: unknown step "confirm"',
      'steps.order.capture.invalid: unknown step "oops"',
    ])
  })

  it('rejects unknown capture variables, bad ids and unhandled replies', () => {
    const flow = baseFlow()
    flow.steps.order = {
      stage: 'greeting',
      say: [],
      capture: { variable: 'order.number', pattern: '\\d+', next: 'human' },
      replies: { 'confirm.yes': { en: ['^yes$'] } },
    }
    flow.actions = { 'Bad Action': 'human' }
    expect(issues(flowInputSchema, flow)).toEqual([
      'actions.Bad Action: invalid action id "Bad Action"',
      'steps.order.replies.confirm.yes: action "confirm.yes" is not in on or actions',
      'steps.order.capture.variable: unknown variable "order.number"',
    ])
  })

  it('rejects unknown keys and stages', () => {
    expect(issues(flowInputSchema, { ...baseFlow(), extra: 1 })).toHaveLength(1)
    const flow = baseFlow()
    expect(
      issues(flowInputSchema, {
        ...flow,
        steps: { ...flow.steps, start: { stage: 'chat', say: [] } },
      })
    ).toHaveLength(1)
  })

  it('the stored doc schema needs id, version and updatedAt and checks references', () => {
    const doc = { ...baseFlow(), id: 'main', version: 2, updatedAt: '2026-02-01T00:00:00.000Z' }
    expect(issues(flowDocSchema, doc)).toEqual([])
    expect(issues(flowDocSchema, { ...doc, version: -1 })).toHaveLength(1)
    expect(issues(flowDocSchema, { ...doc, start: 'nope' })).toEqual(['start: unknown step "nope"'])
    // Unknown stored fields are tolerated (a later field must not invalidate old versions).
    expect(issues(flowDocSchema, { ...doc, note: 'x' })).toEqual([])
    expect(issues(flowDocSchema, DEFAULT_FLOW)).toEqual([])
  })
})

describe('intent examples and the classifier threshold', () => {
  it('accepts rules with examples and no patterns, and a threshold', () => {
    const flow = baseFlow()
    flow.intents = [
      { id: 'order', step: 'order', patterns: {}, examples: { en: ['where is my order'] } },
      { id: 'human', step: 'human', patterns: { en: [] }, examples: { 'zh-CN': ['转人工'] } },
    ]
    expect(issues(flowInputSchema, { ...flow, classifier: { threshold: 0.4 } })).toEqual([])
    const doc = { ...flow, id: 'main', version: 1, updatedAt: '2026-02-01T00:00:00.000Z' }
    const parsed = flowDocSchema.parse({ ...doc, classifier: { threshold: 0.4 } })
    // Stored docs keep their examples and threshold (the lenient schema must not strip them).
    expect(parsed.intents[0]?.examples).toEqual({ en: ['where is my order'] })
    expect(parsed.classifier).toEqual({ threshold: 0.4 })
  })

  it('rejects a rule that nothing leads to', () => {
    const flow = baseFlow()
    flow.intents = [{ id: 'order', step: 'order', patterns: { en: [] }, examples: { en: [] } }]
    expect(issues(flowInputSchema, flow)).toEqual([
      'intents.0: needs patterns or examples (nothing would lead to it)',
    ])
  })

  it('enforces the example limits, locale tags and the threshold range', () => {
    const withExamples = (examples: Record<string, string[]>) => {
      const flow = baseFlow()
      flow.intents = [{ id: 'order', step: 'order', patterns: {}, examples }]
      return issues(flowInputSchema, flow)
    }
    expect(withExamples({ en: ['x'.repeat(201)] })).toHaveLength(1)
    expect(withExamples({ en: ['  '] })).toHaveLength(1)
    expect(withExamples({ en: Array.from({ length: 301 }, (_, i) => `phrase ${i}`) })).toHaveLength(
      1
    )
    expect(withExamples({ english: ['order'] })).toEqual([
      'intents.0.examples.english: invalid locale tag "english" (e.g. zh-CN, en)',
    ])
    for (const threshold of [-0.1, 1.5]) {
      expect(issues(flowInputSchema, { ...baseFlow(), classifier: { threshold } })).toHaveLength(1)
    }
    expect(issues(flowInputSchema, { ...baseFlow(), classifier: {} })).toHaveLength(1)
  })
})

describe('validateFlowTemplates', () => {
  it('lists say entries naming missing templates, with dotted paths', () => {
    const flow = baseFlow()
    expect(validateFlowTemplates(flow, new Set(['greeting', 'handoff']))).toEqual([
      { path: 'steps.order.say.0', message: 'unknown template "order.ask_id"' },
    ])
    expect(validateFlowTemplates(flow, new Set(['greeting', 'handoff', 'order.ask_id']))).toEqual(
      []
    )
  })
})
