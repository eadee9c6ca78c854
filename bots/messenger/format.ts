import type { Button } from '../../src/channels/types'
import type { GraphRules } from '../meta/graph'
import { PLACEHOLDER, labelOf, splitText, truncate, withNumberedList } from '../meta/text'
import type { QuickReply, SendPayload } from './api'

// Text is at most 2000 characters:
// https://developers.facebook.com/docs/messenger-platform/reference/send-api#message
/** Longest text of one message, in UTF-16 code units. */
export const MAX_TEXT = 2000

// https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies
/** Most quick replies on one message. */
export const MAX_QUICK_REPLIES = 13
/** Longest quick-reply title (Messenger cuts longer ones itself). */
export const MAX_TITLE = 20
/** Longest quick-reply payload. */
export const MAX_PAYLOAD = 1000

/** Quick replies for `buttons`; null when they do not fit (over 13, ids empty/long/repeated). */
export const quickReplies = (buttons: readonly Button[]): QuickReply[] | null => {
  if (buttons.length === 0 || buttons.length > MAX_QUICK_REPLIES) return null
  const ids = buttons.map(({ id }) => id)
  const valid = ids.every((id) => id !== '' && id.length <= MAX_PAYLOAD)
  if (!valid || new Set(ids).size !== ids.length) return null
  return buttons.map((button) => ({
    content_type: 'text',
    title: truncate(labelOf(button), MAX_TITLE),
    payload: button.id,
  }))
}

/**
 * The `message` objects one reply becomes, in order: text split at 2000 with the quick replies
 * on the last; buttons that do not fit become a numbered list in the text. Never empty.
 */
export const messagesFor = (
  text: string,
  buttons: readonly Button[] = []
): SendPayload['message'][] => {
  const replies = buttons.length > 0 ? quickReplies(buttons) : null
  const full = buttons.length > 0 && !replies ? withNumberedList(text, buttons) : text
  const chunks = splitText(full, MAX_TEXT)
  if (chunks.length === 0) chunks.push(PLACEHOLDER)
  const last = chunks.length - 1
  return chunks.map((chunk, index) =>
    replies && index === last ? { text: chunk, quick_replies: replies } : { text: chunk }
  )
}

// Error codes: https://developers.facebook.com/docs/messenger-platform/error-codes and
// https://developers.facebook.com/docs/graph-api/guides/error-handling
/** How Messenger's Graph error codes are read. */
export const MESSENGER_RULES: GraphRules = {
  // Application, user and page rate limits; no Retry-After is given.
  throttled: new Map([
    [4, 60_000],
    [17, 60_000],
    [32, 60_000],
    [613, 60_000],
  ]),
  // 1200: "Temporary send message failure. Please try again later."
  transient: new Set([1, 2, 1200]),
  // "This message is sent outside of allowed window."
  windowClosed: (error) => error.code === 10 && error.subcode === 2018278,
}
