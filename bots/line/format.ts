import type { Button } from '../../src/channels/types'
import type { Failure } from '../../src/lib/failure'
import { retryAfterMs } from '../../src/lib/retry-after'
import { safeEnd, splitText as split } from '../../src/lib/split-text'
import type { QuickReply, TextMessage } from './api'
import { isRecord } from '../../src/lib/guards'

// "Max character limit: 5000", counted in UTF-16 code units:
// https://developers.line.biz/en/docs/messaging-api/text-character-count/
/** Longest text of one text message object, in UTF-16 code units. */
export const MAX_TEXT = 5000

// https://developers.line.biz/en/reference/messaging-api/#send-push-message (messages: max 5)
/** Message objects one reply or push request may carry. */
export const MAX_MESSAGES = 5

// https://developers.line.biz/en/reference/messaging-api/#quick-reply
/** Quick reply buttons one message may carry. */
export const MAX_QUICK_REPLIES = 13

// https://developers.line.biz/en/reference/messaging-api/#postback-action
/** Longest quick reply button label, in characters. */
export const MAX_LABEL = 20

/** Longest postback `data` and `displayText`, in characters. */
export const MAX_POSTBACK = 300

// Empty text is rejected ("May not be empty"), e.g. a reply made of buttons only.
/** Text sent when the reply has none. */
export const PLACEHOLDER = '…'

/**
 * Splits plain text into chunks of at most `limit` UTF-16 code units, preferring a newline, then
 * a space, near the limit; never inside a surrogate pair. Blank text gives no chunks.
 */
export const splitText = (text: string, limit = MAX_TEXT): string[] => split(text, { limit })

/** Shortens `text` to `limit` UTF-16 code units, ending in `…` when cut. */
export const truncate = (text: string, limit: number): string =>
  text.length <= limit ? text : `${text.slice(0, safeEnd(text, limit - 1))}…`

const labelOf = (button: Button): string => (button.label.trim() === '' ? button.id : button.label)

/**
 * Quick reply postback buttons for `buttons`, or null when LINE cannot carry them natively (more
 * than 13, or an id that is empty or over 300 characters): the caller lists them in the text.
 */
export const quickReply = (buttons: readonly Button[]): QuickReply | null => {
  if (buttons.length === 0 || buttons.length > MAX_QUICK_REPLIES) return null
  if (buttons.some(({ id }) => id === '' || id.length > MAX_POSTBACK)) return null
  return {
    items: buttons.map((button) => ({
      type: 'action',
      action: {
        type: 'postback',
        label: truncate(labelOf(button), MAX_LABEL),
        data: button.id,
        displayText: truncate(labelOf(button), MAX_POSTBACK),
      },
    })),
  }
}

/** `1. Label` lines; the engine maps a typed number or label back to its button. */
export const numberedList = (buttons: readonly Button[]): string =>
  buttons.map((button, index) => `${index + 1}. ${labelOf(button)}`).join('\n')

/**
 * The text message objects for one outbound message: text split at 5000 code units, buttons as a
 * quick reply on the last object (LINE shows quick replies only there), or as a numbered list
 * appended to the text when they do not fit.
 */
export const textMessages = (text: string, buttons: readonly Button[] = []): TextMessage[] => {
  const native = quickReply(buttons)
  const listed = buttons.length > 0 && native === null
  const full = listed ? [text.trimEnd(), numberedList(buttons)].filter(Boolean).join('\n\n') : text
  const chunks = splitText(full)
  if (chunks.length === 0) chunks.push(PLACEHOLDER)
  return chunks.map((chunk, index) =>
    native && index === chunks.length - 1
      ? { type: 'text', text: chunk, quickReply: native }
      : { type: 'text', text: chunk }
  )
}

/** Groups message objects into requests of at most 5. */
export const batches = <T>(messages: readonly T[], size = MAX_MESSAGES): T[][] => {
  const groups: T[][] = []
  for (let i = 0; i < messages.length; i += size) groups.push(messages.slice(i, i + size))
  return groups
}

/** LINE's `message`, with the `details` when present; `HTTP <status>` for a non-JSON body. */
export const errorReason = (status: number, body: unknown): string => {
  if (!isRecord(body) || typeof body.message !== 'string') return `HTTP ${status}`
  const details = Array.isArray(body.details) ? body.details.filter(isRecord) : []
  const parts = details.map((detail) =>
    [detail.property, detail.message].filter((part) => typeof part === 'string').join(': ')
  )
  const listed = parts.filter(Boolean)
  return listed.length > 0 ? `${body.message} (${listed.join('; ')})` : body.message
}

// The monthly message quota also answers 429, but only an upgrade or the next month lifts it:
// https://developers.line.biz/en/reference/messaging-api/#status-codes
const MONTHLY_LIMIT = /monthly limit/i

/**
 * Classifies a failed API answer from its HTTP status, parsed body (null when not JSON) and
 * `Retry-After` header. LINE sends no retry hint on 429, so the engine's backoff applies.
 * https://developers.line.biz/en/reference/messaging-api/#status-codes
 */
export const classify = (
  status: number,
  body: unknown,
  retryAfter: string | null = null
): Failure => {
  const reason = errorReason(status, body)
  if (status === 429 && !MONTHLY_LIMIT.test(reason)) {
    const delay = retryAfterMs(retryAfter)
    return delay === undefined
      ? { ok: false, retryable: true, reason }
      : { ok: false, retryable: true, retryAfterMs: delay, reason }
  }
  if (status >= 500) return { ok: false, retryable: true, reason }
  return { ok: false, retryable: false, reason }
}
