import { type Button, WINDOW_CLOSED } from '../../src/channels/types'
import type { Failure } from '../../src/lib/failure'
import { cleanText, splitUtf8, withNumberedOptions } from '../weixin/text'

/** Longest text of one customer-service message, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 2048

/** The reason for "5 messages sent since the customer last wrote" (45047). */
export const REPLY_LIMIT = 'reply_limit'

// WeChat rejects empty content; a reply made of buttons only still has the numbered list.
const PLACEHOLDER = '…'

/**
 * The text parts of one reply: buttons appended as a numbered list (the Official Account has no
 * buttons in customer-service text), cleaned, split at 2048 bytes. Never empty.
 */
export const textParts = (text: string, buttons: readonly Button[] = []): string[] => {
  const parts = splitUtf8(cleanText(withNumberedOptions(text, buttons)), MAX_TEXT_BYTES)
  return parts.length > 0 ? parts : [PLACEHOLDER]
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/** Milliseconds until the next midnight in Beijing time, when WeChat's daily quotas reset. */
export const untilQuotaReset = (now: number): number =>
  DAY_MS - ((((now + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS)

/**
 * Classifies an `errcode` of the customer-service API:
 * https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
 * 45015 (out of the 48 h window / unsubscribed) and 45047 (5 replies without an answer) are final
 * with fixed reasons; -1 (busy), 45009 (daily quota, resets at midnight Beijing time) and 45011
 * (per-minute quota) retry; everything else (40003 bad openid, 48001 unauthorized...) is final.
 */
export const classify = (errcode: number, errmsg: string, now: number): Failure => {
  const reason = `${errcode} ${errmsg}`.trim()
  switch (errcode) {
    case 45015:
      return { ok: false, retryable: false, reason: WINDOW_CLOSED }
    case 45047:
      return { ok: false, retryable: false, reason: REPLY_LIMIT }
    case -1:
      return { ok: false, retryable: true, reason }
    case 45009:
      return {
        ok: false,
        retryable: true,
        retryAfterMs: Math.max(60_000, untilQuotaReset(now)),
        reason,
      }
    case 45011:
      return { ok: false, retryable: true, retryAfterMs: 60_000, reason }
    default:
      return { ok: false, retryable: false, reason }
  }
}
