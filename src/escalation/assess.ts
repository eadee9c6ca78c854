import type {
  Assessment,
  DemandedAmount,
  EscalationCounters,
  EscalationReason,
  EscalationRules,
  Verdict,
  WeightedTerm,
} from './types'

// Customers paste long texts (order lists, chat logs); the start carries the tone, and the bound
// keeps admin-written patterns cheap.
const MAX_INPUT = 4000
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
// All-caps tokens that are names, not shouting.
const CAPS_IGNORE = new Set(['USPS', 'FEDEX', 'ARAMEX', 'HTTP', 'HTTPS', 'IPHONE', 'IPAD', 'XXXL'])

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

interface Weighted {
  re: RegExp
  weight: number
}

interface Compiled {
  anger: Weighted[]
  intensifiers: Weighted[]
  caps: RegExp
  abuse: RegExp[]
  human: RegExp[]
  complaint: RegExp[]
  legal: RegExp[]
  media: RegExp[]
  threat: RegExp[]
  /** Global: every occurrence is a place an amount may be linked to. */
  demand: RegExp[]
}

interface Span {
  start: number
  end: number
}

// Rules objects are immutable once read (the store caches them), so each compiles once.
const compiledRules = new WeakMap<EscalationRules, Compiled>()

/** A source compiled with the given flags, or null when it doesn't compile (never throws). */
const tryCompile = (source: string, flags: string): RegExp | null => {
  try {
    return new RegExp(source, flags)
  } catch {
    return null
  }
}

const compileList = (sources: readonly string[], flags = 'iu'): RegExp[] =>
  sources.flatMap((source) => tryCompile(source, flags) ?? [])

const compileWeighted = (terms: readonly WeightedTerm[]): Weighted[] =>
  terms.flatMap(({ term, weight }) => {
    const re = tryCompile(term, 'iu')
    return re ? [{ re, weight }] : []
  })

const compile = (rules: EscalationRules): Compiled => {
  const cached = compiledRules.get(rules)
  if (cached) return cached
  const { lexicon, intensifiers } = rules
  const minLetters = Math.max(2, Math.floor(intensifiers.caps.minLetters))
  const compiled: Compiled = {
    anger: compileWeighted(lexicon.anger),
    intensifiers: compileWeighted(intensifiers.terms),
    caps: new RegExp(`(?<![\\p{L}\\p{N}])\\p{Lu}{${minLetters},}(?![\\p{L}\\p{N}])`, 'gu'),
    abuse: compileList(lexicon.abuse),
    human: compileList(lexicon.human),
    complaint: compileList(lexicon.complaint),
    legal: compileList(lexicon.legal),
    media: compileList(lexicon.media),
    threat: compileList(lexicon.threat),
    demand: compileList(lexicon.compensation, 'giu'),
  }
  compiledRules.set(rules, compiled)
  return compiled
}

/** Fullwidth digits and currency signs from Chinese input methods, as ASCII; length-preserving. */
const normalize = (text: string): string =>
  text
    .replace(/[\uFF10-\uFF19]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\uFFE5/gu, '¥')
    .replace(/\uFF04/gu, '$')
    .replace(/(?<=\d)\uFF0E(?=\d)/gu, '.')
    .replace(/(?<=\d)\uFF0C(?=\d{3}(?!\d))/gu, ',')

/** The first non-empty match of each pattern, as written; matches inside longer ones dropped. */
const matchesOf = (patterns: readonly RegExp[], text: string): string[] => {
  const found = new Set<string>()
  for (const re of patterns) {
    const match = re.exec(text)?.[0].trim()
    if (match) found.add(match)
  }
  const hits = [...found]
  return hits.filter((hit) => !hits.some((other) => other !== hit && other.includes(hit)))
}

/** Sum of the weights of every distinct matching term, with what matched. */
const weigh = (terms: readonly Weighted[], text: string) => {
  let score = 0
  const hits: string[] = []
  for (const { re, weight } of terms) {
    const match = re.exec(text)?.[0]
    if (!match?.trim()) continue
    score += weight
    hits.push(match.trim())
  }
  return { score, hits }
}

/** Shouted words (ALL CAPS), at most `maxWords`. */
const shouted = (re: RegExp, text: string, maxWords: number): string[] =>
  [...text.matchAll(re)]
    .map((m) => m[0])
    .filter((word) => !CAPS_IGNORE.has(word))
    .slice(0, Math.max(0, maxWords))

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

const linked = (text: string, from: number, to: number, window: number): boolean =>
  to >= from && to - from <= window && !CLAUSE_BREAK.test(text.slice(from, to))

/**
 * Amounts demanded as compensation: those after a demand word ('赔我2000块', 'refund me $30');
 * when there are none, those just before one ('$100 in compensation').
 */
const demandedAmounts = (
  compiled: Compiled,
  text: string,
  defaultCurrency: string
): { amounts: DemandedAmount[]; words: string[] } => {
  const demands: Span[] = compiled.demand.flatMap((re) =>
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

/** What one customer message shows under the rules: anger score, abuse, legal/media risk... */
export const assess = (rules: EscalationRules, text: string): Assessment => {
  const compiled = compile(rules)
  const input = normalize(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text)

  const anger = weigh(compiled.anger, input)
  const boost = weigh(compiled.intensifiers, input)
  const caps = shouted(compiled.caps, input, rules.intensifiers.caps.maxWords)
  const score = anger.score + boost.score + caps.length * rules.intensifiers.caps.weight
  const angerScore = Math.round(score * 100) / 100

  const abuse = matchesOf(compiled.abuse, input)
  const human = matchesOf(compiled.human, input)
  const complaint = matchesOf(compiled.complaint, input)
  const legal = matchesOf(compiled.legal, input)
  const media = matchesOf(compiled.media, input)
  const threat = matchesOf(compiled.threat, input)
  const demanded = demandedAmounts(compiled, input, rules.defaultCurrency)

  const tag = (signal: string, hits: readonly string[]) => hits.map((hit) => `${signal}:${hit}`)
  return {
    angerScore,
    angry: angerScore >= rules.angerThreshold,
    abusive: abuse.length > 0,
    wantsHuman: human.length > 0,
    complaint: complaint.length > 0,
    legal,
    media,
    threat,
    compensation: demanded.amounts,
    matched: [
      ...tag('anger', anger.hits),
      ...tag('intensifier', boost.hits),
      ...tag('caps', caps),
      ...tag('abuse', abuse),
      ...tag('human', human),
      ...tag('complaint', complaint),
      ...tag('legal', legal),
      ...tag('media', media),
      ...tag('threat', threat),
      ...tag('compensation', demanded.amounts.length > 0 ? demanded.words : []),
      ...tag(
        'amount',
        demanded.amounts.map((a) => a.text)
      ),
    ],
  }
}

const hitsOf = (assessment: Assessment, signal: string): string[] =>
  assessment.matched
    .filter((m) => m.startsWith(`${signal}:`))
    .map((m) => m.slice(signal.length + 1))

/** Compensation demands above the threshold of their currency; unknown currencies never are. */
const overThreshold = (rules: EscalationRules, assessment: Assessment) =>
  assessment.compensation.flatMap((demand) => {
    const threshold = Object.hasOwn(rules.compensation, demand.currency)
      ? rules.compensation[demand.currency]
      : undefined
    return threshold !== undefined && demand.amount > threshold ? [{ ...demand, threshold }] : []
  })

/**
 * The escalation level for a message: 2 on legal, media, compensation over threshold or threats;
 * else 1 on repeat complaints, anger, abuse or a human request; else 0. Reasons list every
 * signal, level 2 first, so abuse still reaches the risk team at level 2.
 */
export const verdict = (
  rules: EscalationRules,
  assessment: Assessment,
  counters: EscalationCounters
): Verdict => {
  const reasons: EscalationReason[] = []
  const parts: string[] = []
  const add = (reason: EscalationReason, part: string) => {
    reasons.push(reason)
    parts.push(part)
  }

  if (assessment.legal.length > 0) add('legal', `legal: ${assessment.legal.join(', ')}`)
  if (assessment.media.length > 0) add('media', `media: ${assessment.media.join(', ')}`)
  const over = overThreshold(rules, assessment)
  if (over.length > 0) {
    const list = over.map((d) => `${d.currency} ${d.amount} over ${d.threshold}`).join(', ')
    add('compensation', `compensation ${list}`)
  }
  if (assessment.threat.length > 0) add('threat', `threat: ${assessment.threat.join(', ')}`)
  const level2 = reasons.length > 0

  if (counters.complaints > rules.repeatComplaintThreshold) {
    add(
      'repeat_complaint',
      `repeat complaint: ${counters.complaints} over ${rules.repeatComplaintThreshold}`
    )
  }
  if (assessment.angry) {
    add('anger', `anger score ${assessment.angerScore} reaches ${rules.angerThreshold}`)
  }
  if (assessment.abusive) add('abuse', `abuse: ${hitsOf(assessment, 'abuse').join(', ')}`)
  // Asking for a person is a handoff the flow performs, not an incident: it raises no level on its own.

  const level = level2 ? 2 : reasons.length > 0 ? 1 : 0
  return { level, reasons, summary: parts.length > 0 ? parts.join('; ') : 'no escalation signal' }
}
