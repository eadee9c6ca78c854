import type { Button } from '../../src/channels/types'

/** UTF-8 length of one code point. */
const codePointBytes = (code: number): number =>
  code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4

/** UTF-8 length of a string (a lone surrogate counts as U+FFFD, 3 bytes, as TextEncoder sends). */
export const utf8Length = (text: string): number => {
  let bytes = 0
  for (const ch of text) bytes += codePointBytes(ch.codePointAt(0) ?? 0)
  return bytes
}

/** Where to cut `text`: a newline or space in the last half, else at the limit. */
const cutPoint = (text: string, limit: number): { end: number; skip: number } => {
  let bytes = 0
  let end = 0
  for (const ch of text) {
    const size = codePointBytes(ch.codePointAt(0) ?? 0)
    if (bytes + size > limit) break
    bytes += size
    end += ch.length
  }
  // The character right after the fitting prefix may itself be the separator.
  for (const separator of ['\n', ' ']) {
    if (text[end] === separator && bytes >= limit / 2) return { end, skip: 1 }
    const at = text.lastIndexOf(separator, end - 1)
    if (at >= 0 && utf8Length(text.slice(0, at)) >= limit / 2) return { end: at, skip: 1 }
  }
  // A single code point wider than the limit still has to go somewhere.
  if (end === 0) return { end: (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1, skip: 0 }
  return { end, skip: 0 }
}

/**
 * Splits text into chunks of at most `limit` UTF-8 bytes (WeChat and WeCom count bytes),
 * preferring a newline, then a space, in the last half of each chunk; never inside a surrogate
 * pair. Whitespace-only chunks are dropped, so blank text gives no chunks.
 */
export const splitUtf8 = (text: string, limit: number): string[] => {
  const chunks: string[] = []
  let rest = text
  while (utf8Length(rest) > limit) {
    const { end, skip } = cutPoint(rest, limit)
    chunks.push(rest.slice(0, end))
    rest = rest.slice(end + skip)
  }
  chunks.push(rest)
  return chunks.filter((chunk) => chunk.trim() !== '')
}

/** Cuts text to at most `limit` UTF-8 bytes at a code point boundary (for menu labels). */
export const truncateUtf8 = (text: string, limit: number): string => {
  let bytes = 0
  let end = 0
  for (const ch of text) {
    bytes += codePointBytes(ch.codePointAt(0) ?? 0)
    if (bytes > limit) break
    end += ch.length
  }
  return text.slice(0, end)
}

// WeCom answers 40033 (不合法的请求字符, "不能包含\uxxxx格式的字符") for JSON with \u escapes,
// which JSON.stringify emits for control characters and lone surrogates:
// https://developer.work.weixin.qq.com/document/path/90313
/** Makes text safe to send: lone surrogates become U+FFFD, control characters (except \n \t) go. */
export const cleanText = (text: string): string =>
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
