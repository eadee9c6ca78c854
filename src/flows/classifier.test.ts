import { describe, expect, it } from 'vitest'
import { classify, trainClassifier } from './classifier'
import { extractFeatures, tokenize } from './text-features'

const EXAMPLES = [
  { label: 'refund', text: 'I want a refund' },
  { label: 'refund', text: 'can I get my money back' },
  { label: 'refund', text: '我要退款' },
  { label: 'refund', text: '退货退款' },
  { label: 'track', text: 'where is my parcel' },
  { label: 'track', text: 'my package has not arrived' },
  { label: 'track', text: '快递到哪了' },
  { label: 'track', text: '包裹还没到' },
  { label: 'ack', text: '👍' },
  { label: 'ack', text: 'ok' },
  { label: '~none', text: 'what is the weather' },
  { label: '~none', text: 'tell me a joke' },
]

describe('tokenize', () => {
  it('splits CJK runs, lowercased words, emoji and question marks', () => {
    expect(tokenize("Don't 退款 OK?👍 123")).toEqual([
      { kind: 'word', text: 'dont' },
      { kind: 'cjk', text: '退款' },
      { kind: 'word', text: 'ok' },
      { kind: 'question', text: '?' },
      { kind: 'emoji', text: '👍' },
      { kind: 'word', text: '123' },
    ])
  })

  it('normalises full-width forms (NFKC)', () => {
    expect(tokenize('ｏｒｄｅｒ　１２３？')).toEqual(tokenize('order 123?'))
  })
})

describe('extractFeatures', () => {
  it('makes CJK 1-3 grams, word unigrams and bigrams, and char 3-5 grams within words', () => {
    const f = extractFeatures('退款了 my refund')
    for (const key of [
      'z:退',
      'z:退款',
      'z:退款了',
      'w:my',
      'w:refund',
      'b:my refund',
      'c:<re',
      'c:fund>',
    ]) {
      expect(f.has(key), key).toBe(true)
    }
    expect(f.has('z:退款了吗')).toBe(false)
  })

  it('collapses long numbers into one feature', () => {
    expect([...extractFeatures('202611230001').keys()]).toEqual(['w:#'])
  })

  it('turns short numbers into untrained number features, without word or char grams', () => {
    expect([...extractFeatures('1-2 3').keys()]).toEqual(['n:1', 'n:2', 'n:3'])
  })
})

describe('trainClassifier and classify', () => {
  const model = trainClassifier(EXAMPLES, { background: '~none' })

  it('ranks every label, best first, with confidences summing to 1', () => {
    const guesses = classify(model, 'I would like a refund please')
    expect(guesses[0]?.label).toBe('refund')
    expect(guesses.map((g) => g.label).sort()).toEqual(['ack', 'refund', 'track', '~none'])
    expect(guesses.reduce((s, g) => s + g.confidence, 0)).toBeCloseTo(1, 6)
    for (let i = 1; i < guesses.length; i++) {
      expect(guesses[i - 1]!.confidence).toBeGreaterThanOrEqual(guesses[i]!.confidence)
    }
  })

  it('tolerates typos, full-width text, Chinese and emoji', () => {
    expect(classify(model, 'my pakage hasnt arived')[0]?.label).toBe('track')
    expect(classify(model, 'ＲＥＦＵＮＤ')[0]?.label).toBe('refund')
    expect(classify(model, '我的包裹到哪了')[0]?.label).toBe('track')
    expect(classify(model, '👍')[0]?.label).toBe('ack')
  })

  it('sends unseen text to the background label', () => {
    expect(classify(model, 'xylophone zebra quantum')[0]?.label).toBe('~none')
    // Junk and digits, or a lone weak feature,, stay with the background.
    expect(classify(model, 'zz 0-0')[0]?.label).toBe('~none')
    expect(classify(model, '?')[0]?.label).toBe('~none')
    // Without a background label, text with no known feature has no guess at all.
    const plain = trainClassifier(EXAMPLES)
    expect(classify(plain, '§§§ ¿¿')).toEqual([])
    expect(classify(plain, 'zzz qqq')).toEqual([])
  })

  it('is deterministic', () => {
    const again = trainClassifier([...EXAMPLES].reverse(), { background: '~none' })
    expect(again.labels).toEqual(model.labels)
    for (const text of ['refund?', '快递', 'ok', 'hello']) {
      expect(classify(again, text)).toEqual(classify(model, text))
    }
  })

  it('trains on 1,500 phrases in 20 labels and classifies with them', () => {
    // Speed is measured by `npm run eval` (per message and training time), not timed here.
    const many = Array.from({ length: 1500 }, (_, i) => ({
      label: `l${i % 20}`,
      text: `${EXAMPLES[i % EXAMPLES.length]!.text} variant ${i} 第${i}个`,
    }))
    const big = trainClassifier(many)
    const guesses = classify(big, 'where is my parcel, it has not arrived 快递还没到')
    expect(guesses).toHaveLength(20)
    expect(guesses.reduce((sum, g) => sum + g.confidence, 0)).toBeCloseTo(1, 9)
    for (let i = 1; i < guesses.length; i++)
      expect(guesses[i - 1]!.confidence).toBeGreaterThanOrEqual(guesses[i]!.confidence)
  })
})
