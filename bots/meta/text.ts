import type { Button } from '../../src/channels/types'

/** Sent instead of an empty text, which both Graph APIs reject (e.g. a reply of buttons only). */
export const PLACEHOLDER = '…'

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/** `limit`, moved back by one when it would cut a surrogate pair in half. */
const safeEnd = (text: string, limit: number): number =>
  limit > 1 && isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit

/** Where to cut `text` (longer than `limit`): a newline or space in the last half, else `limit`. */
const cutPoint = (text: string, limit: number): { end: number; skip: number } => {
  const window = text.slice(0, limit + 1)
  for (const separator of ['\n', ' ']) {
    const at = window.lastIndexOf(separator)
    if (at >= limit / 2 && at <= limit) return { end: at, skip: 1 }
  }
  return { end: safeEnd(text, limit), skip: 0 }
}

/**
 * Splits plain text into chunks of at most `limit` UTF-16 code units, preferring a newline, then
 * a space, in the last half of each window; never inside a surrogate pair. Blank chunks are
 * dropped, so blank text gives no chunks.
 */
export const splitText = (text: string, limit: number): string[] => {
  const chunks: string[] = []
  let rest = text
  while (rest.length > limit) {
    const { end, skip } = cutPoint(rest, limit)
    chunks.push(rest.slice(0, end))
    rest = rest.slice(end + skip)
  }
  chunks.push(rest)
  return chunks.filter((chunk) => chunk.trim() !== '')
}

/**
 * Splits off the end of `text` so that `tail` fits in `limit` (an interactive body): the tail
 * starts after a newline or space in the first half of the last `limit` units when possible.
 */
export const splitTail = (text: string, limit: number): { head: string; tail: string } => {
  if (text.length <= limit) return { head: '', tail: text }
  const start = text.length - limit
  const window = text.slice(start - 1, start + Math.floor(limit / 2))
  for (const separator of ['\n', ' ']) {
    const at = window.indexOf(separator)
    if (at >= 0) return { head: text.slice(0, start - 1 + at), tail: text.slice(start + at) }
  }
  // Never cut between the halves of a surrogate pair: one unit later, the tail only gets shorter.
  const cut = isHighSurrogate(text.charCodeAt(start - 1)) ? start + 1 : start
  return { head: text.slice(0, cut), tail: text.slice(cut) }
}

/** `text` cut to at most `max` UTF-16 units, ending in `…` when cut; never splits a pair. */
export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, safeEnd(text, max - 1)).trimEnd()}…`

/** A button's visible label: its label, or its id when the label is blank. */
export const labelOf = (button: Button): string =>
  button.label.trim() === '' ? button.id : button.label

/**
 * Buttons degraded to a numbered list under the text ("1. Label"); the engine maps a typed number
 * or label back to the button.
 */
export const withNumberedList = (text: string, buttons: readonly Button[]): string => {
  const lines = buttons.map((button, index) => `${index + 1}. ${labelOf(button)}`).join('\n')
  return text.trim() === '' ? lines : `${text}\n\n${lines}`
}
