import { INTENTS_EN } from './intents-en'
import { INTENTS_ZH } from './intents-zh'
import { KNOWLEDGE_EN } from './knowledge-en'
import { KNOWLEDGE_ZH } from './knowledge-zh'

/** Example phrases per label and locale: training data of the intent classifier, kept apart from the evaluation set. */
export type Examples = Record<string, Record<string, string[]>>

const byLocale = (zh: Record<string, string[]>, en: Record<string, string[]>): Examples =>
  Object.fromEntries(
    [...new Set([...Object.keys(zh), ...Object.keys(en)])].map((id) => [
      id,
      { 'zh-CN': zh[id] ?? [], en: en[id] ?? [] },
    ])
  )

/** Training phrases of the bundled flow's intents, by intent id. */
export const INTENT_EXAMPLES: Examples = byLocale(INTENTS_ZH, INTENTS_EN)

/** Training questions of the bundled knowledge base, by entry id (label `kb.<id>`). */
export const KNOWLEDGE_EXAMPLES: Examples = byLocale(KNOWLEDGE_ZH, KNOWLEDGE_EN)
