/** A confirmation answer. */
export type YesNo = 'yes' | 'no'

// Everyday ways of saying yes and no, as whole answers; particles (的呀啊…), fillers and thanks
// around them are allowed. Matched word by word (Chinese character by character) against these
// lists, never with a backtracking regex: a long run of "嗯" costs linear time.
const YES_WORDS = [
  '是',
  '是滴',
  '对',
  '对头',
  '没错',
  '正确',
  '确认',
  '确定',
  '嗯',
  '恩',
  '好',
  '好滴',
  '行',
  '可以',
  '没问题',
  '当然',
  '需要',
  '要',
  '有',
  '还有',
  '就是',
  '就是这个',
  '是这个',
  'y',
  'ya',
  'yes',
  'yess',
  'yeah',
  'yea',
  'yep',
  'yup',
  'sure',
  'correct',
  'right',
  'ok',
  'okay',
  'okey',
  'k',
  'kk',
  'exactly',
  'confirm',
  'confirmed',
  'absolutely',
  'of course',
  'definitely',
  'indeed',
  'thats right',
  'thats correct',
  'thats it',
  'that is right',
  'that is correct',
  'sounds good',
  'perfect',
  'great',
  'please do',
  'go ahead',
  'youre right',
  'affirmative',
  '👍',
  '👌',
  '✅',
  '🙆',
  '☑',
  '✔',
  '🆗',
]
const NO_WORDS = [
  '不是',
  '不对',
  '不',
  '否',
  '错了',
  '没有',
  '没了',
  '不用',
  '不需要',
  '不要',
  '没事',
  '暂时没有',
  '不是这个',
  'n',
  'no',
  'nope',
  'nah',
  'not really',
  'not quite',
  'wrong',
  'incorrect',
  'thats wrong',
  'thats not it',
  'thats not right',
  'not right',
  'no thanks',
  'no thank you',
  '👎',
  '❌',
  '🙅',
  '✖',
]
// Thanks and plain acknowledgements: they say neither yes nor no.
const NEUTRAL_WORDS = [
  '谢谢',
  '谢谢你',
  '谢谢您',
  '谢了',
  '多谢',
  '感谢',
  '收到',
  '知道',
  '明白',
  '了解',
  '辛苦',
  'thanks',
  'thank you',
  'thx',
  'ty',
  'please',
  'pls',
  'got it',
  'cool',
  'alright',
  'noted',
]
const PARTICLES = new Set('的呀啊哦呢嘛吧啦了哈滴'.split(''))

// A word is a run of Latin letters/digits, one Han character, or one other symbol (emoji).
const UNIT = /\p{Script=Han}|[\p{L}\p{N}]+|[^\s\p{P}\p{Z}\uFE0F]/gu
const units = (text: string): string[] => text.replace(/['’]/g, '').match(UNIT) ?? []

type Kind = YesNo | 'neutral'
const PHRASES: [string[], Kind][] = [
  ...YES_WORDS.map((w): [string[], Kind] => [units(w), 'yes']),
  ...NO_WORDS.map((w): [string[], Kind] => [units(w), 'no']),
  ...NEUTRAL_WORDS.map((w): [string[], Kind] => [units(w), 'neutral']),
].sort((x, y) => y[0].length - x[0].length)

const phraseAt = (words: string[], i: number): [number, Kind] | null => {
  for (const [phrase, kind] of PHRASES) {
    if (phrase.length > 0 && phrase.every((w, k) => words[i + k] === w))
      return [phrase.length, kind]
  }
  return null
}

/** Normalises for matching: NFKC (full-width forms), lower case, collapsed spaces, trimmed. */
export const normalise = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * A whole-message yes or no in either language (是的 / 对 / 没错 / 嗯 / 好的 / ok / yep / correct / 👍,
 * 不是 / 不对 / no / nope / 👎), or null when the message says something else.
 */
export const yesOrNo = (text: string): YesNo | null => {
  const said = shortAnswer(text)
  return said === 'neutral' ? null : said
}

/** A whole message that only answers or acknowledges (yes, no, ok, thanks, 收到), nothing more. */
export const isShortAnswer = (text: string): boolean => shortAnswer(text) !== null

const shortAnswer = (text: string): Kind | null => {
  const t = normalise(text)
  if (t === '' || t.length > 40) return null
  // Three or more of a letter are two ("yesss", "okkk"): the lists hold the short forms.
  const words = units(t.replace(/([a-z])\1{2,}/g, '$1$1'))
  let said: YesNo | null = null
  let neutral = false
  for (let i = 0; i < words.length;) {
    if ((said !== null || neutral) && PARTICLES.has(words[i] ?? '')) {
      i += 1
      continue
    }
    const found = phraseAt(words, i)
    if (!found) return null
    const [length, kind] = found
    if (kind === 'neutral') neutral = true
    else {
      // "是不是" mixes both: a question, not an answer.
      if (said !== null && said !== kind) return null
      said = kind
    }
    i += length
  }
  return said ?? (neutral ? 'neutral' : null)
}

const NEGATION = /\b(not|no|dont|don't|never|without|isnt|isn't)\b|不|没|别|无需|非/u
const MAX_AROUND = 6

const loose = (text: string): string =>
  normalise(text)
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim()

/**
 * The button a typed text stands for: its number ("2", "2."), its label in any case, width or
 * punctuation ("yes, that's right!" for "Yes, that's right"), or a message that contains the
 * label's words ("ok the product question one" for "Product question"). Null when none or several fit.
 */
export const matchButton = <B extends { label: string }>(
  offered: B[],
  text: string
): B | undefined => {
  const trimmed = normalise(text)
  const number = /^(\d{1,2})\s*[.)、．]?$/.exec(trimmed)
  if (number) return offered[Number(number[1]) - 1]
  const typed = loose(text)
  if (!typed) return undefined
  const exact = offered.filter((b) => loose(b.label) === typed)
  if (exact.length === 1) return exact[0]
  // A label's words inside a longer message; short labels ("OK", "是") only as the whole message.
  const inside = offered.filter((b) => {
    const label = loose(b.label)
    if (label.length < 4) return false
    const found =
      ` ${typed} `.includes(` ${label} `) ||
      (/\p{Script=Han}/u.test(label) && typed.includes(label))
    if (!found) return false
    // Only a few words around the label, and none that deny it ("it's not a complaint, ...").
    const rest = typed.replace(label, ' ')
    return !NEGATION.test(rest) && units(rest).length <= MAX_AROUND
  })
  return inside.length === 1 ? inside[0] : undefined
}
