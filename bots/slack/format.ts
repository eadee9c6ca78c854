import type { Button } from '../../src/channels/types'
import { escapeHtml } from '../../src/lib/escape'
import type { Failure } from '../../src/lib/failure'
import { retryAfterMs as readRetryAfter } from '../../src/lib/retry-after'
import { safeEnd, splitText as split } from '../../src/lib/split-text'
import type { ActionsBlock, Block, ButtonElement } from './api'
import { isRecord } from '../../src/lib/guards'

// Section text is at most 3000 characters:
// https://docs.slack.dev/reference/block-kit/blocks/section-block
/** Longest mrkdwn text of one section block (after escaping). */
export const MAX_SECTION_TEXT = 3000

// One section per message: the top-level `text` must repeat the content (mobile notifications and
// screen readers read only it) and Slack rejects long `text` with `msg_too_long` well below the
// documented 40,000 (about 4,000: https://github.com/seratch/ChatGPT-in-Slack/issues/102), and
// long block sets with `msg_blocks_too_long` (about 12,000:
// https://github.com/slackapi/bolt-js/issues/2509).
/** Longest escaped text one `chat.postMessage` carries; longer replies become several messages. */
export const MAX_MESSAGE_TEXT = MAX_SECTION_TEXT

// https://docs.slack.dev/reference/block-kit/blocks/actions-block (25 elements),
// https://docs.slack.dev/reference/block-kit/block-elements/button-element (text 75, value 2000)
/** Most buttons one actions block holds; more degrade to a numbered list. */
export const MAX_BUTTONS = 25
/** Longest button label; longer ones are shortened with an ellipsis. */
export const MAX_BUTTON_LABEL = 75
/** Longest button `value` (our button id); a longer id degrades the buttons to a numbered list. */
export const MAX_BUTTON_VALUE = 2000

// Section text must not be empty; a reply made only of buttons still needs one.
const PLACEHOLDER = '…'

// Only these three are control characters in mrkdwn:
// https://docs.slack.dev/messaging/formatting-message-text#escaping
/** Escapes plain text for mrkdwn (`&`, `<`, `>` only). */
export const escapeMrkdwn = escapeHtml

/** A `<...>` control sequence inbound: link, user/channel mention or special mention. */
const controlSequence = (inner: string): string => {
  const bar = inner.indexOf('|')
  const target = bar === -1 ? inner : inner.slice(0, bar)
  const label = bar === -1 ? undefined : inner.slice(bar + 1)
  if (target.startsWith('@')) return label ? `@${label}` : target
  if (target.startsWith('#')) return label ? `#${label}` : target
  if (target.startsWith('!')) return label ?? `@${target.slice(1)}`
  return label ?? target
}

// Inbound text is mrkdwn: escaped entities, auto-linked URLs as `<url|typed text>`, mentions
// as `<@U123>`: https://docs.slack.dev/messaging/formatting-message-text
/** Turns an inbound message's mrkdwn into the plain text the customer typed. */
export const fromMrkdwn = (text: string): string =>
  text
    .replace(/<([^<>]*)>/g, (_, inner: string) => controlSequence(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/**
 * Splits escaped mrkdwn into chunks of at most `limit` UTF-16 code units, preferring a newline,
 * then a space, near the limit; never inside a surrogate pair or an entity. Blank text gives no
 * chunks.
 */
export const splitText = (text: string, limit = MAX_MESSAGE_TEXT): string[] =>
  split(text, { limit, escaped: true })

const labelOf = (button: Button): string => (button.label.trim() === '' ? button.id : button.label)

/** A label shortened to {@link MAX_BUTTON_LABEL} characters, never inside a surrogate pair. */
export const shortLabel = (label: string): string => {
  if (label.length <= MAX_BUTTON_LABEL) return label
  return `${label.slice(0, safeEnd(label, MAX_BUTTON_LABEL - 1))}…`
}

/** `1. Label` lines, for buttons Slack cannot show (the engine maps a typed number back). */
export const numberedList = (buttons: readonly Button[]): string =>
  buttons.map((button, index) => `${index + 1}. ${labelOf(button)}`).join('\n')

/**
 * Native buttons (`action_id` = `btn:<index>`, `value` = button id), or null when Slack cannot
 * carry them: more than {@link MAX_BUTTONS}, or an id that is empty or too long for `value`.
 */
export const actionsBlock = (buttons: readonly Button[]): ActionsBlock | null => {
  if (buttons.length === 0 || buttons.length > MAX_BUTTONS) return null
  if (buttons.some(({ id }) => id === '' || id.length > MAX_BUTTON_VALUE)) return null
  const elements = buttons.map((button, index): ButtonElement => ({
    type: 'button',
    text: { type: 'plain_text', text: shortLabel(labelOf(button)), emoji: true },
    action_id: `btn:${index}`,
    value: button.id,
  }))
  return { type: 'actions', elements }
}

/** One `chat.postMessage` worth of content: fallback text and blocks. */
export interface MessagePart {
  text: string
  blocks: Block[]
}

/**
 * Plain reply text and buttons -> the messages to post, in order: escaped text split into
 * sections of {@link MAX_MESSAGE_TEXT}, one per message, with the buttons under the last one
 * (or appended as a numbered list when Slack cannot show them).
 */
export const composeMessages = (text: string, buttons: readonly Button[] = []): MessagePart[] => {
  const actions = actionsBlock(buttons)
  const list = buttons.length > 0 && !actions ? numberedList(buttons) : ''
  const plain = list === '' ? text : text.trim() === '' ? list : `${text}\n\n${list}`
  const chunks = splitText(escapeMrkdwn(plain))
  if (chunks.length === 0) chunks.push(PLACEHOLDER)
  return chunks.map((chunk, index) => {
    const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: chunk } }]
    if (actions && index === chunks.length - 1) blocks.push(actions)
    return { text: chunk, blocks }
  })
}

// Slack answers most failures with HTTP 200 and `{ ok: false, error }`; these are transient:
// https://docs.slack.dev/reference/methods/chat.postMessage#errors
/** Slack error codes worth retrying. */
export const TRANSIENT: ReadonlySet<string> = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
])

/** `Retry-After` seconds as ms; 1 s when absent or not a number of seconds. */
export const retryAfterMs = (header: string | null): number =>
  readRetryAfter(header, { fractions: true }) ?? 1000

/**
 * Classifies a failed Web API answer from its HTTP status, parsed body (null when not JSON) and
 * `Retry-After` header. https://docs.slack.dev/apis/web-api/rate-limits
 */
export const classify = (status: number, body: unknown, retryAfter: string | null): Failure => {
  const error = isRecord(body) && typeof body.error === 'string' ? body.error : `HTTP ${status}`
  const metadata = isRecord(body) && isRecord(body.response_metadata) ? body.response_metadata : {}
  const details = Array.isArray(metadata.messages)
    ? metadata.messages.filter((m): m is string => typeof m === 'string')
    : []
  const reason = details.length > 0 ? `${error}: ${details.join('; ')}` : error
  if (status === 429 || error === 'ratelimited') {
    return { ok: false, retryable: true, retryAfterMs: retryAfterMs(retryAfter), reason }
  }
  if (status >= 500 || TRANSIENT.has(error)) return { ok: false, retryable: true, reason }
  return { ok: false, retryable: false, reason }
}
