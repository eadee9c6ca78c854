/** A confirmation answer. */
export type YesNo = 'yes' | 'no'

// Everyday ways of saying yes and no, as whole answers (fillers and thanks around them allowed).
const ZH_YES = [
  '是的?',
  '是滴',
  '是呀',
  '是啊',
  '对的?',
  '对呀',
  '对啊',
  '对头',
  '没错',
  '正确',
  '确认',
  '确定',
  '嗯+',
  '恩+',
  '好的?',
  '好滴',
  '好呀',
  '好啊',
  '行',
  '可以',
  '没问题',
  '当然',
  '需要',
  '要的?',
  '有的?',
  '还有',
  '就是',
  '就是这个',
  '是这个',
]
const ZH_NO = [
  '不是',
  '不对',
  '不',
  '否',
  '错了',
  '没有了?',
  '没了',
  '不用了?',
  '不需要',
  '不要',
  '没事了?',
  '暂时没有',
  '不是这个',
]
const EN_YES = [
  'y',
  'ya',
  'yes',
  'yess+',
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
  'confirmed?',
  'absolutely',
  'of course',
  'definitely',
  'indeed',
  "that'?s right",
  "that'?s correct",
  "that'?s it",
  'that is (?:right|correct)',
  'sounds good',
  'perfect',
  'great',
  'yes please',
  'please do',
  'go ahead',
  "you'?re right",
  'affirmative',
]
const EN_NO = [
  'n',
  'no',
  'nope',
  'nah',
  'not really',
  'not quite',
  'wrong',
  'incorrect',
  "that'?s wrong",
  "that'?s not (?:it|right)",
  'not right',
  'no thanks?',
  'no thank you',
]
const YES_EMOJI = ['👍', '👌', '✅', '🙆', '☑️', '✔️', '🆗']
const NO_EMOJI = ['👎', '❌', '🙅', '✖️']

const FILLER = String.raw`[\s,，.。!！~～、;；:：…]*`
const ZH_PARTICLE = '[的呀啊哦呢嘛吧啦了哈]*'
const THANKS = String.raw`(?:谢谢(?:你|您|啦)?|谢了|多谢|感谢|thanks|thank you|thx|ty|please|pls)?`

const alternatives = (list: string[]) => list.join('|')
const sequence = (words: string[], emoji: string[]) => {
  const one = `(?:${alternatives(words)})${ZH_PARTICLE}`
  const mark = `(?:${emoji.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`
  const token = `(?:${one}|${mark})`
  return new RegExp(`^${FILLER}${token}(?:${FILLER}${token})*${FILLER}${THANKS}${FILLER}$`, 'iu')
}

const YES = sequence([...ZH_YES, ...EN_YES], YES_EMOJI)
const NO = sequence([...ZH_NO, ...EN_NO], NO_EMOJI)

/** Normalises for matching: NFKC (full-width forms), lower case, collapsed spaces, trimmed. */
export const normalise = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * A whole-message yes or no in either language (是的 / 对 / 没错 / 嗯 / 好的 / ok / yep / correct / 👍,
 * 不是 / 不对 / no / nope / 👎), or null when the message says something else.
 */
export const yesOrNo = (text: string): YesNo | null => {
  const t = normalise(text)
  if (t === '' || t.length > 40) return null
  // "no" first: "不是" and "不对" start with characters that are not yes words, but "好" in "不好" is.
  if (NO.test(t)) return 'no'
  if (YES.test(t)) return 'yes'
  return null
}

const loose = (text: string): string =>
  normalise(text)
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim()

/**
 * The button a typed text stands for: its number ("2", "2."), its label in any case, width or
 * punctuation ("yes, that's right!" for "Yes, that's right"), or a message that contains the
 * label's words ("ok the product question one" for "Product question"). Null when none or several fit.
 */
export const matchButton = <B extends { label: string }>(offered: B[], text: string): B | undefined => {
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
    return ` ${typed} `.includes(` ${label} `) || (/\p{Script=Han}/u.test(label) && typed.includes(label))
  })
  return inside.length === 1 ? inside[0] : undefined
}
