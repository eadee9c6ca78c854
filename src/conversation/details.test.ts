import { describe, expect, it } from 'vitest'
import { clipQuestion, describeFacts, extractFacts, factsBeyond, restateNeed } from './details'
import { describeOrder, findOrder } from './orders'
import type { OrderInfo } from './types'

describe('extractFacts', () => {
  it.each([
    [
      '我身高170，体重120斤，要黑色M码',
      { height: '170cm', weight: '120斤', size: 'M', colour: '黑色' },
    ],
    ['身高 1米75 体重 65kg', { height: '175cm', weight: '65kg' }],
    ['１６８ｃｍ　５２ｋｇ 穿什么码', { height: '168cm', weight: '52kg' }],
    [
      "I'm 175cm and 70kg, do you have it in navy? size L",
      { height: '175cm', weight: '70kg', size: 'L', colour: 'navy' },
    ],
    ['1.80m tall, 165 lbs', { height: '180cm', weight: '165 lb' }],
    ['XL码有货吗', { size: 'XL' }],
  ])('%s', (text, facts) => expect(extractFacts(text)).toEqual(facts))

  it('finds nothing in text without such facts', () => {
    expect(extractFacts("I'M not sure, where is my order 20261130001?")).toEqual({})
    expect(extractFacts('订单号 202611300001')).toEqual({})
  })
})

describe('restating a question', () => {
  it('keeps the first sentence and the facts it does not show', () => {
    const question = clipQuestion('这件外套黑色的有M码吗？我身高170，体重120斤')
    expect(question).toBe('这件外套黑色的有M码吗？')
    const facts = factsBeyond(extractFacts('这件外套黑色的有M码吗？我身高170，体重120斤'), question)
    expect(describeFacts(facts, 'zh-CN')).toBe('（您提到：身高170cm、体重120斤）')
    expect(describeFacts({ height: '175cm', size: 'M' }, 'en')).toBe(
      ', and you mentioned: height 175 cm, size M'
    )
    expect(describeFacts({}, 'en')).toBe('')
  })

  it('shortens a long question to one line', () => {
    expect(Array.from(clipQuestion('a'.repeat(200))).length).toBeLessThanOrEqual(60)
    expect(clipQuestion('line one\nline two')).toBe('line one line two')
  })
})

describe('orders', () => {
  const order = (over: Partial<OrderInfo>): OrderInfo => ({
    id: 'A2026120777',
    status: 'paid',
    createdAt: 0,
    updatedAt: 0,
    reminderDueAt: null,
    remindedAt: null,
    ...over,
  })

  it('finds an order by the number as typed (case, #, full width)', () => {
    const orders = { A2026120777: order({}) }
    expect(findOrder(orders, '#a2026120777')?.id).toBe('A2026120777')
    expect(findOrder(orders, 'Ａ2026120777')?.id).toBe('A2026120777')
    expect(findOrder(orders, 'B2026120777')).toBeNull()
    expect(findOrder(orders, undefined)).toBeNull()
  })

  it('describes every status in both languages, tracking included when shipped', () => {
    const shipped = order({ status: 'shipped', carrier: 'SF Express', tracking: 'SF123' })
    expect(describeOrder(shipped, 'en')).toContain('shipped with SF Express, tracking number SF123')
    expect(describeOrder(shipped, 'zh-CN')).toContain('已发货（SF Express，运单号 SF123）')
    for (const status of ['created', 'paid', 'shipped', 'cancelled', 'refunded'] as const) {
      expect(describeOrder(order({ status }), 'en')).not.toBe('')
      expect(describeOrder(order({ status }), 'zh-CN')).not.toBe('')
    }
  })
})

describe('restateNeed', () => {
  it('says what the customer wants to know, in the shop’s words', () => {
    const zh = '这件外套黑色的有M码吗？我身高170，体重120斤'
    expect(restateNeed(clipQuestion(zh), extractFacts(zh), 'zh-CN')).toBe(
      '您想知道黑色 M 码有没有货，以及身高170cm、体重120斤穿哪个码合适'
    )
    const en = "Do you have the denim jacket in black? I'm 175cm and 70kg"
    expect(restateNeed(clipQuestion(en), extractFacts(en), 'en')).toBe(
      "you'd like to know whether it comes in black, and which size would fit you at 175 cm and 70 kg"
    )
    expect(restateNeed('这个多少钱？', {}, 'zh-CN')).toBe('您想知道价格和优惠')
    expect(restateNeed('Is it 100% cotton?', {}, 'en')).toBe("you'd like to know what it's made of")
  })

  it('gives up when the question names nothing it knows, so the question is quoted instead', () => {
    expect(restateNeed('这个适合送给男朋友吗', {}, 'zh-CN')).toBeNull()
  })
})
