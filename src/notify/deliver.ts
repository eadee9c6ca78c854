import { postSlackTeamChat, postTelegramTeamChat } from '../../bots'
import type { SendResult } from '../channels/types'
import { hmacSha256Hex } from '../lib/crypto'
import { utf8 } from '../lib/encoding'
import { networkFailure } from '../lib/failure'
import { classifyAnswer, postUnredirected } from '../lib/http-answer'
import { isPublicHost } from '../lib/public-host'
import { slackPayload, telegramText, webhookBody } from './build'
import type { EscalationNotice, NotifyTarget } from './types'

/** What {@link deliver} needs from its host; injected so tests can fake it. */
export interface DeliverDeps {
  fetch?: typeof fetch
  env: {
    TELEGRAM_BOT_TOKEN?: string
    TELEGRAM_API_BASE?: string
    SLACK_BOT_TOKEN?: string
    SLACK_API_BASE?: string
  }
  /** Clock (ms epoch) for the webhook timestamp and Retry-After dates. */
  now: number
}

const TIMEOUT_MS = 10_000

/** A target that never answered, named by its host so the reason says where it tried. */
const unreachable = (url: string, error: unknown): SendResult => {
  const failure = networkFailure(error)
  let host = 'the target'
  try {
    host = new URL(url).host
  } catch {
    // keep the generic name
  }
  return { ...failure, reason: `could not reach ${host} (${failure.reason})` }
}

const isPublicUrl = (text: string): boolean => {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' && isPublicHost(url.hostname)
  } catch {
    return false
  }
}

const post = (fetcher: typeof fetch, url: string, headers: Record<string, string>, body: string) =>
  postUnredirected(fetcher, url, headers, body, TIMEOUT_MS)

const sendSlack = async (
  fetcher: typeof fetch,
  url: string,
  notice: EscalationNotice,
  now: number
): Promise<SendResult> => {
  const body = JSON.stringify(slackPayload(notice))
  let res: Response
  try {
    res = await post(fetcher, url, { 'Content-Type': 'application/json' }, body)
  } catch (error) {
    return unreachable(url, error)
  }
  return classifyAnswer(res, now, notice.deliveryId)
}

const sendWebhook = async (
  fetcher: typeof fetch,
  target: { url: string; secret: string },
  notice: EscalationNotice,
  now: number
): Promise<SendResult> => {
  const body = JSON.stringify(webhookBody(notice))
  const timestamp = Math.floor(now / 1000)
  const signature = await hmacSha256Hex(target.secret, `${timestamp}.${body}`)
  const headers = {
    'Content-Type': 'application/json',
    'X-Signature-256': `sha256=${signature}`,
    'X-Timestamp': String(timestamp),
    'X-Delivery-Id': notice.deliveryId,
  }
  let res: Response
  try {
    res = await post(fetcher, target.url, headers, body)
  } catch (error) {
    return unreachable(target.url, error)
  }
  return classifyAnswer(res, now, notice.deliveryId)
}

/**
 * Sends one notice to one target and classifies the outcome; never throws. The caller retries
 * retryable failures with the same notice (same `deliveryId`).
 */
export const deliver = async (
  target: NotifyTarget,
  notice: EscalationNotice,
  deps: DeliverDeps
): Promise<SendResult> => {
  // Read at call time, so a stubbed global fetch is honoured.
  const fetcher = deps.fetch ?? fetch
  // Checked again at send time: a target saved before the rule existed must not be reached either.
  if ((target.kind === 'slack' || target.kind === 'webhook') && !isPublicUrl(target.url)) {
    return { ok: false, retryable: false, reason: 'target is not a public https host' }
  }
  try {
    switch (target.kind) {
      case 'slack':
        return await sendSlack(fetcher, target.url, notice, deps.now)
      case 'slack-desk':
        return await postSlackTeamChat(
          fetcher,
          deps.env,
          target.channel,
          slackPayload(notice),
          notice.deliveryId,
          deps.now
        )
      case 'telegram':
        return await postTelegramTeamChat(
          fetcher,
          deps.env,
          target.chatId,
          telegramText(notice),
          notice.deliveryId
        )
      case 'webhook':
        return await sendWebhook(fetcher, target, notice, deps.now)
      default:
        return { ok: false, retryable: false, reason: 'unknown target kind' }
    }
  } catch (error) {
    // Only a bug in building the payload gets here; retrying would fail the same way.
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, retryable: false, reason: `internal: ${message}` }
  }
}

/**
 * Receivers' check of a webhook delivery: `header` must be `sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">`. Constant time. Pass `freshness` to also reject old timestamps.
 */
export const verifyWebhookSignature = async (
  secret: string,
  timestamp: string | number,
  body: string,
  header: string | null | undefined,
  freshness?: { now: number; toleranceSeconds?: number }
): Promise<boolean> => {
  if (!header?.startsWith('sha256=')) return false
  const seconds = Number(timestamp)
  if (!Number.isSafeInteger(seconds)) return false
  if (freshness) {
    const tolerance = freshness.toleranceSeconds ?? 300
    if (Math.abs(freshness.now / 1000 - seconds) > tolerance) return false
  }
  const expected = utf8(await hmacSha256Hex(secret, `${timestamp}.${body}`))
  const given = utf8(header.slice('sha256='.length).toLowerCase())
  // The expected length is public (64 hex digits); only the content must not leak.
  if (given.byteLength !== expected.byteLength) return false
  return crypto.subtle.timingSafeEqual(given, expected)
}
