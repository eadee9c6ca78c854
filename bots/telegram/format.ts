import type { Button } from '../../src/channels/types'
import { utf8 } from '../../src/lib/encoding'
import type { Failure } from '../../src/lib/failure'
import { splitText as split } from '../../src/lib/split-text'
import type { InlineKeyboardButton, InlineKeyboardMarkup } from './api'
import { isRecord } from '../../src/lib/guards'

// Text is 1-4096 characters after entity parsing: https://core.telegram.org/bots/api#sendmessage
/** Longest text of one message, in UTF-16 code units (Telegram counts at most this many). */
export const MAX_TEXT = 4096

// callback_data is 1-64 bytes: https://core.telegram.org/bots/api#inlinekeyboardbutton
/** Longest `callback_data`, in UTF-8 bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64

/** Labels up to this many characters may share a keyboard row with one other short label. */
export const SHORT_LABEL = 20

/**
 * Splits plain text into chunks of at most `limit` UTF-16 code units, preferring a newline, then
 * a space, near the limit; never inside a surrogate pair. Blank text gives no chunks.
 */
export const splitText = (text: string, limit = MAX_TEXT): string[] => split(text, { limit })

/** Inline keyboard for buttons: short labels two per row, long ones alone; bad ids fail. */
export const inlineKeyboard = (
  buttons: readonly Button[]
): { ok: true; markup: InlineKeyboardMarkup } | Failure => {
  const rows: InlineKeyboardButton[][] = []
  let open: InlineKeyboardButton[] | null = null
  for (const { id, label } of buttons) {
    const bytes = utf8(id).length
    if (bytes === 0 || bytes > MAX_CALLBACK_DATA_BYTES) {
      const reason = `button id must be 1-${MAX_CALLBACK_DATA_BYTES} UTF-8 bytes, got ${bytes}`
      return { ok: false, retryable: false, reason: `${reason}: ${id.slice(0, 80)}` }
    }
    const text = label.trim() === '' ? id : label
    const short = text.length <= SHORT_LABEL
    const button = { text, callback_data: id }
    if (open && short) {
      open.push(button)
      open = null
    } else {
      const row = [button]
      rows.push(row)
      open = short ? row : null
    }
  }
  return { ok: true, markup: { inline_keyboard: rows } }
}

/**
 * Classifies a failed Bot API answer from its HTTP status and parsed body (or null when the body
 * was not JSON). https://core.telegram.org/bots/api#making-requests
 */
export const classify = (status: number, body: unknown): Failure => {
  const description =
    isRecord(body) && typeof body.description === 'string' ? body.description : `HTTP ${status}`
  if (status === 429) {
    const parameters = isRecord(body) && isRecord(body.parameters) ? body.parameters : {}
    const seconds = parameters.retry_after
    const valid = typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    const retryAfterMs = valid ? seconds * 1000 : 1000
    return { ok: false, retryable: true, retryAfterMs, reason: description }
  }
  if (status >= 500) return { ok: false, retryable: true, reason: description }
  return { ok: false, retryable: false, reason: description }
}
