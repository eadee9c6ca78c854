import { describe, expect, it } from 'vitest'
import { DEFAULT_KNOWLEDGE } from '../knowledge/default-knowledge'
import { yesOrNo } from './answers'
import { DEFAULT_FLOW } from './default-pack'
import { DEFAULT_TEMPLATES, ENGINE_TEMPLATES } from './default-templates'
import { matchCapture, matchIntent, matchReply } from './intents'
import type { KnowledgeDoc } from './types'
import { understand } from './understand'
import { renderTemplate } from './render'
import {
  flowDocSchema,
  flowInputSchema,
  templateDocSchema,
  templateInputSchema,
  validateFlowButtons,
  validateFlowTemplates,
} from './schema'

const { id: _id, version: _version, updatedAt: _updatedAt, ...flowInput } = DEFAULT_FLOW

const orderCapture = () => {
  const capture = DEFAULT_FLOW.steps.order?.capture
  if (!capture) throw new Error('order step has no capture')
  return capture
}

describe('default pack', () => {
  it('every template passes the admin input schema and the stored doc schema', () => {
    for (const [id, doc] of Object.entries(DEFAULT_TEMPLATES)) {
      const { id: docId, version, updatedAt, ...input } = doc
      expect(docId).toBe(id)
      expect(version).toBe(0)
      expect(updatedAt).toBe('2026-01-01T00:00:00.000Z')
      const parsed = templateInputSchema.safeParse(input)
      expect(parsed.error?.issues ?? [], id).toEqual([])
      expect(templateDocSchema.safeParse(doc).success, id).toBe(true)
    }
  })

  it('has the templates the engine and later features rely on, in both locales', () => {
    const required = [
      'greeting',
      'handoff',
      'fallback.reask',
      'fallback.offer_human',
      'closing',
      'farewell',
      'payment.reminder',
      'order.tracking',
      'survey',
      'holding',
      'offhours',
    ]
    for (const id of required) expect(DEFAULT_TEMPLATES[id], id).toBeDefined()
    for (const doc of Object.values(DEFAULT_TEMPLATES)) {
      expect(Object.keys(doc.locales).sort(), doc.id).toEqual(['en', 'zh-CN'])
      for (const button of doc.buttons ?? []) {
        expect(Object.keys(button.labels).sort(), `${doc.id} ${button.id}`).toEqual(['en', 'zh-CN'])
      }
    }
    expect(DEFAULT_TEMPLATES.survey?.buttons?.map((b) => b.id)).toEqual([
      'csat.1',
      'csat.2',
      'csat.3',
      'csat.4',
      'csat.5',
    ])
  })

  it('the flow passes the input schema, the doc schema and the template check', () => {
    expect(flowInputSchema.safeParse(flowInput).error?.issues ?? []).toEqual([])
    expect(flowDocSchema.safeParse(DEFAULT_FLOW).error?.issues ?? []).toEqual([])
    expect(validateFlowTemplates(DEFAULT_FLOW, new Set(Object.keys(DEFAULT_TEMPLATES)))).toEqual([])
    expect(validateFlowButtons(DEFAULT_FLOW, DEFAULT_TEMPLATES)).toEqual([])
  })

  it('starts with the greeting and offers every topic as a button that leads somewhere', () => {
    expect(DEFAULT_FLOW.steps[DEFAULT_FLOW.start]?.say[0]).toBe('greeting')
    const topics = DEFAULT_TEMPLATES.greeting?.buttons?.map((b) => b.id) ?? []
    expect(topics).toEqual([
      'topic.presale',
      'topic.order',
      'topic.logistics',
      'topic.return',
      'topic.complaint',
      'topic.payment',
      'human',
    ])
    for (const id of topics) expect(DEFAULT_FLOW.actions[id], id).toBeDefined()
  })

  it('every template is said by some step, is an off-hours twin of one, or is said by the engine', () => {
    const said = new Set(Object.values(DEFAULT_FLOW.steps).flatMap((step) => step.say))
    const engine = new Set<string>(ENGINE_TEMPLATES)
    const unsaid = Object.keys(DEFAULT_TEMPLATES).filter(
      (id) =>
        !said.has(id) &&
        !engine.has(id) &&
        !said.has(id.replace(/\.offhours$/, '')) &&
        !engine.has(id.replace(/\.offhours$/, ''))
    )
    expect(unsaid).toEqual([])
    for (const id of engine) expect(DEFAULT_TEMPLATES[id], id).toBeDefined()
  })

  it('hands over on complaints and explicit requests for a person', () => {
    expect(DEFAULT_FLOW.steps.complaint?.handoff).toBe(true)
    expect(DEFAULT_FLOW.steps.human?.handoff).toBe(true)
    expect(DEFAULT_FLOW.steps.complaint?.stage).toBe('objection')
  })

  it('every template renders in both locales without leftover placeholders', () => {
    for (const doc of Object.values(DEFAULT_TEMPLATES)) {
      for (const locale of ['zh-CN', 'en']) {
        const { text, buttons } = renderTemplate(doc, locale, {})
        expect(text, `${doc.id} ${locale}`).not.toMatch(/\{\{|\}\}/)
        for (const b of buttons ?? []) expect(b.label.length, b.id).toBeGreaterThan(0)
      }
    }
  })

  it('the greeting reads well with and without a customer name', () => {
    const greeting = DEFAULT_TEMPLATES.greeting
    if (!greeting) throw new Error('no greeting')
    const vars = { 'shop.name': '小鹿家居' }
    expect(renderTemplate(greeting, 'zh-CN', vars).text).toMatch(/^亲，您好！欢迎光临小鹿家居/)
    expect(renderTemplate(greeting, 'en', { ...vars, 'customer.name': 'Amy' }).text).toMatch(
      /^Hi Amy, welcome to 小鹿家居!/
    )
    expect(renderTemplate(greeting, 'en', {}).text).toMatch(/^Hi there, welcome to our shop!/)
  })
})

// The bundled knowledge base: its questions train the classifier beside the flow's examples.
const KNOWLEDGE: KnowledgeDoc = DEFAULT_KNOWLEDGE

const label = (text: string) => understand(DEFAULT_FLOW, KNOWLEDGE, text)?.label ?? null

const INTENT_CASES: Record<string, { zh: string[]; en: string[] }> = {
  presale: {
    zh: [
      '这件衣服有M码吗？',
      '我身高165体重110斤穿什么码',
      '这个还有货吗',
      '多少钱？能便宜点吗',
      '面料是纯棉的吗',
    ],
    en: [
      'Do you have this in size M?',
      'Is the blue one in stock?',
      'How much is this jacket?',
      'What material is it made of?',
      'I want to buy the black one',
    ],
  },
  order: {
    zh: [
      '帮我查一下订单',
      '我想改一下收货地址',
      '地址写错了能改吗',
      '我要取消订单',
      '订单状态怎么看',
      '能修改数量吗',
    ],
    en: [
      "What's my order status?",
      'Where is my order?',
      'Can I change the delivery address?',
      'I need to cancel my order',
      'I put the wrong address on it',
    ],
  },
  logistics: {
    zh: [
      '我的快递三天了还没到',
      '物流一直不更新',
      '包裹卡在中转站好几天了',
      '还没有收到货',
      '收到了但是少了一件',
      '显示签收了但我没收到',
      '怎么还没发货',
    ],
    en: [
      'where is my parcel? it has been stuck for a week',
      "My package hasn't arrived yet",
      'I still have not received anything',
      'The delivery is late',
      'One item is missing from the box',
      'It says delivered but nothing came',
      'The tracking shows no updates',
    ],
  },
  aftersale: {
    zh: [
      '我想退货',
      '衣服有质量问题，开线了',
      '你们发错货了',
      '退款什么时候到账',
      '尺码不合适可以换吗',
      '收到的杯子碎了',
      '七天无理由可以退吗',
    ],
    en: [
      'I want to return these shoes',
      'How do I get a refund?',
      'The item arrived damaged',
      'You sent me the wrong size',
      "It doesn't fit, can I exchange it?",
      'Who pays for return shipping?',
    ],
  },
  complaint: {
    zh: [
      '我要投诉你们',
      '你们客服态度太差了',
      '再不处理我就给差评',
      '我要打12315',
      '你们就是骗子',
      '太让人失望了',
    ],
    en: [
      'I want to make a complaint',
      'This is the worst service ever',
      'Your agent was rude to me',
      'This is a scam',
      'I will talk to my lawyer',
      "I'm really disappointed with this",
    ],
  },
  payment: {
    zh: ['付款一直失败', '银行卡付不了', '扣了两次钱', '付了钱订单还显示待付款', '优惠券用不了'],
    en: [
      'My payment keeps failing',
      'My card was declined',
      'I was charged twice',
      'I paid but the order says unpaid',
      'Checkout keeps failing',
    ],
  },
  human: {
    zh: ['转人工', '我要找人工客服', '不要机器人，我要真人', '帮我联系客服'],
    en: [
      'I want to speak to a real person',
      'Can I talk to someone?',
      'Get me a human please',
      'Connect me to an agent',
      'customer service please',
    ],
  },
  'kb.shipping_fee': {
    zh: ['包邮吗？', '运费怎么算'],
    en: ['Do you offer free shipping?', 'How much is delivery?'],
  },
  'kb.shipping_time': {
    zh: ['请问下单后几天能到', '几号能发货'],
    en: ['How long does delivery take?', 'When will it ship if I buy now?'],
  },
  'kb.coupons': {
    zh: ['现在有什么优惠活动', '优惠券能叠加吗'],
    en: ['Any discount if I buy two?', 'Do you have any promo codes?'],
  },
  'kb.payment_methods': {
    zh: ['怎么支付', '可以用花呗分期吗'],
    en: ['Can I pay with PayPal?', 'What payment methods do you take?'],
  },
}

describe('understanding customers with the default flow', () => {
  for (const [intent, { zh, en }] of Object.entries(INTENT_CASES)) {
    it(`maps Chinese and English sentences to ${intent}`, () => {
      expect(zh.length).toBeGreaterThanOrEqual(2)
      expect(en.length).toBeGreaterThanOrEqual(2)
      for (const text of [...zh, ...en]) expect(label(text), text).toBe(intent)
    })
  }

  it('routes harder phrasings sensibly', () => {
    const cases: [string, string][] = [
      ['亲，这款裙子XL码还有吗', 'presale'],
      ['发顺丰吗', 'kb.courier'],
      ['Can you ship to Canada?', 'kb.shipping_regions'],
      ['我昨天下的单什么时候发', 'order'],
      ['I got only 2 of the 3 items', 'logistics'],
      ['衣服收到了颜色和图片不一样', 'aftersale'],
      ['the zipper broke after one day', 'aftersale'],
      ['我不想要了，能退款吗', 'aftersale'],
      ['快递员态度很差', 'complaint'],
      ['在吗？人呢', 'human'],
      ['能开发票吗', 'kb.invoice'],
      ['我拍错颜色了能改吗', 'order'],
      ['my order number is 12345678', 'order'],
      ['淘宝上比你们便宜多了', 'compare'],
      ['好的', 'ack'],
      ['👍', 'ack'],
    ]
    for (const [text, intent] of cases) expect(label(text), text).toBe(intent)
  })

  it('keeps the high-precision overrides as rules', () => {
    for (const text of [
      '转人工',
      'I want to talk to a human',
      '我要打12315',
      'My lawyer will call you',
    ]) {
      expect(understand(DEFAULT_FLOW, KNOWLEDGE, text)?.via, text).toBe('rule')
    }
    expect(matchIntent(DEFAULT_FLOW, 'where is my parcel')).toBeNull()
    expect(matchIntent(DEFAULT_FLOW, '快递什么时候到')).toBeNull()
  })

  it('sends each intent to a step of the flow, and trains every intent', () => {
    for (const rule of DEFAULT_FLOW.intents) {
      const step = DEFAULT_FLOW.steps[rule.step]
      expect(step, rule.id).toBeDefined()
      for (const locale of ['zh-CN', 'en']) {
        expect(rule.examples?.[locale]?.length ?? 0, `${rule.id} ${locale}`).toBeGreaterThanOrEqual(
          25
        )
      }
      if (!['thanks', 'hello', 'ack', 'compare', 'ask'].includes(rule.id)) {
        expect(step?.intent, rule.id).toBe(rule.id)
      }
    }
  })

  it('says goodbye to thanks, but a question after thanks wins', () => {
    expect(label('好的，谢谢')).toBe('thanks')
    expect(label('thank you!')).toBe('thanks')
    expect(label('谢谢，我还想退货')).toBe('aftersale')
  })

  it('sends bare greetings back to the start step', () => {
    for (const text of [
      '你好',
      '在吗？',
      'hi',
      'hello there',
      'Good morning!',
      '有人吗',
      'Hello, is anyone there?',
    ]) {
      expect(understand(DEFAULT_FLOW, KNOWLEDGE, text)?.step, text).toBe(DEFAULT_FLOW.start)
    }
    expect(label('hi, where is my order?')).toBe('order')
  })

  it('leaves noise and blank text unmatched', () => {
    for (const text of ['', '   ', 'qwerty zxcv', '今天天气不错啊', 'who won the game yesterday']) {
      expect(understand(DEFAULT_FLOW, KNOWLEDGE, text), text).toBeNull()
    }
  })
})

describe('order number capture', () => {
  it('captures the usual ways of giving an order number', () => {
    const capture = orderCapture()
    expect(matchCapture(capture, '订单号：202611230001')).toBe('202611230001')
    expect(matchCapture(capture, '#A12345678')).toBe('A12345678')
    expect(matchCapture(capture, 'it is 88889999')).toBe('88889999')
    expect(matchCapture(capture, '订单号是 TB20261123ABC 麻烦查一下')).toBe('TB20261123ABC')
    expect(matchCapture(capture, 'order #998877, thanks')).toBe('998877')
    // Fullwidth digits from a Chinese input method.
    expect(matchCapture(capture, '订单号＃２０２６１１２３')).toBe('20261123')
  })

  it('rejects text that is not an order number', () => {
    const capture = orderCapture()
    for (const text of ['不知道', 'whereabouts unknown', '12345', 'A1234', '1'.repeat(25), '']) {
      expect(matchCapture(capture, text), text).toBeNull()
    }
  })

  it('every order-asking step captures into order.id and confirms before handing over', () => {
    for (const prefix of ['order', 'logistics', 'aftersale.quality', 'aftersale.noreason']) {
      const ask = DEFAULT_FLOW.steps[prefix]
      expect(ask?.capture?.variable, prefix).toBe('order.id')
      expect(ask?.capture?.next, prefix).toBe(`${prefix}.confirm`)
      const confirm = DEFAULT_FLOW.steps[`${prefix}.confirm`]
      expect(confirm?.say, prefix).toEqual(['order.confirm_id'])
      // The order topic first looks the number up among the shop's orders for this customer.
      const next = DEFAULT_FLOW.steps[confirm?.on?.['confirm.yes'] ?? '']
      const handover =
        next?.lookup === 'order' ? DEFAULT_FLOW.steps[next.on?.['order.unknown'] ?? ''] : next
      expect(handover?.handoff, prefix).toBe(true)
      expect(confirm?.on?.['confirm.no'], prefix).toBe(`${prefix}.retry`)
      expect(ask?.capture?.invalid, prefix).toBe(`${prefix}.invalid`)
    }
  })

  it('confirms the captured number back', () => {
    const doc = DEFAULT_TEMPLATES['order.confirm_id']
    if (!doc) throw new Error('no order.confirm_id')
    const rendered = renderTemplate(doc, 'en', { 'order.id': 'A12345678' })
    expect(rendered.text).toBe('Your order number is A12345678. Is that right?')
    expect(rendered.buttons?.map((b) => b.id)).toEqual(['confirm.yes', 'confirm.no'])
  })
})

describe('typed answers to yes/no questions', () => {
  it('maps yes and no in both languages to the buttons', () => {
    const yes = ['对', '是的', '对的，谢谢', '嗯嗯', 'yes', 'Yep!', "that's right", 'ok thanks']
    const no = ['不对', '不是', '没有了', 'no', 'Nope', 'no thanks', 'wrong']
    for (const text of yes) expect(yesOrNo(text), text).toBe('yes')
    for (const text of no) expect(yesOrNo(text), text).toBe('no')
    for (const text of ['有没有别的颜色', 'yes but where is my parcel', '不好说']) {
      expect(yesOrNo(text), text).toBeNull()
    }
  })

  it('knows the closing and after-sale answers', () => {
    expect(matchReply(DEFAULT_FLOW, 'closing', '没有了，谢谢')).toBe('confirm.no')
    expect(matchReply(DEFAULT_FLOW, 'closing', '好的，谢谢')).toBe('confirm.no')
    expect(matchReply(DEFAULT_FLOW, 'closing', 'ok thanks!')).toBe('confirm.no')
    // Plain yes/no forms are read by the engine for every step that expects a confirmation.
    expect(matchReply(DEFAULT_FLOW, 'closing', '还有')).toBeNull()
    expect(matchReply(DEFAULT_FLOW, 'aftersale', '是质量问题，拉链坏了')).toBe('return.quality')
    expect(matchReply(DEFAULT_FLOW, 'aftersale', 'I just changed my mind')).toBe('return.noreason')
    expect(matchReply(DEFAULT_FLOW, 'start', 'yes')).toBeNull()
    expect(matchReply(DEFAULT_FLOW, 'no-such-step', 'yes')).toBeNull()
  })
})
