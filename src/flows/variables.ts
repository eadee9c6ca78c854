import type { Locale } from './types'

/** How a variable's value is checked and formatted. */
export type VariableType = 'text' | 'number' | 'order_id' | 'phone'

/** One entry of the variable registry. */
export interface VariableSpec {
  type: VariableType
  description: string
  example: string
  /** Rendered when the conversation has no value and the placeholder has no `|default`. */
  defaults: Record<Locale, string>
}

/** Every variable a template may mention as `{{name}}`; anything else is rejected at publish. */
export const VARIABLES = {
  'shop.name': {
    type: 'text',
    description: "The shop's display name, from configuration.",
    example: '小鹿家居',
    defaults: { 'zh-CN': '本店', en: 'our shop' },
  },
  'file.kind': {
    type: 'text',
    description:
      'What the customer just sent: a picture, a video, a voice message or a file (set when a message carries one).',
    example: '图片',
    defaults: { 'zh-CN': '图片', en: 'picture' },
  },
  'customer.name': {
    type: 'text',
    description: "The customer's name or nickname as the chat platform reports it; often missing.",
    example: '王小明',
    defaults: { 'zh-CN': '', en: '' },
  },
  'order.id': {
    type: 'order_id',
    description: 'The order number the customer gave (captured from their text).',
    example: '202611230001',
    defaults: { 'zh-CN': '（未提供订单号）', en: '(no order number yet)' },
  },
  'customer.phone': {
    type: 'phone',
    description: 'The phone number the customer gave (captured from their text).',
    example: '13800138000',
    defaults: { 'zh-CN': '（未提供电话）', en: '(no phone number yet)' },
  },
  'return.days': {
    type: 'number',
    description: 'Days after delivery in which a no-reason return is accepted.',
    example: '7',
    defaults: { 'zh-CN': '7', en: '7' },
  },
  'agent.name': {
    type: 'text',
    description: 'The name of the human agent who owns the conversation.',
    example: '小林',
    defaults: { 'zh-CN': '客服同事', en: 'a colleague' },
  },
  'reply.minutes': {
    type: 'number',
    description: 'How many minutes a human usually takes to reply during staffed hours.',
    example: '10',
    defaults: { 'zh-CN': '10', en: '10' },
  },
  'hours.open': {
    type: 'text',
    description: 'Staffed hours, as shown to customers.',
    example: '09:00-23:30',
    defaults: { 'zh-CN': '09:00-23:30', en: '09:00-23:30' },
  },
  'hours.next': {
    type: 'text',
    description:
      "When people are next at work, in the customer's language and the shop's time zone.",
    example: 'tomorrow at 09:00',
    defaults: { 'zh-CN': '明天上班后', en: 'when we are back' },
  },
  'due.time': {
    type: 'text',
    description: 'When the shop has promised an answer or a solution (the running SLA target).',
    example: 'today at 17:00',
    defaults: { 'zh-CN': '尽快', en: 'as soon as possible' },
  },
  'reply.within': {
    type: 'text',
    description:
      "When a person will reply, from the SLA policy and the staffed calendar: 'within 5 minutes' on shift, else a time like 'by 09:05 tomorrow'.",
    example: 'within 5 minutes',
    defaults: { 'zh-CN': '尽快', en: 'as soon as possible' },
  },
  'reply.by': {
    type: 'text',
    description:
      "The time a person will have replied by, always inside staffed hours ('by 09:05 tomorrow').",
    example: 'by 09:05 tomorrow',
    defaults: { 'zh-CN': '尽快', en: 'as soon as possible' },
  },
  'resolve.by': {
    type: 'text',
    description:
      'The time the shop has promised a solution by (the resolution target), inside staffed hours.',
    example: 'by 13:00 tomorrow',
    defaults: { 'zh-CN': '尽快', en: 'as soon as possible' },
  },
  'hours.back': {
    type: 'text',
    description:
      "When people are back at work, for a message sent while nobody is staffed ('at 09:00 tomorrow').",
    example: 'at 09:00 tomorrow',
    defaults: { 'zh-CN': '上班后', en: 'when we are back' },
  },
  'customer.question': {
    type: 'text',
    description:
      "The customer's question in their own words (the message being answered), shortened.",
    example: '这件外套有黑色M码吗',
    defaults: { 'zh-CN': '您的问题', en: 'your question' },
  },
  'customer.need': {
    type: 'text',
    description:
      "The customer's need restated in one line ('您想知道黑色 M 码有没有货'), or their question quoted when it can't be.",
    example: "you'd like to know which size would fit you at 175 cm and 70 kg",
    defaults: { 'zh-CN': '您想了解的问题', en: 'your question' },
  },
  'customer.details': {
    type: 'text',
    description:
      'Facts the customer gave (height, weight, size, colour), as a short list; empty when none.',
    example: '身高 170cm、体重 60kg',
    defaults: { 'zh-CN': '', en: '' },
  },
  'order.status': {
    type: 'text',
    description:
      "An order's latest status from the shop's order events, in the customer's language.",
    example: 'paid, being prepared for dispatch',
    defaults: { 'zh-CN': '处理中', en: 'being processed' },
  },
  'order.tracking': {
    type: 'text',
    description: 'The tracking number of a shipped order (from an order.shipped event).',
    example: 'SF1234567890',
    defaults: { 'zh-CN': '（物流单号稍后更新）', en: '(tracking number to follow)' },
  },
  'order.carrier': {
    type: 'text',
    description: 'The carrier of a shipped order (from an order.shipped event).',
    example: '顺丰速运',
    defaults: { 'zh-CN': '快递公司', en: 'the carrier' },
  },
  'ticket.id': {
    type: 'text',
    description: 'The number of the work order the message is about.',
    example: 'T-7KQ2MX',
    defaults: { 'zh-CN': '您的工单', en: 'your request' },
  },
  'ticket.category': {
    type: 'text',
    description: "The work order's category in the customer's language.",
    example: 'Logistics anomaly',
    defaults: { 'zh-CN': '问题', en: 'problem' },
  },
  'ticket.due': {
    type: 'text',
    description: "When the work order is to be resolved, in staffed hours ('today at 17:00').",
    example: 'tomorrow at 12:00',
    defaults: { 'zh-CN': '尽快', en: 'as soon as we can' },
  },
  'ticket.missing': {
    type: 'text',
    description:
      'What the customer still has to send before the work order can go ahead (order number, phone number, ...).',
    example: 'your order number and a phone number we can call',
    defaults: { 'zh-CN': '相关信息', en: 'a few details' },
  },
} as const satisfies Record<string, VariableSpec>

/** A name of the registry. */
export type VariableName = keyof typeof VARIABLES

/** Longest text value kept, in characters (code points). */
export const MAX_TEXT_VALUE = 200

const MAX_LENGTH: Record<VariableType, number> = {
  text: MAX_TEXT_VALUE,
  number: 32,
  order_id: 64,
  phone: 32,
}

/** Is `name` in the registry (own key only, so `constructor` and friends are unknown)? */
export const isKnownVariable = (name: string): name is VariableName =>
  Object.hasOwn(VARIABLES, name)

/** The registry entry of a name, or undefined. */
export const variableSpec = (name: string): VariableSpec | undefined =>
  isKnownVariable(name) ? VARIABLES[name] : undefined

/** The registry default of a variable in a locale (Chinese tags get zh-CN, others en). */
export const variableDefault = (name: string, locale: string): string => {
  const spec = variableSpec(name)
  if (!spec) return ''
  return /^zh(?:-|$)/i.test(locale) ? spec.defaults['zh-CN'] : spec.defaults.en
}

// Line breaks become spaces so a value can't restructure the message; bidi overrides and other
// control characters are dropped because they can disguise text (names come from platforms).
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g
const CONTROLS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

const clean = (value: string, max: number): string => {
  const flat = value.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').trim()
  const chars = Array.from(flat)
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() : flat
}

const numberFormats = new Map<string, Intl.NumberFormat>()

const numberFormat = (locale: string): Intl.NumberFormat => {
  let format = numberFormats.get(locale)
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
    } catch {
      // A malformed tag from a platform hint must not break a reply.
      format = new Intl.NumberFormat('en', { maximumFractionDigits: 2 })
    }
    if (numberFormats.size < 32) numberFormats.set(locale, format)
  }
  return format
}

/** A value as it appears in a message: numbers grouped per locale, text cleaned and capped. */
export const formatValue = (type: VariableType, value: string | number, locale: string): string => {
  if (type === 'number') {
    const n = typeof value === 'number' ? value : Number(clean(value, MAX_TEXT_VALUE))
    const blank = typeof value === 'string' && value.trim() === ''
    if (Number.isFinite(n) && !blank) return numberFormat(locale).format(n)
  }
  return clean(String(value), MAX_LENGTH[type])
}
