import type { SendResult } from '../channels/types'
import { retryAfterMs } from './retry-after'

// Only this much of an answer is read for a failure's reason.
const REASON_MAX = 300

const readText = async (res: Response): Promise<string> => {
  try {
    return (await res.text()).trim().slice(0, REASON_MAX)
  } catch {
    return ''
  }
}

/**
 * POSTs a prepared body and gives up after `timeoutMs`; throws like `fetch`. A redirect is the
 * answer, never followed: it would re-send a signed body somewhere unconfigured.
 */
export const postUnredirected = (
  fetcher: typeof fetch,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number
): Promise<Response> =>
  fetcher(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  })

/**
 * Classifies a plain HTTP answer (a webhook's): 2xx ok (as `externalId`), 429 and 5xx retryable
 * (429 after its Retry-After, seconds or a date), anything else final.
 */
export const classifyAnswer = async (
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
    const wait = retryAfterMs(res.headers.get('Retry-After'), { now })
    return wait === undefined
      ? { ok: false, retryable: true, reason }
      : { ok: false, retryable: true, retryAfterMs: wait, reason }
  }
  if (res.status >= 500) return { ok: false, retryable: true, reason }
  // Slack answers 4xx with a bare code (invalid_payload, no_service, channel_is_archived).
  return { ok: false, retryable: false, reason: text || `HTTP ${res.status}` }
}
