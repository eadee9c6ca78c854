import { demandedAmounts, normalizeNumerals } from './amounts'
import type {
  Assessment,
  EscalationCounters,
  EscalationReason,
  EscalationRules,
  Verdict,
  WeightedTerm,
} from './types'

// Customers paste long texts (order lists, chat logs); the start carries the tone, and the bound
// keeps admin-written patterns cheap.
const MAX_INPUT = 4000
// All-caps tokens that are names, not shouting.
const CAPS_IGNORE = new Set(['USPS', 'FEDEX', 'ARAMEX', 'HTTP', 'HTTPS', 'IPHONE', 'IPAD', 'XXXL'])

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

/** What one customer message shows under the rules: anger score, abuse, legal/media risk... */
export const assess = (rules: EscalationRules, text: string): Assessment => {
  const compiled = compile(rules)
  const input = normalizeNumerals(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text)

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
  const demanded = demandedAmounts(compiled.demand, input, rules.defaultCurrency)

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
