import { classify, networkFailure, type Failure } from '../../bots/telegram/format'
import { isPublicHost } from '../lib/public-host'
import type { SendResult } from '../channels/types'
import { hmacSha256Hex } from '../lib/crypto'
import { utf8 } from '../lib/encoding'
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
const DEFAULT_TELEGRAM_API = 'https://api.telegram.org'
const REASON_MAX = 300

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const readText = async (res: Response): Promise<string> => {
  try {
    return (await res.text()).trim().slice(0, REASON_MAX)
  } catch {
    return ''
  }
}

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
const retryAfterMs = (header: string | null, now: number): number | undefined => {
  if (header === null || header.trim() === '') return undefined
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined
}

/** Classifies a plain HTTP answer: 2xx ok, 429 and 5xx retryable, anything else final. */
const classifyHttp = async (
  res: Response,
  now: number,
  externalId: string
): Promise<SendResult> => {
  if (res.status >= 200 && res.status < 300) {
    await res.body?.cancel().catch(() => undefined)
    return { ok: true, externalId }
  }
  // Only a bare error code is kept from an answer (Slack's `no_service`); anything else a target
  // says is not repeated, so a delivery can't be used to read what a URL returns.
  const body = await readText(res)
  const text = /^[a-z][a-z0-9_]{1,60}$/.test(body) ? body : ''
  const reason = text ? `HTTP ${res.status}: ${text}` : `HTTP ${res.status}`
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers.get('Retry-After'), now)
    return wait === undefined
      ? { ok: false, retryable: true, reason }
      : { ok: false, retryable: true, retryAfterMs: wait, reason }
  }
  if (res.status >= 500) return { ok: false, retryable: true, reason }
  // Slack answers 4xx with a bare code (invalid_payload, no_service, channel_is_archived).
  return { ok: false, retryable: false, reason: text || `HTTP ${res.status}` }
}

const post = (fetcher: typeof fetch, url: string, headers: Record<string, string>, body: string) =>
  fetcher(url, {
    method: 'POST',
    headers,
    body,
    // A redirect would re-send a signed body somewhere unconfigured; treat it as an answer.
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })

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
  return classifyHttp(res, now, notice.deliveryId)
}

// chat.postMessage answers HTTP 200 with ok:false for most failures:
// https://api.slack.com/methods/chat.postMessage#errors
const SLACK_RETRYABLE = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
])

const sendSlackDesk = async (
  fetcher: typeof fetch,
  channel: string,
  notice: EscalationNotice,
  env: DeliverDeps['env'],
  now: number
): Promise<SendResult> => {
  const token = env.SLACK_BOT_TOKEN
  if (!token) return { ok: false, retryable: false, reason: 'slack not configured' }
  const base = (env.SLACK_API_BASE || 'https://slack.com/api').replace(/\/+$/, '')
  const body = JSON.stringify({ channel, ...slackPayload(notice), unfurl_links: false })
  let res: Response
  try {
    res = await post(
      fetcher,
      `${base}/chat.postMessage`,
      { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${token}` },
      body
    )
  } catch (error) {
    return networkFailure(error)
  }
  if (res.status === 429 || res.status >= 500) return classifyHttp(res, now, notice.deliveryId)
  const answer: unknown = await res.json().catch(() => null)
  if (isRecord(answer) && answer.ok === true && typeof answer.ts === 'string')
    return { ok: true, externalId: answer.ts }
  const error =
    isRecord(answer) && typeof answer.error === 'string' ? answer.error : `HTTP ${res.status}`
  return { ok: false, retryable: SLACK_RETRYABLE.has(error), reason: `slack: ${error}` }
}

const telegramFailure = (status: number, body: unknown): Failure => {
  const failure = classify(status, body)
  // A group upgraded to a supergroup gets a new id; name it so the admin can fix the config.
  const migrated =
    isRecord(body) && isRecord(body.parameters) ? body.parameters.migrate_to_chat_id : undefined
  return typeof migrated === 'number'
    ? { ...failure, reason: `${failure.reason} (new chat id ${migrated})` }
    : failure
}

const sendTelegram = async (
  fetcher: typeof fetch,
  chatId: string,
  notice: EscalationNotice,
  env: DeliverDeps['env']
): Promise<SendResult> => {
  const token = env.TELEGRAM_BOT_TOKEN
  if (!token) return { ok: false, retryable: false, reason: 'telegram not configured' }
  const base = (env.TELEGRAM_API_BASE || DEFAULT_TELEGRAM_API).replace(/\/+$/, '')
  const body = JSON.stringify({
    chat_id: chatId,
    text: telegramText(notice),
    parse_mode: 'HTML',
    disable_web_page_preview: true,
  })
  let res: Response
  try {
    res = await fetcher(`${base}/bot${token}/sendMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    return networkFailure(error)
  }
  let json: unknown = null
  try {
    json = await res.json()
  } catch {
    // Not JSON (a proxy's error page): classified by status alone.
  }
  if (res.ok && isRecord(json) && json.ok === true) {
    const result = isRecord(json.result) ? json.result : {}
    const id = result.message_id
    return { ok: true, externalId: typeof id === 'number' ? String(id) : notice.deliveryId }
  }
  return telegramFailure(res.status, json)
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
  return classifyHttp(res, now, notice.deliveryId)
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
        return await sendSlackDesk(fetcher, target.channel, notice, deps.env, deps.now)
      case 'telegram':
        return await sendTelegram(fetcher, target.chatId, notice, deps.env)
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
