import type { FlowPack } from '../flows/types'
import { understand } from '../flows/understand'

/** What free text means in the flow: an intent (with its step) or a knowledge-base entry. */
export interface Interpretation {
  label: string
  /** 1 for an explicit rule, else the classifier's share. */
  confidence: number
  step?: string
  entry?: string
}

/**
 * Routes free text to an intent or a knowledge entry: the flow's regex overrides first, then the
 * classifier trained on the flow's examples and the knowledge base's questions; null when nothing
 * is confident enough (the fallback asks again).
 */
export const interpret = (pack: FlowPack, text: string): Interpretation | null => {
  if (!text.trim()) return null
  const found = understand(pack.flow, pack.knowledge, text)
  return found
    ? {
        label: found.label,
        confidence: found.confidence,
        ...(found.step ? { step: found.step } : {}),
        ...(found.entry ? { entry: found.entry } : {}),
      }
    : null
}
