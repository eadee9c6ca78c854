import type { Button } from '../../src/channels/types'
import type { Failure } from '../../src/lib/failure'
import { isHighSurrogate, separatorCut, splitWith } from '../../src/lib/split-text'
import { isRecord } from '../../src/lib/guards'

// Body is up to 1600 characters; Twilio splits longer SMS into segments and the handset joins them:
// https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
/** Longest `Body` of one API call, in UTF-16 code units (Twilio counts at most this many). */
export const MAX_BODY = 1600

// Twilio recommends at most 10 segments per message for deliverability and cost:
// https://www.twilio.com/docs/glossary/what-sms-character-limit
/** Most SMS segments one part may need. */
export const MAX_SEGMENTS = 10

// GSM 03.38 default alphabet (without ESC) and its extension table, whose characters take two
// septets (ESC + char): https://www.twilio.com/docs/glossary/what-is-gsm-7-character-encoding
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
)
const GSM_EXTENSION = new Set('\f^{}\\[~]|€')

// One segment carries 160 septets (GSM-7) or 70 UTF-16 units (UCS-2); a concatenated one loses
// its user data header to 153 / 67: https://www.twilio.com/docs/glossary/what-sms-character-limit
const GSM_SINGLE = 160
const GSM_MULTI = 153
const UCS2_SINGLE = 70
const UCS2_MULTI = 67

/** Septet cost of each character of `text`, or null when one is outside GSM-7. */
const gsmCosts = (text: string): number[] | null => {
  const costs: number[] = []
  for (const char of text) {
    if (GSM_BASIC.has(char)) costs.push(1)
    else if (GSM_EXTENSION.has(char)) costs.push(2)
    else return null
  }
  return costs
}

/** Packs character costs into segments; an ESC pair or surrogate pair never straddles two. */
const pack = (costs: number[], single: number, multi: number): number => {
  const total = costs.reduce((sum, cost) => sum + cost, 0)
  if (total === 0) return 0
  if (total <= single) return 1
  let count = 1
  let used = 0
  for (const cost of costs) {
    if (used + cost > multi) {
      count++
      used = 0
    }
    used += cost
  }
  return count
}

/**
 * How many SMS segments `text` takes: GSM-7 when every character is in the GSM 03.38 alphabet
 * (extension-table characters such as `€ [ ] { } ~ ^ \ |` count twice), else UCS-2 (UTF-16
 * units; emoji count twice). 0 for empty text.
 */
export const segments = (text: string): number => {
  const gsm = gsmCosts(text)
  if (gsm) return pack(gsm, GSM_SINGLE, GSM_MULTI)
  return pack(
    Array.from(text, (char) => char.length),
    UCS2_SINGLE,
    UCS2_MULTI
  )
}

/** Is there a Han (Chinese) character in `text`? Picks the language of the numbered options. */
export const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text)

/**
 * Appends buttons as numbered reply options (Twilio SMS has no buttons; the engine maps a typed
 * number or label back to its button): `Reply 1 for Track order`, or `回复 1 查询订单` when the
 * text is Chinese.
 */
export const withOptions = (text: string, buttons: readonly Button[] = []): string => {
  if (buttons.length === 0) return text
  const chinese = hasHan(text)
  const lines = buttons.map(({ id, label }, index) => {
    const name = label.trim() === '' ? id : label.trim()
    return chinese ? `回复 ${index + 1} ${name}` : `Reply ${index + 1} for ${name}`
  })
  const options = lines.join('\n')
  return text.trim() === '' ? options : `${text}\n\n${options}`
}

/** Longest prefix of `text` (in UTF-16 units) that `fits`, never ending inside a surrogate pair. */
const longestFit = (text: string, fits: (part: string) => boolean): number => {
  let lo = 0
  let hi = Math.min(text.length, MAX_BODY)
  // fits() is monotone in the prefix length, so binary search finds the longest fitting prefix.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(text.slice(0, mid))) lo = mid
    else hi = mid - 1
  }
  if (lo > 1 && lo < text.length && isHighSurrogate(text.charCodeAt(lo - 1))) lo--
  // A single character always goes through, whatever it costs.
  return Math.max(lo, Math.min(text.length, isHighSurrogate(text.charCodeAt(0)) ? 2 : 1))
}

/**
 * Splits plain text into `Body` values: each at most 1600 UTF-16 units and, for SMS, at most 10
 * segments; cut at a newline, else a space, in the last half of what fits; never inside a
 * surrogate pair. Whitespace-only parts are dropped, so blank text gives no parts.
 */
export const splitBody = (text: string, sms: boolean): string[] => {
  const fits = sms
    ? (part: string) => part.length <= MAX_BODY && segments(part) <= MAX_SEGMENTS
    : (part: string) => part.length <= MAX_BODY
  const cut = (rest: string) => {
    const end = longestFit(rest, fits)
    return separatorCut(rest, end, (at) => at > 0 && at >= end / 2) ?? { end, skip: 0 }
  }
  return splitWith(text, { fits, cut })
}

// Error codes: https://www.twilio.com/docs/api/errors
/** Twilio's "too many concurrent requests" error code (also sent with HTTP 429). */
export const TOO_MANY_REQUESTS = 20429
/** WhatsApp free-form message outside the 24 h customer service window. */
export const WINDOW_CLOSED = 63016

/** Short explanations of the error codes agents meet most, for failure reasons and receipts. */
export const KNOWN_ERRORS: Readonly<Record<number, string>> = {
  20003: 'authentication failed (check TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)',
  21211: 'invalid To phone number',
  21408: 'sending to this region is not enabled (Messaging Geographic Permissions)',
  21610: 'the recipient replied STOP and is unsubscribed',
  21614: 'To is not a mobile number',
  30003: 'unreachable destination handset',
  30004: 'message blocked by the recipient or carrier',
  30005: 'unknown destination handset',
  30006: 'landline or unreachable carrier',
  30007: 'filtered by the carrier as spam',
  30008: 'unknown delivery error',
}

/** The reason stored for a Twilio error code: `window_closed` for 63016, else code + text. */
export const errorReason = (code: number, message?: string): string => {
  if (code === WINDOW_CLOSED) return 'window_closed'
  const text = message ?? KNOWN_ERRORS[code] ?? `see https://www.twilio.com/docs/api/errors/${code}`
  return `twilio ${code}: ${text}`
}

/**
 * Classifies a failed Messages API answer from its HTTP status and parsed body (null when not
 * JSON): 429 / 20429 and 5xx are retryable (Twilio sends no retry hint), every other 4xx is final.
 */
export const classify = (status: number, body: unknown): Failure => {
  const code = isRecord(body) && typeof body.code === 'number' ? body.code : undefined
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : undefined
  const reason = code === undefined ? (message ?? `HTTP ${status}`) : errorReason(code, message)
  if (status === 429 || code === TOO_MANY_REQUESTS || status >= 500) {
    return { ok: false, retryable: true, reason }
  }
  return { ok: false, retryable: false, reason }
}
