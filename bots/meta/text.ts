import type { Button } from '../../src/channels/types'
import { isHighSurrogate, safeEnd, splitText as split } from '../../src/lib/split-text'

/** Sent instead of an empty text, which both Graph APIs reject (e.g. a reply of buttons only). */
export const PLACEHOLDER = '…'

/**
 * Splits plain text into chunks of at most `limit` UTF-16 code units, preferring a newline, then
 * a space, in the last half of each window; never inside a surrogate pair. Blank text gives no
 * chunks.
 */
export const splitText = (text: string, limit: number): string[] => split(text, { limit })

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
