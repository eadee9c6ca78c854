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

/** Feature weights and smoothing; the defaults are tuned on `npm run eval`. */
export interface ClassifierOptions {
  /** Additive (Laplace) smoothing of the feature counts. */
  alpha: number
  /** Softmax temperature (higher = less confident). */
  temperature: number
  word: number
  bigram: number
  /** Character 3-5 grams inside Latin words (typo tolerance), per gram. */
  char: number
  cjk1: number
  cjk2: number
  cjk3: number
  emoji: number
  question: number
  /** Per unit of weight of an unseen feature, how much the background label gains. */
  unknown: number
  /**
   * A short number (1-5 digits: "123", the "1" and "2" of "1-2") says nothing about the topic: no
   * feature, it counts as this much unseen weight (toward the background label).
   */
  number: number
  /**
   * Messages with less feature weight than this are scored as if they had this much, so a lone
   * "?" or one weak word is not blown up into a confident guess.
   */
  minEvidence: number
  /** Head start of the background label, in logits of the confidence softmax. */
  prior: number
  /**
   * Extra head start of the background label, in logits, times the share of the message's tokens
   * (words, numbers, Chinese characters, emoji) that are junk: short numbers and tokens never seen
   * in training. "asdf 1-2" is all junk; "my order 12 is late" a quarter.
   */
  junk: number
}

/** The tuned defaults of {@link ClassifierOptions}. */
export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  alpha: 0.02,
  temperature: 0.5,
  word: 1,
  bigram: 1,
  char: 0.15,
  cjk1: 0.35,
  cjk2: 1,
  cjk3: 1,
  emoji: 2,
  question: 0.3,
  unknown: 0.5,
  number: 2,
  minEvidence: 1.5,
  prior: 1,
  junk: 4,
}

// Customers paste long texts; the first part carries the request.
const MAX_INPUT = 600

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const WORD = /[\p{L}\p{N}\p{M}]/u
const EMOJI = /\p{Extended_Pictographic}/u
const APOSTROPHE = /['’‘`]/u
const APOSTROPHES = /['’‘`]/gu
const REPEATS = /(.)\1{2,}/gu

const classifyChar = (ch: string): Token['kind'] | 'apostrophe' | null =>
  CJK.test(ch)
    ? 'cjk'
    : WORD.test(ch)
      ? 'word'
      : APOSTROPHE.test(ch)
        ? 'apostrophe'
        : EMOJI.test(ch)
          ? 'emoji'
          : null

type Token = { kind: 'cjk' | 'word' | 'emoji' | 'question'; text: string }

/** Splits NFKC-normalised, lowercased text into CJK runs, words, emoji and question marks. */
export const tokenize = (text: string): Token[] => {
  // "heyyyy", "pleaseee", "好好好好": three or more of a character count as two.
  const s = text.normalize('NFKC').toLowerCase().slice(0, MAX_INPUT).replace(REPEATS, '$1$1')
  const out: Token[] = []
  let start = -1
  let kind: 'cjk' | 'word' | null = null
  let skipped = ''
  const flush = (end: number) => {
    if (kind)
      out.push({ kind, text: s.slice(start, end).replace(skipped ? APOSTROPHES : /$^/, '') })
    kind = null
    skipped = ''
  }
  for (let i = 0; i < s.length;) {
    const code = s.codePointAt(i) ?? 0
    const width = code > 0xffff ? 2 : 1
    // ASCII first: most of the text, and far cheaper than the Unicode property tests.
    const next: Token['kind'] | 'apostrophe' | null =
      code < 128
        ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57)
          ? 'word'
          : code === 39 || code === 96
            ? 'apostrophe'
            : code === 63
              ? 'question'
              : null
        : classifyChar(String.fromCodePoint(code))
    if (next === 'apostrophe' && kind === 'word') {
      // "don't" and "dont" are the same word to customers.
      skipped = "'"
    } else if (next === 'cjk' || next === 'word') {
      if (kind !== next) {
        flush(i)
        kind = next
        start = i
      }
    } else {
      flush(i)
      if (next === 'emoji') out.push({ kind: 'emoji', text: String.fromCodePoint(code) })
      else if (next === 'question') out.push({ kind: 'question', text: '?' })
    }
    i += width
  }
  flush(s.length)
  return out
}

const LONG_NUMBER = /^\d{6,}$/
const SHORT_NUMBER = /^\d{1,5}$/
/** Feature key of short numbers: never trained, always unseen. */
const NUMBER = 'n:'
const DIGITS = /\d/g

/** Character 3-5 grams inside a word (digits as 0), for typo tolerance. */
const charGrams = (word: string): string[] => {
  const padded = `<${word.replace(DIGITS, '0')}>`
  const out: string[] = []
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`)
  }
  return out
}

/**
 * How much of a text is junk for a model, 0-1: the share of its tokens (words, numbers, emoji,
 * Chinese characters) that are short numbers or never seen in training. A word not seen itself
 * counts by the share of its character grams not seen either, so a typo of a known word is
 * mostly not junk.
 */
const junkShare = (model: ClassifierModel, text: string): number => {
  let tokens = 0
  let junk = 0
  const seen = (feature: string) => (model.features.has(feature) ? 1 : 0)
  for (const token of tokenize(text)) {
    if (token.kind === 'question') continue
    if (token.kind === 'emoji') {
      tokens++
      junk += 1 - seen(`e:${token.text}`)
    } else if (token.kind === 'cjk') {
      for (const ch of token.text) {
        tokens++
        junk += 1 - seen(`z:${ch}`)
      }
    } else if (SHORT_NUMBER.test(token.text)) {
      tokens++
      junk++
    } else {
      const word = LONG_NUMBER.test(token.text) ? '#' : token.text
      tokens++
      if (seen(`w:${word}`) || word === '#') continue
      const grams = charGrams(word)
      junk += 1 - grams.reduce((sum, gram) => sum + seen(gram), 0) / grams.length
    }
  }
  return tokens === 0 ? 0 : junk / tokens
}

/** The weighted features of a text (feature -> weight), as the model sees it. */
export const extractFeatures = (
  text: string,
  options: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS
): Map<string, number> => {
  const out = new Map<string, number>()
  const add = (feature: string, weight: number) => {
    if (weight > (out.get(feature) ?? 0)) out.set(feature, weight)
  }
  let previousWord: string | null = null
  for (const token of tokenize(text)) {
    if (token.kind !== 'word') previousWord = null
    if (token.kind === 'emoji') add(`e:${token.text}`, options.emoji)
    else if (token.kind === 'question') add('p:?', options.question)
    else if (token.kind === 'cjk') {
      // Code units are code points here except for rare supplementary-plane ideographs, whose
      // halves still make consistent (if odd) features.
      const t = token.text
      for (let i = 0; i < t.length; i++) {
        add(`z:${t[i]}`, options.cjk1)
        if (i + 2 <= t.length) add(`z:${t.slice(i, i + 2)}`, options.cjk2)
        if (i + 3 <= t.length) add(`z:${t.slice(i, i + 3)}`, options.cjk3)
      }
    } else if (SHORT_NUMBER.test(token.text)) {
      // "1-2", "test 123", "0-0": the digits carry nothing; they count as unseen weight.
      add(`${NUMBER}${token.text}`, options.number)
      previousWord = null
    } else {
      // Order numbers and phone numbers: their digits say nothing, their presence does.
      const word = LONG_NUMBER.test(token.text) ? '#' : token.text
      add(`w:${word}`, options.word)
      if (previousWord !== null) add(`b:${previousWord} ${word}`, options.bigram)
      previousWord = word
      if (word !== '#') for (const gram of charGrams(word)) add(gram, options.char)
    }
  }
  return out
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
      if (feature.startsWith(NUMBER)) continue
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
    const junk = options.junk > 0 ? options.junk * junkShare(model, text) : 0
    scores[background] = (scores[background] ?? 0) + (options.prior + junk) / scale
  }
  const best = Math.max(...scores)
  const exps = scores.map((s) => Math.exp((s - best) * scale))
  const sum = exps.reduce((a, b) => a + b, 0)
  return model.labels
    .map((label, c) => ({ label, confidence: (exps[c] ?? 0) / sum }))
    .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1))
}
