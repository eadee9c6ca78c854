import { INTENT_EXAMPLES } from './training/examples'
import type { IntentRule } from './types'

const r = String.raw

const rule = (id: string, step: string, patterns: IntentRule['patterns'] = {}): IntentRule => ({
  id,
  step,
  patterns,
  examples: INTENT_EXAMPLES[id] ?? {},
})

// Trailing particles, punctuation and emoji a bare greeting or thanks may end with.
const ZH_TAIL = r`[\s,，.。!！~～?？呀啊呢吗哈嘛哦]*`
const EN_TAIL = r`[\s,.!?~]*`

/**
 * The bundled flow's intent rules. The classifier, trained on each rule's `examples`, does the
 * routing; `patterns` are only the few high-precision overrides (tried first, in order): legal
 * and media threats, explicit requests for a person, bare greetings and bare thanks.
 */
export const DEFAULT_INTENTS: IntentRule[] = [
  rule('complaint', 'complaint', {
    'zh-CN': [
      '投诉|12315|12345热线|消协|消费者协会|工商局|市场监管|律师|起诉|法院|告你们|曝光|媒体|记者',
      // A review already given (or about to be) is followed up like a complaint (handbook: reviews).
      '(给|打|写|留)(了|个)?(差评|中评|一星|1星)|差评',
    ],
    en: [
      r`\b(lawyer|attorney|solicitor|sue|suing|lawsuit|legal action|court)\b`,
      r`\b(file|make|lodge|raise) an? (formal )?complaint\b|\bcomplaint against\b`,
      r`\b(consumer protection|trading standards|better business bureau|bbb|the press|journalists?)\b`,
      r`\b(1|one)[- ]star\b|\b(bad|negative|terrible) review\b`,
    ],
  }),
  rule('human', 'human', {
    'zh-CN': [
      '人工|真人|活人|机器人|转接|人呢|有没有人(回|理|管)',
      '(找|叫|要|联系|呼叫|接通)(一下|个|你们)?客服|^客服[?？!！。]*$',
    ],
    en: [
      r`\bhumans?\b|\breal (person|people)\b|\bactual person\b|\blive (agent|person|chat|support)\b`,
      r`\b(talk|speak|chat)( to| with)? (someone|somebody|a person|a (real |live )?(agent|operator|representative)|(a|your) staff( member)?)\b`,
      r`\b(are you|is this) a (bot|robot)\b|\bnot (a|the|your) bot\b`,
    ],
  }),
  rule('hello', 'start', {
    'zh-CN': [
      r`^\s*(亲+|你好|您好|你们好|哈喽|嗨|早|早上好|中午好|下午好|晚上好|hello|hi|在吗|在不在|在么|有人吗|有人在吗)${ZH_TAIL}$`,
    ],
    en: [
      r`^\s*(hi|hello|hey|hiya|heya|yo|good (morning|afternoon|evening)|morning|evening|anyone (there|here)|are you there)( there| all| team| guys)?${EN_TAIL}$`,
    ],
  }),
  rule('thanks', 'farewell', {
    'zh-CN': [
      r`^\s*(?:(?:好的?|嗯|ok|行)[\s,，。.!！~～]*)*(非常|太)?(谢谢|感谢|多谢|谢了|谢啦|辛苦了|辛苦啦|拜拜|再见)(你|您|亲|啦|了|哈|客服|你们)?${ZH_TAIL}(拜拜|再见)?${ZH_TAIL}$`,
    ],
    en: [
      r`^\s*(ok(ay)?|great|perfect|cool)?[\s,.!]*(thanks|thank you|thx|cheers|bye|goodbye)( (so|very) much| a lot)?${EN_TAIL}(bye|goodbye)?${EN_TAIL}$`,
    ],
  }),
  rule('aftersale', 'aftersale'),
  rule('presale', 'presale'),
  rule('compare', 'compare'),
  rule('logistics', 'logistics'),
  rule('payment', 'payment'),
  rule('order', 'order'),
  // "I have a question", "咨询一下": no topic yet, so the `more` step invites the question.
  rule('ask', 'more'),
  rule('ack', 'ack'),
]
