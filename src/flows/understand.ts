import { type ClassifierModel, type LabelledText, classify, trainClassifier } from './classifier'
import { matchIntent } from './intents'
import { OUT_OF_SCOPE } from './training/out-of-scope'
import type { FlowDoc, KnowledgeDoc } from './types'

/** What the customer's text is about: an intent of the flow or an entry of the knowledge base. */
export interface Understanding {
  /** Intent rule id, or `kb.<entry id>`. */
  label: string
  /** 1 for a rule match; the classifier's 0-1 share otherwise. */
  confidence: number
  via: 'rule' | 'model'
  /** The step an intent leads to. */
  step?: string
  /** The knowledge entry a question is about. */
  entry?: string
}

/** The parts of a flow understanding needs. */
export type UnderstandFlow = Pick<
  FlowDoc,
  'id' | 'version' | 'updatedAt' | 'intents' | 'classifier'
>

/** Below this confidence the classifier's guess is dropped, unless the flow sets its own. */
export const DEFAULT_THRESHOLD = 0.35

/** Label prefix of knowledge base entries. */
export const KNOWLEDGE_LABEL_PREFIX = 'kb.'

// Not a valid rule id (ACTION_ID_PATTERN), so it can't collide with a flow's label.
const OUT_OF_SCOPE_LABEL = '~none'

/** A trained model plus where each of its labels leads. */
export interface TrainedUnderstanding {
  model: ClassifierModel
  targets: Map<string, { step?: string; entry?: string }>
  examples: number
}

/** Every labelled phrase of a flow's intent examples and a knowledge base's questions. */
export const trainingExamples = (
  flow: Pick<FlowDoc, 'intents'>,
  knowledge: Pick<KnowledgeDoc, 'entries'> | undefined
): LabelledText[] => [
  ...flow.intents.flatMap((rule) =>
    Object.values(rule.examples ?? {}).flatMap((texts) =>
      texts.map((text) => ({ label: rule.id, text }))
    )
  ),
  ...(knowledge?.entries ?? []).flatMap((entry) =>
    Object.values(entry.questions).flatMap((texts) =>
      texts.map((text) => ({ label: `${KNOWLEDGE_LABEL_PREFIX}${entry.id}`, text }))
    )
  ),
]

/** Trains the classifier of a flow and knowledge base (uncached; see {@link understand}). */
export const trainUnderstanding = (
  flow: Pick<FlowDoc, 'intents'>,
  knowledge: Pick<KnowledgeDoc, 'entries'> | undefined
): TrainedUnderstanding => {
  const targets = new Map<string, { step?: string; entry?: string }>()
  // First rule of an id wins, as in matching; a rule id shadows a same-named knowledge label.
  for (const rule of flow.intents)
    if (!targets.has(rule.id)) targets.set(rule.id, { step: rule.step })
  for (const entry of knowledge?.entries ?? []) {
    const label = `${KNOWLEDGE_LABEL_PREFIX}${entry.id}`
    if (!targets.has(label)) targets.set(label, { entry: entry.id })
  }
  const examples = trainingExamples(flow, knowledge)
  const background = Object.values(OUT_OF_SCOPE).flatMap((texts) =>
    texts.map((text) => ({ label: OUT_OF_SCOPE_LABEL, text }))
  )
  return {
    model: trainClassifier([...examples, ...background], { background: OUT_OF_SCOPE_LABEL }),
    targets,
    examples: examples.length,
  }
}

// Published versions are immutable, so a warm isolate trains each combination once. A model is
// a few MB; the bound keeps drafts being previewed from piling up.
const MAX_MODELS = 8
const models = new Map<string, TrainedUnderstanding>()

const trained = (flow: UnderstandFlow, knowledge: KnowledgeDoc | undefined) => {
  const key = `${flow.id}@${flow.version}@${flow.updatedAt}|${
    knowledge ? `${knowledge.version}@${knowledge.updatedAt}` : '-'
  }`
  const cached = models.get(key)
  if (cached) return cached
  if (models.size >= MAX_MODELS) {
    const oldest = models.keys().next()
    if (!oldest.done) models.delete(oldest.value)
  }
  const fresh = trainUnderstanding(flow, knowledge)
  models.set(key, fresh)
  return fresh
}

/**
 * What a customer's message is about: the first intent rule whose regex matches (explicit
 * overrides), else the classifier's best label when it is confident enough; null when unsure
 * (the flow's fallback asks again) or the text is blank.
 */
export const understand = (
  flow: UnderstandFlow,
  knowledge: KnowledgeDoc | undefined,
  text: string
): Understanding | null => {
  if (text.trim() === '') return null
  const rule = matchIntent(flow, text)
  if (rule) return { label: rule.id, confidence: 1, via: 'rule', step: rule.step }
  const { model, targets } = trained(flow, knowledge)
  const best = classify(model, text)[0]
  const threshold = flow.classifier?.threshold ?? DEFAULT_THRESHOLD
  // The background label has no target: out-of-scope text falls back like unsure text.
  const target = best ? targets.get(best.label) : undefined
  if (!best || !target || best.confidence < threshold) return null
  return { label: best.label, confidence: best.confidence, via: 'model', ...target }
}
