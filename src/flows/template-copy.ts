import type { TemplateButton, TemplateDoc } from './types'

// Builders the bundled copy is written with (default-templates-*.ts).

/** A bundled template's text and buttons, before it gets its id and version. */
export type TemplateSource = Pick<TemplateDoc, 'locales' | 'buttons'>

/** Lines of one message, joined. */
export const lines = (...parts: string[]) => parts.join('\n')

/** A button with its zh-CN and en labels. */
export const button = (id: string, zh: string, en: string): TemplateButton => ({
  id,
  labels: { 'zh-CN': zh, en },
})

/** A template's zh-CN and en text, and its buttons if any. */
export const template = (zh: string, en: string, buttons?: TemplateButton[]): TemplateSource => ({
  locales: { 'zh-CN': zh, en },
  ...(buttons ? { buttons } : {}),
})

/** The "talk to a person" button. */
export const HUMAN = button('human', '转人工', 'Talk to a person')
/** A yes and a no button with the given labels ([zh-CN, en]). */
export const YES_NO = (yes: [string, string], no: [string, string]) => [
  button('confirm.yes', ...yes),
  button('confirm.no', ...no),
]

/** The main topics, offered as buttons at the start and whenever the bot is lost. */
export const TOPICS: TemplateButton[] = [
  button('topic.presale', '商品咨询', 'Product question'),
  button('topic.order', '查询/修改订单', 'Order status / change'),
  button('topic.logistics', '物流问题', 'Delivery problem'),
  button('topic.return', '退换货/售后', 'Returns & after-sale'),
  button('topic.complaint', '投诉建议', 'Complaint'),
  button('topic.payment', '付款问题', 'Payment'),
  HUMAN,
]
