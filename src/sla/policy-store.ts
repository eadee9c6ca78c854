import { kvDoc } from '../lib/kv-doc'
import { DEFAULT_SLA_POLICY, slaPolicySchema } from './policy'

/** The SLA policy in KV (`policy:sla`), defaulting to {@link DEFAULT_SLA_POLICY}. */
export const slaPolicyDoc = kvDoc('policy:sla', slaPolicySchema, DEFAULT_SLA_POLICY)
