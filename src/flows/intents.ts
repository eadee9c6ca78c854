import type { Capture, FlowDoc, IntentRule } from './types'

/** An intent rule with its patterns compiled (all locales together). */
export interface CompiledRule {
  rule: IntentRule
  patterns: RegExp[]
}

interface CompiledFlow {
  updatedAt: string
  rules: CompiledRule[]
  /** Step id -> [action id, patterns], compiled on first use. */
  replies: Map<string, [string, RegExp[]][]>
}

/** What intent matching needs of a flow. */
type RulesLike = Pick<FlowDoc, 'id' | 'version' | 'updatedAt' | 'intents'>
type FlowLike = RulesLike & Pick<FlowDoc, 'steps'>

// Published versions are immutable, so a warm isolate compiles each version once. The bounds
// keep a long-lived isolate that sees many versions (or drafts being previewed) from growing.
const MAX_FLOWS = 64
const MAX_PATTERNS = 512
// Customers paste long texts; admin-written patterns only need the start of one.
const MAX_INPUT = 2000

const flows = new Map<string, CompiledFlow>()
const patterns = new Map<string, RegExp | null>()

const remember = <K, V>(cache: Map<K, V>, max: number, key: K, value: V): V => {
  if (cache.size >= max) {
    const oldest = cache.keys().next()
    if (!oldest.done) cache.delete(oldest.value)
  }
  cache.set(key, value)
  return value
}

/** A pattern source compiled with flags `iu`, or null when it doesn't compile (never throws). */
export const compilePattern = (source: string): RegExp | null => {
  if (patterns.has(source)) return patterns.get(source) ?? null
  let compiled: RegExp | null
  try {
    compiled = new RegExp(source, 'iu')
  } catch {
    compiled = null
  }
  return remember(patterns, MAX_PATTERNS, source, compiled)
}

const compileAll = (byLocale: Record<string, string[]>): RegExp[] =>
  Object.values(byLocale)
    .flat()
    .flatMap((source) => {
      const compiled = compilePattern(source)
      return compiled ? [compiled] : []
    })

const compiledFlow = (flow: RulesLike): CompiledFlow => {
  const key = `${flow.id}@${flow.version}`
  const cached = flows.get(key)
  // updatedAt guards against two different docs under one key (an unpublished draft, a test).
  if (cached && cached.updatedAt === flow.updatedAt) return cached
  const rules = flow.intents.map((rule) => ({ rule, patterns: compileAll(rule.patterns) }))
  return remember(flows, MAX_FLOWS, key, { updatedAt: flow.updatedAt, rules, replies: new Map() })
}

/** The flow's intent rules with compiled patterns, cached per `${id}@${version}`. */
export const compileRules = (flow: RulesLike): CompiledRule[] => compiledFlow(flow).rules

// Chinese input methods often type fullwidth forms (＃１２３, 订单号：): the text is tried as
// typed and, when different, in NFKC form.
const candidates = (text: string): string[] => {
  const clipped = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text
  const normal = clipped.normalize('NFKC')
  return normal === clipped ? [clipped] : [clipped, normal]
}

const anyMatch = (regexes: RegExp[], texts: string[]): boolean =>
  regexes.some((re) => texts.some((t) => re.test(t)))

/** The first intent rule whose pattern (in any locale) matches the text, or null. */
export const matchIntent = (flow: RulesLike, text: string): IntentRule | null => {
  if (text.trim() === '') return null
  const texts = candidates(text)
  return compiledFlow(flow).rules.find((c) => anyMatch(c.patterns, texts))?.rule ?? null
}

/** The value a capture takes from the text (group 1, else the whole match, trimmed), or null. */
export const matchCapture = (capture: Pick<Capture, 'pattern'>, text: string): string | null => {
  const re = compilePattern(capture.pattern)
  if (!re) return null
  for (const t of candidates(text)) {
    const m = re.exec(t)
    const value = (m?.[1] ?? m?.[0])?.trim()
    if (value) return value
  }
  return null
}

/** The action id a typed answer stands for at a step (its `replies`), or null. */
export const matchReply = (flow: FlowLike, stepId: string, text: string): string | null => {
  const step = Object.hasOwn(flow.steps, stepId) ? flow.steps[stepId] : undefined
  if (!step?.replies || text.trim() === '') return null
  const compiled = compiledFlow(flow)
  let replies = compiled.replies.get(stepId)
  if (!replies) {
    replies = Object.entries(step.replies).map(([id, byLocale]) => [id, compileAll(byLocale)])
    compiled.replies.set(stepId, replies)
  }
  const texts = candidates(text)
  return replies.find(([, regexes]) => anyMatch(regexes, texts))?.[0] ?? null
}
