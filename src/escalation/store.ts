import { kvDoc } from '../lib/kv-doc'
import { DEFAULT_ESCALATION_RULES } from './default-rules'
import { escalationRulesSchema } from './schema'
import type { EscalationRules } from './types'

/** The KV key (namespace `CONFIG`) of the escalation policy. */
export const ESCALATION_RULES_KEY = 'policy:escalation'

// One isolate serves many conversations; rereading KV per message would cost a read each.
// Keeping the same object also keeps the compiled regexes (cached per rules object) warm.
const doc = kvDoc(ESCALATION_RULES_KEY, escalationRulesSchema, DEFAULT_ESCALATION_RULES)

/** The escalation policy from KV, validated; the bundled defaults when absent or invalid. */
export const readEscalationRules = (kv: KVNamespace, now?: number): Promise<EscalationRules> =>
  doc.read(kv, now)

/** Stores a validated policy and drops this isolate's cached copy (others refresh within 30 s). */
export const writeEscalationRules = (kv: KVNamespace, rules: EscalationRules): Promise<void> =>
  doc.write(kv, rules)
