/** Example phrases per label and locale: training data of the intent classifier, kept apart from the evaluation set. */
export type Examples = Record<string, Record<string, string[]>>

/** Training phrases of the bundled flow's intents, by intent id. */
export const INTENT_EXAMPLES: Examples = {}

/** Training questions of the bundled knowledge base, by entry id (label `kb.<id>`). */
export const KNOWLEDGE_EXAMPLES: Examples = {}
