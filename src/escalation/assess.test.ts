import { describe, expect, it } from 'vitest'
import { assess, verdict } from './assess'
import { DEFAULT_ESCALATION_RULES as RULES } from './default-rules'
import { escalationRulesSchema } from './schema'
import type { EscalationRules } from './types'

/** Assesses and judges a message as a first complaint (or none). */
const judge = (text: string, complaints?: number, rules: EscalationRules = RULES) => {
  const assessment = assess(rules, text)
  const count = complaints ?? (assessment.complaint ? 1 : 0)
  return { assessment, verdict: verdict(rules, assessment, { complaints: count }) }
}

const levelOf = (text: string) => judge(text).verdict.level

describe('the default rules', () => {
  it('pass their own schema', () => {
    expect(escalationRulesSchema.safeParse(RULES).success).toBe(true)
  })

  it('have rich lexicons in both languages', () => {
    const anger = RULES.lexicon.anger
    expect(anger.filter((t) => t.locale === 'zh-CN').length).toBeGreaterThanOrEqual(25)
    expect(anger.filter((t) => t.locale === 'en').length).toBeGreaterThanOrEqual(25)
    expect(RULES.lexicon.abuse.length).toBeGreaterThanOrEqual(30)
    for (const list of ['human', 'legal', 'media', 'threat'] as const) {
      expect(RULES.lexicon[list].length).toBeGreaterThanOrEqual(18)
    }
  })
})

describe('level 2: legal', () => {
  it.each([
    ['我要找律师起诉你们', ['律师', '起诉']],
    ['再不处理我就打12315', ['12315']],
    ['I will sue you', ['sue you', 'will sue']],
    ['I am going to contact my lawyer', ['lawyer']],
    ['我要找消协投诉你们', ['消协']],
    ['我去市场监管局举报', ['市场监管', '监管局']],
    ['我要去法院告你们', ['法院']],
    ['我要告你们', ['要告你们']],
    ['假货！我要求退一赔三', ['退一赔三']],
    ['I will report you to the BBB', ['BBB', 'report you to']],
    ["If this isn't fixed I'm taking legal action", ['legal action']],
  ])('%s', (text, expected) => {
    const { assessment, verdict: v } = judge(text)
    expect(v.level).toBe(2)
    expect(v.reasons[0]).toBe('legal')
    expect(assessment.legal).toEqual(expected)
    expect(v.summary).toContain('legal: ')
  })

  it('everyday words that contain legal words stay at level 0', () => {
    expect(levelOf('工商银行卡可以付款吗')).toBe(0)
    expect(levelOf('My name is Sue, order 1234')).toBe(0)
    expect(levelOf('Is there an issue with my order?')).toBe(0)
    expect(levelOf('我告诉你们地址了')).toBe(0)
    expect(levelOf('my order number is 12345')).toBe(0)
  })
})

describe('level 2: media', () => {
  it.each([
    ['我要曝光你们，发微博', ['曝光', '发微博']],
    ['再不退款我就发到网上', ['发到网上']],
    ['我认识记者，让媒体来评评理', ['媒体', '记者']],
    ['我要发抖音让大家都知道你们是黑店', ['发抖音', '让大家都知道']],
    ['I will go to the media', ['the media']],
    ["I'll post this on twitter", ['post this on twitter']],
    ['A journalist friend of mine will hear about this', ['journalist']],
    ['I am going public with this', ['going public']],
  ])('%s', (text, expected) => {
    const { assessment, verdict: v } = judge(text)
    expect(v.level).toBe(2)
    expect(v.reasons).toContain('media')
    expect(assessment.media).toEqual(expected)
  })

  it('a platform name alone is not exposure', () => {
    expect(levelOf('我在抖音上看到的这款')).toBe(0)
    expect(levelOf('I saw your ad on instagram')).toBe(0)
    expect(levelOf('any news about my parcel?')).toBe(0)
  })
})

describe('level 2: compensation', () => {
  const amounts = (text: string) =>
    assess(RULES, text).compensation.map((a) => `${a.currency} ${a.amount}`)

  it('a demand above the threshold escalates, with the amount in the summary', () => {
    const { assessment, verdict: v } = judge('赔我2000块')
    expect(assessment.compensation).toEqual([{ amount: 2000, currency: 'CNY', text: '2000块' }])
    expect(v).toEqual({
      level: 2,
      reasons: ['compensation'],
      summary: 'compensation CNY 2000 over 300',
    })
  })

  it('a demand under the threshold is reported but does not escalate', () => {
    const { assessment, verdict: v } = judge('refund me $30')
    expect(assessment.compensation).toEqual([{ amount: 30, currency: 'USD', text: '$30' }])
    expect(v.level).toBe(0)
    expect(levelOf('€50 refund')).toBe(0)
    expect(levelOf('赔偿￥３００')).toBe(0)
  })

  it('reads the usual ways of writing money', () => {
    expect(amounts('赔偿500')).toEqual(['CNY 500'])
    expect(amounts('赔我500元')).toEqual(['CNY 500'])
    expect(amounts('要求赔偿损失共计2000元')).toEqual(['CNY 2000'])
    expect(amounts('赔偿¥1,000')).toEqual(['CNY 1000'])
    expect(amounts('赔偿１，０００元')).toEqual(['CNY 1000'])
    expect(amounts('补偿5千')).toEqual(['CNY 5000'])
    expect(amounts('赔偿1万')).toEqual(['CNY 10000'])
    expect(amounts('赔偿1.5万元')).toEqual(['CNY 15000'])
    expect(amounts('赔偿一千五百元')).toEqual(['CNY 1500'])
    expect(amounts('至少赔两万')).toEqual(['CNY 20000'])
    expect(amounts('compensate me 80 dollars')).toEqual(['USD 80'])
    expect(amounts('USD 80 refund please')).toEqual(['USD 80'])
    expect(amounts('I want $100 in compensation')).toEqual(['USD 100'])
    expect(amounts('refund €51')).toEqual(['EUR 51'])
    expect(amounts('I expect compensation of $1,200.50')).toEqual(['USD 1200.5'])
  })

  it('levels on every currency that has a threshold', () => {
    expect(levelOf('compensate me 80 dollars')).toBe(2)
    expect(levelOf('refund €51')).toBe(2)
    expect(levelOf('赔偿￥３０１')).toBe(2)
  })

  it('amounts that are not a demand do not count', () => {
    expect(amounts('我买的500元的衣服坏了')).toEqual([])
    expect(amounts('我买的500元的衣服坏了，赔我50')).toEqual(['CNY 50'])
    expect(amounts('我要退款，这个399元的东西质量太差')).toEqual([])
    expect(amounts('我付了¥1,299，要求全额退款')).toEqual([])
    expect(amounts('退款3天了还没到')).toEqual([])
    expect(amounts('退款一直没到账')).toEqual([])
    expect(amounts('订单号 SF1234567890123 赔偿')).toEqual([])
    expect(amounts('赔偿订单202611230001')).toEqual([])
  })

  it('a currency without a threshold never escalates', () => {
    expect(judge('compensate me £500').assessment.compensation).toEqual([
      { amount: 500, currency: 'GBP', text: '£500' },
    ])
    expect(levelOf('compensate me £500')).toBe(0)
  })
})

describe('level 2: threats', () => {
  it.each([
    ['你们等着瞧'],
    ['信不信我弄死你'],
    ['你们会后悔的'],
    ['我找人收拾你'],
    ['You will regret this'],
    ['I know where you live'],
    ["I'll burn down your store"],
  ])('%s', (text) => {
    const { assessment, verdict: v } = judge(text)
    expect(v.level).toBe(2)
    expect(v.reasons).toEqual(['threat'])
    expect(assessment.threat.length).toBeGreaterThan(0)
  })

  it('regret about a purchase is not a threat', () => {
    expect(levelOf('我后悔买了这个')).toBe(0)
    expect(levelOf('I regret ordering the blue one')).toBe(0)
  })
})

describe('level 1: anger', () => {
  it('scores an English outburst from lexicon, caps and punctuation', () => {
    const { assessment, verdict: v } = judge(
      "This is the THIRD time I'm asking!!! Where is my parcel???"
    )
    expect(assessment.angry).toBe(true)
    expect(assessment.angerScore).toBeGreaterThanOrEqual(RULES.angerThreshold)
    expect(assessment.matched).toEqual(
      expect.arrayContaining([
        'anger:THIRD time',
        'intensifier:!!!',
        'intensifier:???',
        'caps:THIRD',
      ])
    )
    expect(v.level).toBe(1)
    expect(v.reasons).toEqual(['anger'])
    expect(v.summary).toMatch(/^anger score [\d.]+ reaches 3$/)
  })

  it('scores a Chinese outburst', () => {
    const { assessment, verdict: v } = judge('你们这服务太差了！！！到底什么时候发货？？？')
    expect(assessment.angry).toBe(true)
    expect(assessment.matched).toEqual(
      expect.arrayContaining([
        'anger:太差',
        'intensifier:！！！',
        'intensifier:？？？',
        'intensifier:到底',
      ])
    )
    expect(v.level).toBe(1)
    expect(v.reasons).toContain('anger')
  })

  it.each([
    ['你们到底还要拖多久？？？气死我了'],
    ['我已经问了三次了，还是没人管'],
    ['说了多少遍了，你们到底有没有人管？'],
    ["I'm furious, this is unacceptable"],
    ["Seriously? This is the worst service ever. I'm fed up!"],
    ['where is my fucking parcel'],
    ['How many times do I have to ask?? Ridiculous'],
  ])('%s is angry', (text) => {
    expect(judge(text).assessment.angry).toBe(true)
  })

  it.each([
    ['annoying'],
    ['a bit annoying that it is late'],
    ['still waiting, any update?'],
    ['Why is it late again?'],
    ['我的快递到底什么时候到？'],
    ['你们又发错了！！'],
    ['Where is my parcel??'],
    ['质量太差了，我要差评'],
  ])('%s stays under the threshold', (text) => {
    const { assessment, verdict: v } = judge(text)
    expect(assessment.angry).toBe(false)
    expect(assessment.angerScore).toBeLessThan(RULES.angerThreshold)
    expect(v.reasons).not.toContain('anger')
  })

  it('the threshold is configurable', () => {
    const strict = { ...RULES, angerThreshold: 1 }
    expect(judge('annoying', 0, strict).verdict.reasons).toEqual(['anger'])
  })

  it('shouting counts up to maxWords, known names never', () => {
    expect(assess(RULES, 'WHERE IS MY ORDER').matched).toEqual(['caps:WHERE', 'caps:ORDER'])
    expect(assess(RULES, 'sent by USPS, FEDEX tomorrow').angerScore).toBe(0)
    const caps = { ...RULES.intensifiers.caps, maxWords: 1 }
    const one = { ...RULES, intensifiers: { ...RULES.intensifiers, caps } }
    expect(assess(one, 'WHERE IS MY ORDER').angerScore).toBe(1)
  })
})

describe('level 1: abuse', () => {
  it('flags insults separately from anger', () => {
    const { assessment, verdict: v } = judge('你们是垃圾客服')
    expect(assessment.abusive).toBe(true)
    expect(assessment.angry).toBe(false)
    expect(v).toEqual({ level: 1, reasons: ['abuse'], summary: 'abuse: 垃圾客服' })
  })

  it.each([
    ['傻逼'],
    ['滚'],
    ['你给我滚！'],
    ['你们这群脑残'],
    ['you idiots'],
    ['you guys are useless'],
    ['fuck you'],
    ['shut up and give me my money'],
  ])('%s is abusive', (text) => {
    const { assessment, verdict: v } = judge(text)
    expect(assessment.abusive).toBe(true)
    expect(v.reasons).toContain('abuse')
  })

  it('product words that contain insults are not abuse', () => {
    expect(judge('滚筒洗衣机有货吗').assessment.abusive).toBe(false)
    expect(judge('你们滚筒洗衣机有货吗').assessment.abusive).toBe(false)
    expect(judge('垃圾袋多少钱一卷').assessment.abusive).toBe(false)
    expect(judge('sorry, stupid question: do you ship to Canada?').assessment.abusive).toBe(false)
    expect(judge('this product is useless').assessment.abusive).toBe(false)
  })

  it('abuse with a legal threat is level 2 and still says abuse', () => {
    const { verdict: v } = judge('傻逼客服，我要起诉你们')
    expect(v.level).toBe(2)
    expect(v.reasons).toEqual(['legal', 'abuse'])
    expect(v.summary).toBe('legal: 起诉; abuse: 傻逼')
  })
})

describe('a request for a person is noticed but is no incident', () => {
  it.each([
    ['can I talk to a real person'],
    ['转人工'],
    ['人工'],
    ['我要人工客服'],
    ['找你们经理来'],
    ['你是机器人吗'],
    ['hello, is there a human agent?'],
    ['I need your manager'],
    ['agent'],
  ])('%s', (text) => {
    const { assessment, verdict: v } = judge(text)
    expect(assessment.wantsHuman).toBe(true)
    expect(v.level).toBe(0)
    expect(v.reasons).toEqual([])
  })

  it('openers and product words are not a human request', () => {
    for (const text of ['客服在吗', '有人吗', '真人实拍图有吗', "I'm a manager at a company"]) {
      expect(judge(text).assessment.wantsHuman).toBe(false)
    }
  })
})

describe('level 1: repeat complaints', () => {
  it('the third complaint escalates with the default threshold 2', () => {
    expect(judge('还没发货', 2).verdict.level).toBe(0)
    const { verdict: v } = judge('还没发货', 3)
    expect(v).toEqual({
      level: 1,
      reasons: ['repeat_complaint'],
      summary: 'repeat complaint: 3 over 2',
    })
  })

  it('recognises complaint wording in both languages', () => {
    for (const text of ['我要投诉你们', '怎么还没到', '发错货了', 'the item arrived broken']) {
      expect(judge(text).assessment.complaint).toBe(true)
    }
    expect(judge('什么时候发货').assessment.complaint).toBe(false)
  })
})

describe('level 0', () => {
  it.each([
    ['什么时候发货'],
    ['thanks, that helps'],
    ['这件衣服有M码吗？'],
    ['Do you ship to Germany?'],
    ['好的，谢谢'],
    ['我的订单202611230001什么时候到'],
  ])('%s', (text) => {
    const { assessment, verdict: v } = judge(text)
    expect(v).toEqual({ level: 0, reasons: [], summary: 'no escalation signal' })
    expect(assessment.angerScore).toBe(0)
  })
})

describe('verdict', () => {
  it('lists level 2 reasons first, then level 1 ones', () => {
    const { verdict: v } = judge(
      '你们这帮骗子！！！我要找律师，还要发微博曝光，赔我5000元，不然等着瞧',
      3
    )
    expect(v.level).toBe(2)
    expect(v.reasons).toEqual([
      'legal',
      'media',
      'compensation',
      'threat',
      'repeat_complaint',
      'anger',
    ])
    expect(v.summary).toContain('legal: 律师; media: ')
    expect(v.summary).toContain('compensation CNY 5000 over 300')
  })

  it('matches the summary format of the brief', () => {
    const { verdict: v } = judge('我要找律师，打12315，赔偿2000元')
    expect(v.summary).toBe('legal: 律师, 12315; compensation CNY 2000 over 300')
  })
})

describe('assess', () => {
  it('is pure and caches compiled patterns per rules object', () => {
    const first = assess(RULES, '我要找律师')
    expect(assess(RULES, '我要找律师')).toEqual(first)
  })

  it('skips patterns that do not compile instead of throwing', () => {
    const broken = {
      ...RULES,
      lexicon: { ...RULES.lexicon, legal: ['(unclosed', '律师'] },
    }
    expect(assess(broken, '我要找律师').legal).toEqual(['律师'])
  })

  it('uses the default currency for bare amounts', () => {
    const usd = { ...RULES, defaultCurrency: 'USD' }
    expect(assess(usd, 'compensate me 80').compensation).toEqual([
      { amount: 80, currency: 'USD', text: '80' },
    ])
  })

  it('reads only the start of very long texts', () => {
    const long = `${'好'.repeat(5000)}我要找律师`
    expect(assess(RULES, long).legal).toEqual([])
  })
})
