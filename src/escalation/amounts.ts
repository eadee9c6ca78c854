import type { DemandedAmount } from './types'

// Amounts of money in customer text ('赔我2000块', 'refund me $30', '一万五'), and which of them a
// demand word asks for. Pure parsing: how much a demand weighs is decided in assess.ts.

// Characters allowed between a demand word and its amount ('赔偿这次的损失共计2000元').
const DEMAND_WINDOW = 24
// An amount without a currency counts only right after a demand word ('赔偿500', 'refund me 30').
const BARE_WINDOW = 4
// Longer digit runs are order or tracking numbers, not money.
const MAX_INTEGER_DIGITS = 9
// A sentence or clause break unlinks a demand word from an amount ('我要退款，这个399元的东西').
const CLAUSE_BREAK = /[,，。.!！?？;；\n]/u
// After an amount without a currency these units mean it isn't money ('退款3天了').
const NOT_MONEY = new RegExp(
  '^\\s*(?:天|日|号|月|年|个|件|次|小时|分钟|周|星期|%|' +
    '(?:days?|hours?|weeks?|months?|times?|items?|pcs|orders?)(?![a-z]))',
  'iu'
)
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?`
const ZH_NUMBER = '[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*'
const PREFIX = String.raw`US\$|HK\$|\$|¥|€|£|(?<![a-z])(?:RMB|CNY|USD|EUR|GBP|HKD)`
const MULTIPLIER = '[千万]|k(?![a-z])'
const SUFFIX =
  '块钱|块|元|圆|人民币|美元|美金|欧元|英镑|港币|港元|' +
  '(?:rmb|cny|yuan|usd|dollars?|bucks|eur|euros?|gbp|pounds?|hkd)(?![a-z])'
const AMOUNT = new RegExp(
  `(?:(${PREFIX})\\s*|(?<![a-z0-9.,]))(${NUMBER}|${ZH_NUMBER})(?:\\s*(${MULTIPLIER}))?` +
    `(?:\\s*(${SUFFIX}))?`,
  'giu'
)

const CURRENCY_WORDS: Record<string, string> = {
  us$: 'USD',
  hk$: 'HKD',
  $: 'USD',
  '¥': 'CNY',
  '€': 'EUR',
  '£': 'GBP',
  rmb: 'CNY',
  cny: 'CNY',
  usd: 'USD',
  eur: 'EUR',
  gbp: 'GBP',
  hkd: 'HKD',
  块钱: 'CNY',
  块: 'CNY',
  元: 'CNY',
  圆: 'CNY',
  人民币: 'CNY',
  yuan: 'CNY',
  美元: 'USD',
  美金: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  欧元: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  英镑: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  港币: 'HKD',
  港元: 'HKD',
}

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const ZH_SECTIONS: Record<string, number> = { 万: 1e4, 亿: 1e8 }

interface Span {
  start: number
  end: number
}

/** Fullwidth digits and currency signs from Chinese input methods, as ASCII; length-preserving. */
export const normalizeNumerals = (text: string): string =>
  text
    .replace(/[\uFF10-\uFF19]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\uFFE5/gu, '¥')
    .replace(/\uFF04/gu, '$')
    .replace(/(?<=\d)\uFF0E(?=\d)/gu, '.')
    .replace(/(?<=\d)\uFF0C(?=\d{3}(?!\d))/gu, ',')

/** Chinese numerals: '两千' 2000, '一万五' 15000, '一千零五' 1005, '十' 10. */
const parseChineseNumber = (text: string): number => {
  let total = 0
  let section = 0
  let digit = 0
  let lastUnit = 1
  let zero = false
  for (const ch of text) {
    const d = ZH_DIGITS[ch]
    const unit = ZH_UNITS[ch]
    const big = ZH_SECTIONS[ch]
    if (d !== undefined) {
      if (d === 0) zero = true
      digit = d
    } else if (unit !== undefined) {
      section += (digit || 1) * unit
      digit = 0
      lastUnit = unit
      zero = false
    } else if (big !== undefined) {
      total += (section + digit) * big
      section = 0
      digit = 0
      lastUnit = big
      zero = false
    }
  }
  // Colloquial '一千五' is 1500: a trailing digit right after a unit counts one unit lower.
  const tail = !zero && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit
  return total + section + tail
}

interface FoundAmount extends DemandedAmount, Span {
  /** Written with a currency sign or word. */
  marked: boolean
}

/** Every amount of money written in the text, with where it stands. */
const amountsIn = (text: string, defaultCurrency: string): FoundAmount[] => {
  const found: FoundAmount[] = []
  for (const m of text.matchAll(AMOUNT)) {
    const [raw, prefix, number = '', multiplier, suffix] = m
    const start = m.index
    const end = start + raw.length
    const arabic = /^\d/u.test(number)
    const integerDigits = (number.split('.')[0] ?? '').replace(/,/gu, '').length
    if (arabic && integerDigits > MAX_INTEGER_DIGITS) continue
    const currencyWord = (prefix ?? suffix)?.toLowerCase()
    const marked = currencyWord !== undefined
    // A lone '一' or '三' is a word ('一直', '退一赔三'); Chinese numerals need a unit or currency.
    if (!arabic && !marked && !/[十百千万亿]/u.test(number)) continue
    if (!marked && NOT_MONEY.test(text.slice(end))) continue
    const base = arabic ? Number(number.replace(/,/gu, '')) : parseChineseNumber(number)
    const factor = !multiplier ? 1 : multiplier === '万' ? 1e4 : 1e3
    const amount = Math.round(base * factor * 100) / 100
    if (!Number.isFinite(amount) || amount <= 0) continue
    const currency = (currencyWord && CURRENCY_WORDS[currencyWord]) || defaultCurrency
    found.push({ amount, currency, text: raw.trim(), marked, start, end })
  }
  return found
}

/** True when `to` follows `from` within `window` characters, in the same clause. */
const linked = (text: string, from: number, to: number, window: number): boolean =>
  to >= from && to - from <= window && !CLAUSE_BREAK.test(text.slice(from, to))

/**
 * Amounts demanded as compensation: those after a demand word ('赔我2000块', 'refund me $30');
 * when there are none, those just before one ('$100 in compensation').
 */
export const demandedAmounts = (
  demand: readonly RegExp[],
  text: string,
  defaultCurrency: string
): { amounts: DemandedAmount[]; words: string[] } => {
  const demands: Span[] = demand.flatMap((re) =>
    [...text.matchAll(re)]
      .filter((m) => m[0] !== '')
      .map((m) => ({ start: m.index, end: m.index + m[0].length }))
  )
  if (demands.length === 0) return { amounts: [], words: [] }
  const amounts = amountsIn(text, defaultCurrency)
  const after = amounts.filter((a) =>
    demands.some((d) => linked(text, d.end, a.start, a.marked ? DEMAND_WINDOW : BARE_WINDOW))
  )
  const before = amounts.filter(
    (a) => a.marked && demands.some((d) => linked(text, a.end, d.start, DEMAND_WINDOW))
  )
  const chosen = after.length > 0 ? after : before
  const words = [...new Set(demands.map((d) => text.slice(d.start, d.end)))]
  const demanded: DemandedAmount[] = chosen.map((a) => ({
    amount: a.amount,
    currency: a.currency,
    text: a.text,
  }))
  return { amounts: demanded, words }
}
