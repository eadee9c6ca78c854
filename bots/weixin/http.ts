import { type Failure, networkFailure } from '../../src/lib/failure'
import { getJson, postJson } from '../../src/lib/http'
import { retryAfterMs } from '../../src/lib/retry-after'
import { isRecord } from '../../src/lib/guards'

/** Every WeChat / WeCom API call gives up after this long (then it is retried by the outbox). */
// As long as the platform's own gateway waits; see retry.ts for what a timeout means.
export const TIMEOUT_MS = 30_000

/**
 * One JSON API answer: `errcode` 0 (or absent) is ok, another `errcode` is the platform's error
 * (answered with HTTP 200), and transport trouble (network, 429, 5xx, unreadable body) is already
 * classified.
 * https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
 */
export type WxAnswer =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'error'; errcode: number; errmsg: string }
  | { kind: 'failure'; failure: Failure }

/** Replaces every secret (and its URL-encoded form) in a reason: stored failures never leak one. */
export const redact = (reason: string, secrets: readonly string[]): string => {
  let clean = reason
  for (const secret of secrets) {
    if (secret.length === 0) continue
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      clean = clean.split(form).join('<redacted>')
    }
  }
  return clean
}

const failure = (retryable: boolean, reason: string, retryAfter?: number): WxAnswer => ({
  kind: 'failure',
  failure: {
    ok: false,
    retryable,
    reason,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  },
})

/**
 * Calls a WeChat / WeCom JSON endpoint (GET, or POST with a JSON body). Never throws; every
 * reason is scrubbed of `secrets` (access token, AppSecret) because they travel in the URL.
 */
export const requestJson = async (
  doFetch: typeof fetch,
  url: string,
  payload: unknown,
  secrets: readonly string[]
): Promise<WxAnswer> => {
  const answer = await requestOnce(doFetch, url, payload)
  if (answer.kind !== 'failure') return answer
  return {
    kind: 'failure',
    failure: { ...answer.failure, reason: redact(answer.failure.reason, secrets) },
  }
}

const requestOnce = async (
  doFetch: typeof fetch,
  url: string,
  payload: unknown
): Promise<WxAnswer> => {
  const response =
    payload === undefined
      ? await getJson(doFetch, url, {}, TIMEOUT_MS)
      : await postJson(doFetch, url, payload, {}, TIMEOUT_MS)
  if ('error' in response) return { kind: 'failure', failure: networkFailure(response.error) }
  // The platforms answer errors with HTTP 200; a 429 or 5xx comes from a gateway or proxy.
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'), { maxDigits: 6 }) ?? 1000
    return failure(true, 'HTTP 429', wait)
  }
  if (response.status >= 500) return failure(true, `HTTP ${response.status}`)
  const { body } = response
  // An answer that is not JSON reads as null (a literal `null` too: neither is usable).
  if (body === null) return failure(response.ok, `HTTP ${response.status}: unreadable answer`)
  if (!isRecord(body)) return failure(response.ok, `HTTP ${response.status}: unexpected answer`)
  const errcode = body.errcode ?? 0
  if (typeof errcode !== 'number') return failure(false, `HTTP ${response.status}: bad errcode`)
  if (errcode !== 0) {
    const errmsg = typeof body.errmsg === 'string' ? body.errmsg : ''
    return { kind: 'error', errcode, errmsg }
  }
  if (!response.ok) return failure(false, `HTTP ${response.status}`)
  return { kind: 'ok', body }
}
