import type { Button } from '../../src/channels/types'
import { splitText, utf8Prefix } from '../../src/lib/split-text'

/**
 * Splits text into chunks of at most `limit` UTF-8 bytes (WeChat and WeCom count bytes),
 * preferring a newline, then a space, in the last half of each chunk; never inside a surrogate
 * pair. Blank text gives no chunks.
 */
export const splitUtf8 = (text: string, limit: number): string[] =>
  splitText(text, { limit, unit: 'utf8' })

/** Cuts text to at most `limit` UTF-8 bytes at a code point boundary (for menu labels). */
export const truncateUtf8 = (text: string, limit: number): string =>
  text.slice(0, utf8Prefix(text, limit))

// WeCom answers 40033 (不合法的请求字符, "不能包含\uxxxx格式的字符") for JSON with \u escapes,
// which JSON.stringify emits for control characters and lone surrogates:
// https://developer.work.weixin.qq.com/document/path/90313
/** Makes text safe to send: lone surrogates become U+FFFD, control characters (except \n \t) go. */
export const cleanText = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  text.toWellFormed().replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')

const HAN = /\p{Script=Han}/u

/**
 * Appends buttons as a numbered list ("1. Label") under a hint in the text's script, for platforms
 * (or messages) without native buttons; the engine maps a typed "1" or label back to the button.
 */
export const withNumberedOptions = (text: string, buttons: readonly Button[]): string => {
  if (buttons.length === 0) return text
  const hint = HAN.test(text) ? '回复数字选择：' : 'Reply with a number:'
  const lines = buttons.map((button, index) => `${index + 1}. ${button.label.trim() || button.id}`)
  const head = text.trimEnd()
  return [...(head ? [head, ''] : []), hint, ...lines].join('\n')
}
