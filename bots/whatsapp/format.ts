import type { Button } from '../../src/channels/types'
import type { GraphRules } from '../meta/graph'
import {
  PLACEHOLDER,
  labelOf,
  splitTail,
  splitText,
  truncate,
  withNumberedList,
} from '../meta/text'
import type { Interactive, ListRow, MessageContent } from './api'
import type { Template } from './templates'

// Limits of text and interactive messages (reply buttons, list messages):
// https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#text-object
// https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages
/** Longest text message body, in UTF-16 code units. */
export const MAX_TEXT = 4096
/** Longest body of an interactive (buttons or list) message. */
export const MAX_BODY = 1024
/** Most reply buttons on one message. */
export const MAX_BUTTONS = 3
/** Longest reply button title. */
export const MAX_BUTTON_TITLE = 20
/** Longest reply button id. */
export const MAX_BUTTON_ID = 256
/** Most rows of a list message (all sections together). */
export const MAX_ROWS = 10
/** Longest list row title. */
export const MAX_ROW_TITLE = 24
/** Longest list row description (where a long label continues). */
export const MAX_ROW_DESCRIPTION = 72
/** Longest list row id. */
export const MAX_ROW_ID = 200

/** A plain text message; links are not previewed. */
export const textContent = (body: string): MessageContent => ({
  type: 'text',
  text: { body, preview_url: false },
})

/** An approved template, sent without parameters (outside the 24-hour window). */
export const templateContent = (template: Template): MessageContent => ({
  type: 'template',
  template: { name: template.name, language: { code: template.language } },
})

/** The list message's opening button: Chinese when the text is, else English. */
export const chooseLabel = (text: string): string =>
  /\p{Script=Han}/u.test(text) ? '选择' : 'Choose'

const distinct = (values: readonly string[]) => new Set(values).size === values.length

const validIds = (buttons: readonly Button[], max: number) =>
  buttons.every(({ id }) => id !== '' && id.length <= max) && distinct(buttons.map(({ id }) => id))

/**
 * Native buttons for `buttons` with `body` as text: up to 3 reply buttons, up to 10 list rows;
 * null when they do not fit (more than 10, ids too long or repeated, titles equal once cut).
 */
export const interactiveFor = (
  body: string,
  buttons: readonly Button[],
  script: string
): Interactive | null => {
  const labels = buttons.map(labelOf)
  if (buttons.length === 0 || buttons.length > MAX_ROWS) return null
  if (buttons.length <= MAX_BUTTONS) {
    const titles = labels.map((label) => truncate(label, MAX_BUTTON_TITLE))
    if (!validIds(buttons, MAX_BUTTON_ID) || !distinct(titles)) return null
    const replies = buttons.map(({ id }, index) => ({
      type: 'reply' as const,
      reply: { id, title: titles[index] ?? id },
    }))
    return { type: 'button', body: { text: body }, action: { buttons: replies } }
  }
  if (!validIds(buttons, MAX_ROW_ID)) return null
  const rows = buttons.map(({ id }, index): ListRow => {
    const label = labels[index] ?? id
    const title = truncate(label, MAX_ROW_TITLE)
    if (title === label) return { id, title }
    return { id, title, description: truncate(label, MAX_ROW_DESCRIPTION) }
  })
  return {
    type: 'list',
    body: { text: body },
    action: { button: chooseLabel(script), sections: [{ rows }] },
  }
}

/**
 * The messages one reply becomes, in order: text split at 4096; with buttons, the last 1024
 * units go in the interactive message and the rest before it as text; buttons that do not fit
 * natively (or at all: groups take no interactive messages) become a numbered list in the text.
 * Never empty.
 */
export const contentsFor = (
  text: string,
  buttons: readonly Button[] = [],
  native = true
): MessageContent[] => {
  if (buttons.length > 0 && native) {
    const { head, tail } = splitTail(text, MAX_BODY)
    const body = tail.trim() === '' ? PLACEHOLDER : tail
    const interactive = interactiveFor(body, buttons, text)
    if (interactive) {
      return [...splitText(head, MAX_TEXT).map(textContent), { type: 'interactive', interactive }]
    }
  }
  const full = buttons.length > 0 ? withNumberedList(text, buttons) : text
  const chunks = splitText(full, MAX_TEXT)
  return (chunks.length > 0 ? chunks : [PLACEHOLDER]).map(textContent)
}

// Error codes: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
// No Retry-After is given; rate limits wait a minute, except the per-user pair limit (6 s).
/** How WhatsApp's Graph error codes are read. */
export const WHATSAPP_RULES: GraphRules = {
  throttled: new Map([
    [4, 60_000],
    [80007, 60_000],
    [130429, 60_000],
    [131048, 60_000],
    [131056, 6_000],
  ]),
  transient: new Set([1, 2, 131000, 131016]),
  // Re-engagement: the customer last wrote more than 24 hours ago.
  windowClosed: (error) => error.code === 131047,
}
