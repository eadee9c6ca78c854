import { describe, expect, it } from 'vitest'
import { DEFAULT_RED_LINES, findRedLines, redLinesSchema } from './red-lines'

const kinds = (text: string) => findRedLines(text, DEFAULT_RED_LINES).map((h) => h.kind)

describe('red lines', () => {
  it('flags wording that blames or brushes off the customer, in both languages', () => {
    expect(kinds('这个你自己看说明吧')).toEqual(['wording'])
    expect(kinds('这不关我的事')).toEqual(['wording'])
    expect(kinds("Sorry, that's not my problem.")).toEqual(['wording'])
    expect(kinds('Please calm down, sir')).toEqual(['wording'])
    expect(kinds('As I said, read the description.')).toEqual(['wording', 'wording'])
  })

  it('flags promises nobody confirmed: dates and money', () => {
    expect(kinds('保证明天到')).toEqual(['promise'])
    expect(kinds('我们一定给您赔偿')).toEqual(['promise'])
    expect(kinds('赔您 50 元')).toEqual(['promise'])
    expect(kinds('It will definitely arrive tomorrow')).toEqual(['promise'])
    expect(kinds('We guarantee it gets delivered on Friday')).toEqual(['promise', 'promise'])
    expect(kinds("We'll refund you $30 today")).toEqual(['promise'])
  })

  it('leaves ordinary service language alone', () => {
    for (const text of [
      '您好，我是客服小王，很高兴为您服务。',
      '我帮您查一下订单，请稍等。',
      '预计 3-5 天送达，具体以物流为准。',
      'Hi, this is Mia. Let me check your order.',
      'The courier usually takes 3-5 days; I will update you when it moves.',
      'I understand how frustrating this is.',
    ]) {
      expect(findRedLines(text, DEFAULT_RED_LINES), text).toEqual([])
    }
  })

  it('refuses a lexicon with a broken or empty-matching pattern', () => {
    expect(redLinesSchema.safeParse(DEFAULT_RED_LINES).success).toBe(true)
    expect(
      redLinesSchema.safeParse({
        ...DEFAULT_RED_LINES,
        wording: { ...DEFAULT_RED_LINES.wording, en: ['(unclosed'] },
      }).success
    ).toBe(false)
    expect(
      redLinesSchema.safeParse({
        ...DEFAULT_RED_LINES,
        wording: { ...DEFAULT_RED_LINES.wording, en: ['x*'] },
      }).success
    ).toBe(false)
  })
})
