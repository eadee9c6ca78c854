import { describe, expect, it } from 'vitest'
import evalSet from '../../eval/utterances.json'
import { DEFAULT_FLOW } from './default-pack'
import { INTENT_EXAMPLES, KNOWLEDGE_EXAMPLES } from './training/examples'
import type { FlowDoc, KnowledgeDoc } from './types'
import { DEFAULT_THRESHOLD, understand } from './understand'

const KNOWLEDGE: KnowledgeDoc = {
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
  entries: Object.entries(KNOWLEDGE_EXAMPLES).map(([id, questions]) => ({
    id,
    title: { en: id },
    questions,
    answer: { en: id },
  })),
}

const small = (
  over: Partial<FlowDoc> = {}
): Pick<FlowDoc, 'id' | 'version' | 'updatedAt' | 'intents' | 'classifier'> => ({
  id: 'test',
  version: 1,
  updatedAt: '2026-01-02T00:00:00.000Z',
  intents: [
    { id: 'human', step: 'human', patterns: { en: ['\\bhuman\\b'] } },
    {
      id: 'refund',
      step: 'refund.ask',
      patterns: {},
      examples: { en: ['I want a refund', 'money back please', 'return this'], 'zh-CN': ['退款'] },
    },
    {
      id: 'track',
      step: 'track.ask',
      patterns: {},
      examples: { en: ['where is my parcel', 'package not arrived'], 'zh-CN': ['快递到哪了'] },
    },
  ],
  ...over,
})

// The same normalisation the overlap check promises: NFKC, lowercase, no spaces or punctuation.
const squash = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, '')

describe('understand', () => {
  it('tries the regex overrides first, in order', () => {
    expect(understand(small(), undefined, 'get me a human, I want a refund')).toEqual({
      label: 'human',
      confidence: 1,
      via: 'rule',
      step: 'human',
    })
  })

  it('otherwise lets the model decide, with the step of the intent', () => {
    const got = understand(small(), undefined, 'i would like my money back')
    expect(got).toMatchObject({ label: 'refund', via: 'model', step: 'refund.ask' })
    expect(got?.confidence).toBeGreaterThan(DEFAULT_THRESHOLD)
    expect(got?.confidence).toBeLessThanOrEqual(1)
  })

  it('labels knowledge questions kb.<id> with their entry', () => {
    expect(understand(DEFAULT_FLOW, KNOWLEDGE, 'do you guys ship to canada?')).toMatchObject({
      label: 'kb.shipping_regions',
      via: 'model',
      entry: 'shipping_regions',
    })
  })

  it('returns null for blank, out-of-scope and unsure text', () => {
    for (const text of ['', '  \n ', 'what is the weather in paris', '今天股市怎么样']) {
      expect(understand(DEFAULT_FLOW, KNOWLEDGE, text), text).toBeNull()
    }
    // A strict flow threshold turns a so-so guess into "ask again".
    const strict = small({ classifier: { threshold: 0.999 } })
    expect(understand(strict, undefined, 'refund or parcel, not sure')).toBeNull()
  })

  it('retrains when the flow or the knowledge base changes', () => {
    const before = understand(small(), undefined, 'where is my shoes')
    expect(before?.label).toBe('track')
    const renamed = small({
      updatedAt: '2026-01-03T00:00:00.000Z',
      intents: [{ id: 'shoes', step: 'shoes', patterns: {}, examples: { en: ['my shoes'] } }],
    })
    expect(understand(renamed, undefined, 'where is my shoes')?.label).toBe('shoes')
  })

  it('routes a generic "I have a question" to ask (step more), and keeps thanks as thanks', () => {
    for (const text of [
      'question',
      'I have a question',
      'one more question',
      'can I ask something',
      '咨询一下',
      '问个问题',
      '在吗，我想问点事',
    ]) {
      expect(understand(DEFAULT_FLOW, KNOWLEDGE, text), text).toMatchObject({
        label: 'ask',
        step: 'more',
      })
    }
    for (const text of ['thanks', '谢谢', 'no more questions, thanks', '没有问题了，谢谢']) {
      expect(understand(DEFAULT_FLOW, KNOWLEDGE, text)?.label, text).toBe('thanks')
    }
  })

  it('sends junk, codes, links and digits to null', () => {
    for (const text of [
      'asdf 1-2',
      'test 123',
      'SKU-88812',
      '?',
      '。。。',
      'qwerty zxcv plonk',
      'lorem ipsum dolor sit amet',
      'https://example.com/p/123?ref=abc',
      '今天天气怎么样',
    ]) {
      expect(understand(DEFAULT_FLOW, KNOWLEDGE, text), text).toBeNull()
    }
    // "question" is ask evidence; the junk around it must not make it anything else.
    expect(['ask', undefined]).toContain(understand(DEFAULT_FLOW, KNOWLEDGE, 'question 0-0')?.label)
  })

  it('without an ask intent, does not force junk around one word onto a label', () => {
    const flow = {
      ...DEFAULT_FLOW,
      id: 'no-ask',
      intents: DEFAULT_FLOW.intents.filter((rule) => rule.id !== 'ask'),
    }
    for (const text of ['question 0-0', 'asdf 1-2', '?']) {
      expect(understand(flow, KNOWLEDGE, text), text).toBeNull()
    }
  })

  it('meets the targets on the held-out set', () => {
    const items = evalSet as { text: string; label: string; locale: string }[]
    const correct = items.filter(
      (item) => (understand(DEFAULT_FLOW, KNOWLEDGE, item.text)?.label ?? 'none') === item.label
    ).length
    expect(correct / items.length).toBeGreaterThanOrEqual(0.95)
  })
})

describe('the held-out set', () => {
  const items = evalSet as { text: string; label: string; locale: string }[]
  const labels = [
    ...Object.keys(INTENT_EXAMPLES),
    ...Object.keys(KNOWLEDGE_EXAMPLES).map((id) => `kb.${id}`),
    'none',
  ]

  it('has at least 420 utterances over every label, in both languages', () => {
    expect(items.length).toBeGreaterThanOrEqual(420)
    for (const label of labels) {
      for (const locale of ['zh-CN', 'en']) {
        const n = items.filter((i) => i.label === label && i.locale === locale).length
        expect(n, `${label} ${locale}`).toBeGreaterThanOrEqual(8)
      }
    }
    expect(items.every((i) => labels.includes(i.label))).toBe(true)
  })

  it('shares no phrase with the training data', () => {
    const training = new Set(
      [...Object.values(INTENT_EXAMPLES), ...Object.values(KNOWLEDGE_EXAMPLES)]
        .flatMap((byLocale) => Object.values(byLocale).flat())
        .map(squash)
    )
    expect(items.filter((i) => training.has(squash(i.text))).map((i) => i.text)).toEqual([])
  })
})
