import { escapeHtml } from '../lib/escape'
import { maskPersonalData } from '../escalation/mask'
import type { EscalationNotice, NoticeLine, Team } from './types'

// Pure payload builders. Every free text (summary, reasons, names, transcript) is masked before
// it leaves here. Human-facing payloads (Slack, Telegram) mask identifiers too, since a
// conversation key or customer id can be a phone number (WhatsApp, SMS); the signed webhook keeps
// identifiers raw because the receiver needs them to call the API.

/** Transcript lines shown in Slack and Telegram messages. */
export const MAX_TRANSCRIPT_LINES = 10

// https://api.slack.com/reference/block-kit/blocks: header text 150, section text 3000, field 2000.
const SLACK_HEADER_MAX = 150
const SLACK_SECTION_MAX = 3000
const SLACK_FIELD_MAX = 2000
const SLACK_FALLBACK_MAX = 300
// https://core.telegram.org/bots/api#sendmessage: 1-4096 characters.
const TELEGRAM_MAX = 4096
const LINE_MAX = 280

// Partial: a stored notice may name a team this version does not know.
const TEAM_LABEL: Partial<Record<Team, string>> = {
  senior: 'senior agents',
  risk: 'risk control',
  pr: 'PR',
}

/** Escapes text for Slack mrkdwn and plain_text: only `&`, `<` and `>` are special. */
export const escapeSlack = escapeHtml

/** Escapes `raw` and cuts it (at a code point, never inside an entity) to at most `max` chars. */
const clip = (raw: string, max: number, escape: (text: string) => string): string => {
  const full = escape(raw)
  if (full.length <= max) return full
  let out = ''
  for (const char of raw) {
    const next = escape(char)
    if (out.length + next.length > max - 1) break
    out += next
  }
  return `${out}…`
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

const validDate = (ms: number): Date | null => {
  const date = new Date(ms)
  return Number.isFinite(date.getTime()) ? date : null
}

/** `2026-01-02T03:04:05.000Z`, or null for a missing or impossible time. */
const iso = (ms: number | null): string | null =>
  ms === null ? null : (validDate(ms)?.toISOString() ?? null)

/** `2026-01-02 03:04 UTC`. */
const longTime = (ms: number | null): string => {
  const text = iso(ms)
  return text ? `${text.slice(0, 16).replace('T', ' ')} UTC` : 'not set'
}

/** `01-02 03:04` (UTC), for transcript lines. */
const shortTime = (ms: number): string => iso(ms)?.slice(5, 16).replace('T', ' ') ?? '--'

/** A Slack date token: shown in the reader's time zone, with a UTC fallback. */
const slackTime = (ms: number | null): string => {
  const text = iso(ms)
  if (ms === null || !text) return 'not set'
  const fallback = longTime(ms)
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`
}

const title = (notice: EscalationNotice) =>
  `Level ${notice.level} escalation: ${TEAM_LABEL[notice.team] ?? notice.team}`

const maskedCustomer = (notice: EscalationNotice): string => {
  const id = maskPersonalData(notice.customer.id)
  return notice.customer.name ? `${maskPersonalData(notice.customer.name)} (${id})` : id
}

const maskedReasons = (notice: EscalationNotice): string =>
  notice.reasons.map((reason) => oneLine(maskPersonalData(reason))).join('; ') || 'not given'

const recent = (notice: EscalationNotice): NoticeLine[] =>
  notice.transcript.slice(-MAX_TRANSCRIPT_LINES)

const arrow = (line: NoticeLine) => (line.direction === 'in' ? '←' : '→')

/** Keeps the newest lines whose joined length (plus `head`) stays within `max`. */
const fitNewest = (head: string, lines: string[], max: number): string => {
  const kept: string[] = []
  let length = head.length
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? ''
    if (length + line.length + 1 > max) break
    kept.unshift(line)
    length += line.length + 1
  }
  return [head, ...kept].join('\n')
}

const author = (line: NoticeLine, escape: (text: string) => string) =>
  clip(oneLine(maskPersonalData(line.author)), 60, escape)

const lineText = (line: NoticeLine, escape: (text: string) => string) =>
  clip(oneLine(maskPersonalData(line.text)), LINE_MAX, escape)

const slackField = (label: string, raw: string) => ({
  type: 'mrkdwn',
  text: `*${label}*\n${clip(raw, SLACK_FIELD_MAX - label.length - 3, escapeSlack)}`,
})

/** Slack incoming-webhook JSON: a `text` fallback plus Block Kit blocks. */
export const slackPayload = (notice: EscalationNotice): { text: string; blocks: unknown[] } => {
  const summary = maskPersonalData(notice.summary)
  const context = [
    `Conversation \`${escapeSlack(maskPersonalData(notice.conversationKey))}\``,
    `submitted ${slackTime(notice.submittedAt)}`,
    `locale ${escapeSlack(notice.locale)}`,
    `delivery ${escapeSlack(notice.deliveryId)}`,
  ].join(' · ')
  const blocks: unknown[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(title(notice), SLACK_HEADER_MAX, (t) => t) },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Summary*\n${clip(summary, SLACK_SECTION_MAX - 12, escapeSlack)}`,
      },
      fields: [
        slackField('Reasons', maskedReasons(notice)),
        slackField('Customer', maskedCustomer(notice)),
        { type: 'mrkdwn', text: `*Due*\n${slackTime(notice.expectedResolutionAt)}` },
        slackField('Channel / intent', `${notice.channel} / ${notice.intent ?? 'unknown'}`),
      ],
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(context, SLACK_FIELD_MAX, (t) => t) }],
    },
  ]
  const lines = recent(notice).map(
    (line) =>
      `\`${shortTime(line.at)}\` ${arrow(line)} *${author(line, escapeSlack)}*: ` +
      lineText(line, escapeSlack)
  )
  if (lines.length > 0) {
    const text = fitNewest('*Recent messages* (UTC)', lines, SLACK_SECTION_MAX)
    blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text } })
  }
  const fallback = clip(oneLine(summary), SLACK_FALLBACK_MAX, escapeSlack)
  return { text: `${escapeSlack(title(notice))}: ${fallback}`, blocks }
}

/** Telegram `parse_mode: 'HTML'` text, at most 4096 characters. */
export const telegramText = (notice: EscalationNotice): string => {
  const html = (raw: string, max: number) => clip(raw, max, escapeHtml)
  const head = [
    `<b>${escapeHtml(title(notice))}</b>`,
    '',
    html(maskPersonalData(notice.summary), 1500),
    '',
    `<b>Reasons:</b> ${html(maskedReasons(notice), 500)}`,
    `<b>Customer:</b> ${html(maskedCustomer(notice), 200)}`,
    [
      `<b>Channel:</b> ${html(notice.channel, 40)}`,
      `<b>Intent:</b> ${html(notice.intent ?? 'unknown', 60)}`,
      `<b>Locale:</b> ${html(notice.locale, 20)}`,
    ].join(' · '),
    `<b>Submitted:</b> ${longTime(notice.submittedAt)}`,
    `<b>Due:</b> ${longTime(notice.expectedResolutionAt)}`,
    `<b>Conversation:</b> <code>${html(maskPersonalData(notice.conversationKey), 200)}</code>`,
  ].join('\n')
  const lines = recent(notice).map(
    (line) =>
      `<i>${shortTime(line.at)}</i> ${arrow(line)} <b>${author(line, escapeHtml)}</b>: ` +
      lineText(line, escapeHtml)
  )
  if (lines.length === 0) return head
  return fitNewest(`${head}\n\n<b>Recent messages (UTC)</b>`, lines, TELEGRAM_MAX)
}

/**
 * The signed webhook's JSON body, version 1. Times are ISO 8601 (UTC). Free text is masked;
 * `conversationKey`, `customer.id`, `deliveryId` and `links` are identifiers and stay raw.
 */
export interface WebhookBody {
  type: 'escalation'
  version: 1
  deliveryId: string
  conversationKey: string
  channel: string
  level: 1 | 2
  team: Team
  reasons: string[]
  summary: string
  customer: { id: string; name?: string }
  submittedAt: string | null
  expectedResolutionAt: string | null
  locale: string
  intent: string | null
  transcript: { direction: 'in' | 'out'; author: string; text: string; at: string | null }[]
  links?: { conversation: string }
}

/** The JSON object the webhook target receives (masked transcript). */
export const webhookBody = (notice: EscalationNotice): WebhookBody => {
  const customer: WebhookBody['customer'] = { id: notice.customer.id }
  if (notice.customer.name !== undefined) customer.name = maskPersonalData(notice.customer.name)
  const body: WebhookBody = {
    type: 'escalation',
    version: 1,
    deliveryId: notice.deliveryId,
    conversationKey: notice.conversationKey,
    channel: notice.channel,
    level: notice.level,
    team: notice.team,
    reasons: notice.reasons.map((reason) => maskPersonalData(reason)),
    summary: maskPersonalData(notice.summary),
    customer,
    submittedAt: iso(notice.submittedAt),
    expectedResolutionAt: iso(notice.expectedResolutionAt),
    locale: notice.locale,
    intent: notice.intent,
    transcript: notice.transcript.map((line) => ({
      direction: line.direction,
      author: maskPersonalData(line.author),
      text: maskPersonalData(line.text),
      at: iso(line.at),
    })),
  }
  if (notice.links) body.links = { conversation: notice.links.conversation }
  return body
}
