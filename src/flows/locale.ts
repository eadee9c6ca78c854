import type { Locale } from './types'

const HAN = /\p{Script=Han}/u
// CJK symbols and punctuation, fullwidth forms: a sign of Chinese only next to Han characters.
const FULLWIDTH_PUNCT = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u
const LATIN_OR_DIGIT_RUN = /[\p{Script=Latin}\p{Nd}]+/gu
const LATIN = /\p{Script=Latin}/u
const DIGIT = /\p{Nd}/u

/** A platform language hint as a supported locale: zh* -> zh-CN, en* -> en, else undefined. */
export const localeFromHint = (hint?: string): Locale | undefined => {
  const tag = hint?.trim().toLowerCase().replace(/_/g, '-')
  if (!tag) return undefined
  if (/^zh(?:-|$)/.test(tag)) return 'zh-CN'
  if (/^en(?:-|$)/.test(tag)) return 'en'
  return undefined
}

/** Characters of each script that count as language (see detectLocale). */
export const scriptCounts = (text: string): { han: number; latin: number } => {
  let han = 0
  let punct = 0
  for (const ch of text) {
    if (HAN.test(ch)) han += 1
    else if (FULLWIDTH_PUNCT.test(ch)) punct += 1
  }
  let latin = 0
  // Letters inside a token with digits (A12345678, iPhone15, 2XL) are codes, not English words.
  for (const [run] of text.matchAll(LATIN_OR_DIGIT_RUN)) {
    if (DIGIT.test(run)) continue
    for (const ch of run) if (LATIN.test(ch)) latin += 1
  }
  return { han: han > 0 ? han + punct : 0, latin }
}

/**
 * The locale to answer in: Chinese text -> zh-CN, Latin text -> en, mixed text by the majority of
 * characters (hint, then current, breaks a tie); text with neither (digits, emoji, empty) -> the
 * platform hint, else the conversation's current locale, else zh-CN.
 */
export const detectLocale = <C extends string = Locale>(
  text: string,
  hint?: string,
  current?: C
): Locale | C => {
  const { han, latin } = scriptCounts(text)
  if (han > latin) return 'zh-CN'
  if (latin > han) return 'en'
  return localeFromHint(hint) ?? (current || 'zh-CN')
}
