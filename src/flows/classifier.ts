import { DEFAULT_CLASSIFIER_OPTIONS, type ClassifierOptions } from './classifier-options'
import { extractFeatures, junkShare, NUMBER_FEATURE } from './text-features'

/** One labelled training phrase. */
export interface LabelledText {
  label: string
  text: string
}

/** One candidate label with its confidence, a 0-1 share of all labels. */
export interface Guess {
  label: string
  confidence: number
}

/** A trained classifier: per feature, one log-likelihood per label (same order as `labels`). */
export interface ClassifierModel {
  labels: string[]
  /** Feature -> row in `weights`. */
  features: Map<string, number>
  /** Row-major: `weights[row * labels.length + label]`. */
  weights: Float32Array
  /** Label that collects the evidence of features never seen in training (out-of-scope text). */
  background?: string
  options: ClassifierOptions
}

/**
 * Trains a multinomial naive Bayes model with uniform priors (how many phrases a label has says
 * nothing about how often customers ask it). Deterministic: same examples, same model.
 */
export const trainClassifier = (
  examples: LabelledText[],
  settings: Partial<ClassifierOptions> & { background?: string } = {}
): ClassifierModel => {
  const { background, ...overrides } = settings
  const options = { ...DEFAULT_CLASSIFIER_OPTIONS, ...overrides }
  const labels = [...new Set(examples.map((e) => e.label))].sort()
  const n = labels.length
  const index = new Map(labels.map((label, i) => [label, i]))
  const features = new Map<string, number>()
  // Flat counts, `row * n + label`, grown as features appear.
  let counts = new Float64Array(4096 * n)
  const totals = new Float64Array(n)
  for (const { label, text } of examples) {
    const c = index.get(label) ?? 0
    for (const [feature, weight] of extractFeatures(text, options)) {
      if (feature.startsWith(NUMBER_FEATURE)) continue
      let row = features.get(feature)
      if (row === undefined) {
        row = features.size
        features.set(feature, row)
        if ((row + 1) * n > counts.length) {
          const grown = new Float64Array(counts.length * 2)
          grown.set(counts)
          counts = grown
        }
      }
      counts[row * n + c] = (counts[row * n + c] ?? 0) + weight
      totals[c] = (totals[c] ?? 0) + weight
    }
  }
  const alphaLog = Math.log(options.alpha)
  const denominators = totals.map((total) => Math.log(total + options.alpha * features.size))
  const weights = new Float32Array(features.size * n)
  for (let i = 0; i < weights.length; i++) {
    const count = counts[i] ?? 0
    weights[i] =
      (count === 0 ? alphaLog : Math.log(count + options.alpha)) - (denominators[i % n] ?? 0)
  }
  return {
    labels,
    features,
    weights,
    ...(background !== undefined && index.has(background) ? { background } : {}),
    options,
  }
}

/**
 * Every label with its confidence, best first. Confidence is the softmax of the per-label
 * log-likelihoods divided by the square root of the feature weight (at least `minEvidence`, so
 * neither long nor tiny messages are overconfident) and the model's temperature. Features never
 * seen in training and short numbers count only for the background label, which also gets a head
 * start (`prior`, plus `junk` times the share of junk tokens). Without a background label, a text
 * with no known feature gets an empty list.
 */
export const classify = (model: ClassifierModel, text: string): Guess[] => {
  const { options } = model
  const n = model.labels.length
  const scores = new Float64Array(n)
  let known = 0
  let unknown = 0
  for (const [feature, weight] of extractFeatures(text, options)) {
    const row = model.features.get(feature)
    if (row === undefined) {
      unknown += weight
      continue
    }
    known += weight
    const offset = row * n
    for (let c = 0; c < n; c++)
      scores[c] = (scores[c] ?? 0) + weight * (model.weights[offset + c] ?? 0)
  }
  const background = model.background === undefined ? -1 : model.labels.indexOf(model.background)
  if (background >= 0) {
    scores[background] = (scores[background] ?? 0) + options.unknown * unknown
    known += unknown
  }
  if (known === 0) return []
  // A message with little known evidence is not amplified (a lone "?" or one rare word).
  const scale = 1 / (Math.sqrt(Math.max(known, options.minEvidence)) * options.temperature)
  if (background >= 0) {
    const junk = options.junk > 0 ? options.junk * junkShare(model.features, text) : 0
    scores[background] = (scores[background] ?? 0) + (options.prior + junk) / scale
  }
  const best = Math.max(...scores)
  const exps = scores.map((s) => Math.exp((s - best) * scale))
  const sum = exps.reduce((a, b) => a + b, 0)
  return model.labels
    .map((label, c) => ({ label, confidence: (exps[c] ?? 0) / sum }))
    .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1))
}
