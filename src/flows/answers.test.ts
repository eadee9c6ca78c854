import { describe, expect, it } from 'vitest'
import { isShortAnswer, matchButton, yesOrNo } from './answers'

describe('yesOrNo', () => {
  it.each([
    '是的',
    '对',
    '没错',
    '嗯',
    '嗯嗯',
    '好的',
    '对的，谢谢',
    '是的是的',
    '对，没错',
    '可以',
    '没问题',
    '确认',
    'ok',
    'OK',
    'Ok!',
    'yep',
    'yes',
    "yes that's right",
    'Yes, that is correct',
    'correct',
    'sure',
    'yes please',
    '👍',
    '👌',
    '对👍',
    'ｏｋ',
    'yeah sure',
    "that's right",
  ])('yes: %s', (text) => expect(yesOrNo(text)).toBe('yes'))

  it.each([
    '不是',
    '不对',
    '不',
    '没有',
    '没有了',
    'no',
    'nope',
    'No thanks',
    'not really',
    '👎',
    '不用了',
    'wrong',
    '不是的',
  ])('no: %s', (text) => expect(yesOrNo(text)).toBe('no'))

  it.each([
    '',
    'where is my order',
    '好的，那等明天有人了再说',
    'yes but the size is wrong',
    '不好用',
    'Still not working',
    'Then why should I buy from you?',
    '对了，我还想问一下运费',
    'ok so when will it arrive',
    '12345678',
  ])('neither: %s', (text) => expect(yesOrNo(text)).toBeNull())
})

describe('yesOrNo on long runs', () => {
  // A backtracking regex took tens of seconds on these; the word-by-word reader is linear.
  it('reads a long run of one word', () => {
    expect(yesOrNo(`${'嗯'.repeat(30)}？`)).toBe('yes')
    expect(yesOrNo(`${'嗯'.repeat(30)}x`)).toBeNull()
    expect(yesOrNo(`${'k'.repeat(39)}x`)).toBeNull()
  })

  it('knows a short acknowledgement that says neither yes nor no', () => {
    for (const text of [
      '谢谢',
      '辛苦了',
      '明白了',
      '收到',
      'thanks!',
      'got it',
      'ok thanks',
      'no thanks',
    ]) {
      expect(isShortAnswer(text), text).toBe(true)
    }
    expect(yesOrNo('收到')).toBeNull()
    expect(isShortAnswer('好的，那等明天有人了再说')).toBe(false)
  })

  it('a question that says both is no answer', () => {
    expect(yesOrNo('是不是')).toBeNull()
    expect(yesOrNo('yesss')).toBe('yes')
  })
})

describe('matchButton', () => {
  const offered = [
    { id: 'confirm.yes', label: "Yes, that's right" },
    { id: 'confirm.no', label: 'No, let me re-enter' },
  ]
  const topics = [
    { id: 'topic.presale', label: '商品咨询' },
    { id: 'topic.order', label: 'Product question' },
    { id: 'human', label: 'Talk to a person' },
  ]

  it('picks by number', () => {
    expect(matchButton(offered, '2')?.id).toBe('confirm.no')
    expect(matchButton(offered, '１．')?.id).toBe('confirm.yes')
    expect(matchButton(offered, '9')).toBeUndefined()
  })

  it('matches labels tolerantly: case, punctuation, full width', () => {
    expect(matchButton(offered, "YES, THAT'S RIGHT!")?.id).toBe('confirm.yes')
    expect(matchButton(offered, 'yes thats right')?.id).toBeUndefined()
    expect(matchButton(offered, 'no let me re-enter')?.id).toBe('confirm.no')
    expect(matchButton(topics, '商品咨询！')?.id).toBe('topic.presale')
  })

  it('finds a label inside a longer sentence, only when one fits', () => {
    expect(matchButton(topics, 'I want to talk to a person please')?.id).toBe('human')
    expect(matchButton(topics, '我想要商品咨询')?.id).toBe('topic.presale')
    expect(matchButton(topics, 'hello')).toBeUndefined()
    expect(
      matchButton(topics, "It's not a product question, I want to know the delivery fee")
    ).toBeUndefined()
    expect(matchButton(topics, '我没有商品咨询的问题，我想问物流')).toBeUndefined()
    expect(
      matchButton(
        topics,
        'so I was wondering whether maybe I could talk to a person about something else entirely'
      )
    ).toBeUndefined()
  })
})
