import { DEFAULT_CLASSIFIER_OPTIONS, type ClassifierOptions } from './classifier-options'

// What the intent classifier sees in a text: tokens (CJK runs, words, emoji, question marks) and
// their weighted features (words, bigrams, character grams, CJK n-grams).

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

/** One token of customer text. */
export type Token = { kind: 'cjk' | 'word' | 'emoji' | 'question'; text: string }

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
export const NUMBER_FEATURE = 'n:'
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
 * How much of a text is junk for a model (its known features), 0-1: the share of its tokens (words, numbers, emoji,
 * Chinese characters) that are short numbers or never seen in training. A word not seen itself
 * counts by the share of its character grams not seen either, so a typo of a known word is
 * mostly not junk.
 */
export const junkShare = (known: ReadonlyMap<string, number>, text: string): number => {
  let tokens = 0
  let junk = 0
  const seen = (feature: string) => (known.has(feature) ? 1 : 0)
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
      add(`${NUMBER_FEATURE}${token.text}`, options.number)
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
