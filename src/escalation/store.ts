import { DEFAULT_ESCALATION_RULES } from './default-rules'
import { escalationRulesSchema } from './schema'
import type { EscalationRules } from './types'

/** The KV key (namespace `FLOWS`) of the escalation policy. */
export const ESCALATION_RULES_KEY = 'policy:escalation'

/** How long an isolate reuses the policy it read before reading KV again. */
export const ESCALATION_RULES_TTL_MS = 30_000

// One isolate serves many conversations; rereading KV per message would cost a read each.
// Keeping the same object also keeps the compiled regexes (cached per rules object) warm.
let cache: { rules: EscalationRules; at: number } | null = null

/** The escalation policy from KV, validated; the bundled defaults when absent or invalid. */
export const readEscalationRules = async (
  kv: KVNamespace,
  now: number = Date.now()
): Promise<EscalationRules> => {
  if (cache && now - cache.at >= 0 && now - cache.at < ESCALATION_RULES_TTL_MS) return cache.rules
  let rules: EscalationRules
  try {
    const parsed = escalationRulesSchema.safeParse(await kv.get(ESCALATION_RULES_KEY, 'json'))
    rules = parsed.success ? parsed.data : DEFAULT_ESCALATION_RULES
  } catch {
    // Unparseable JSON or a failed read: conversations keep running on what they had.
    rules = cache?.rules ?? DEFAULT_ESCALATION_RULES
  }
  cache = { rules, at: now }
  return rules
}

/** Stores a validated policy and drops this isolate's cached copy (others refresh within 30 s). */
export const writeEscalationRules = async (
  kv: KVNamespace,
  rules: EscalationRules
): Promise<void> => {
  await kv.put(ESCALATION_RULES_KEY, JSON.stringify(rules))
  cache = null
}
