import type { Failure } from '../../src/lib/failure'
import { requestJson } from './http'

/** Where an access token comes from: the Official Account's stable token or WeCom's gettoken. */
export interface TokenSource {
  kind: 'wechat' | 'wecom'
  /** AppID (wechat) or CorpID (wecom); also the cache key. */
  id: string
  /** AppSecret (wechat) or the customer-service app secret (wecom). */
  secret: string
  /** API base without a trailing slash (`WECHAT_API_BASE` / `WECOM_API_BASE`). */
  base: string
}

/** A usable access token, or why there is none. */
export type TokenResult = { ok: true; token: string } | Failure

/** Tokens are refreshed this long before they expire. */
export const REFRESH_MARGIN_MS = 5 * 60_000

/** A waiter stops waiting for another caller's fetch after this long and fetches itself. */
export const SHARED_WAIT_MS = 15_000

const DEFAULT_TTL_SECONDS = 7200

// Per isolate: every Conversation object in this isolate reuses one token per account.
const cache = new Map<string, { token: string; expiresAt: number }>()
const pending = new Map<string, Promise<TokenResult>>()

/** Forgets every cached token (tests only). */
export const resetAccessTokens = (): void => {
  cache.clear()
  pending.clear()
}

const keyOf = (source: TokenSource) => `${source.kind}:${source.id}`

// 40164 (Official Account) and 60020 (WeCom) mean the caller's IP is not on the account's
// whitelist; Workers have no fixed egress IP, so the API base must point at a fixed-IP proxy.
const IP_NOT_ALLOWED = new Set([40164, 60020])
// -1 system busy, 45009 quota, 45011 frequency: worth another try later.
const TRANSIENT = new Set([-1, 45009, 45011])

const tokenError = (errcode: number, errmsg: string): Failure => {
  const reason = `access token: ${errcode} ${errmsg}`.trim()
  if (IP_NOT_ALLOWED.has(errcode)) {
    return { ok: false, retryable: false, reason: `${reason} (whitelist the API proxy's IP)` }
  }
  return { ok: false, retryable: TRANSIENT.has(errcode), reason }
}

const fetchToken = async (
  source: TokenSource,
  doFetch: typeof fetch
): Promise<{ ok: true; token: string; ttlSeconds: number } | Failure> => {
  // The stable token (normal mode) is the same for every caller while it is valid, so isolates
  // do not invalidate each other's tokens as /cgi-bin/token would:
  // https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken.html
  const id = encodeURIComponent(source.id)
  const secret = encodeURIComponent(source.secret)
  const answer =
    source.kind === 'wechat'
      ? await requestJson(
          doFetch,
          `${source.base}/cgi-bin/stable_token`,
          {
            grant_type: 'client_credential',
            appid: source.id,
            secret: source.secret,
            force_refresh: false,
          },
          [source.secret]
        )
      : await requestJson(
          doFetch,
          `${source.base}/cgi-bin/gettoken?corpid=${id}&corpsecret=${secret}`,
          undefined,
          [source.secret]
        )
  if (answer.kind === 'failure')
    return { ...answer.failure, reason: `access token: ${answer.failure.reason}` }
  if (answer.kind === 'error') return tokenError(answer.errcode, answer.errmsg)
  const { access_token: token, expires_in: ttl } = answer.body
  if (typeof token !== 'string' || token === '') {
    return { ok: false, retryable: true, reason: 'access token: answer without access_token' }
  }
  const ttlSeconds = typeof ttl === 'number' && ttl > 0 ? ttl : DEFAULT_TTL_SECONDS
  return { ok: true, token, ttlSeconds }
}

/** Resolves with the promise's value, or undefined if it rejects or takes longer than `ms`. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      () => {
        clearTimeout(timer)
        resolve(undefined)
      }
    )
  })

/**
 * The access token for an account, from the per-isolate cache while it has more than 5 minutes
 * left. `rejected` is a token the platform just refused (40001/40014/42001): it is dropped and a
 * fresh one fetched, unless another caller already replaced it. Concurrent callers share one
 * fetch. Never throws.
 */
export const getAccessToken = async (
  source: TokenSource,
  doFetch: typeof fetch,
  now: number,
  rejected?: string
): Promise<TokenResult> => {
  const key = keyOf(source)
  const cached = cache.get(key)
  if (cached && cached.token !== rejected && now < cached.expiresAt - REFRESH_MARGIN_MS) {
    return { ok: true, token: cached.token }
  }
  if (cached && cached.token === rejected) cache.delete(key)

  const running = pending.get(key)
  if (running) {
    // The fetch belongs to another request; if that request dies, its promise may never settle.
    const shared = await within(running, SHARED_WAIT_MS)
    if (shared) return shared
  }
  const flight = fetchToken(source, doFetch).then((result): TokenResult => {
    if (!result.ok) return result
    cache.set(key, { token: result.token, expiresAt: now + result.ttlSeconds * 1000 })
    return { ok: true, token: result.token }
  })
  pending.set(key, flight)
  try {
    return await flight
  } finally {
    if (pending.get(key) === flight) pending.delete(key)
  }
}
