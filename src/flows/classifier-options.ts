// The intent classifier's knobs and their tuned defaults (`npm run eval` measures them).

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
