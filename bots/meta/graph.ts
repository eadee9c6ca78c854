import { WINDOW_CLOSED } from '../../src/channels/types'
import { type Failure, networkFailure } from '../../src/lib/failure'
import { getJson, postJson } from '../../src/lib/http'
import { retryAfterMs } from '../../src/lib/retry-after'
import { isRecord } from '../../src/lib/guards'

/** Graph API version of every call (`${META_GRAPH_API_BASE}/v21.0/...`). */
export const GRAPH_VERSION = 'v21.0'

/** The public Graph API, used when `META_GRAPH_API_BASE` is unset. */
export const DEFAULT_GRAPH_BASE = 'https://graph.facebook.com'

// Sends run from the alarm, which has minutes of wall time: wait as long as the platform's own
// gateway would (about 30 s), so a slow answer is rarely mistaken for none (see retry.ts).
const TIMEOUT_MS = 30_000

/**
 * The Graph error object, `{ error: { message, type, code, error_subcode, fbtrace_id } }`:
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
export interface GraphError {
  message: string
  code?: number
  subcode?: number
  /** Graph's own hint that the same call may succeed later. */
  transient: boolean
}

/** The Graph error in an answer body, or null when the body has none. */
export const graphError = (body: unknown): GraphError | null => {
  const error = isRecord(body) ? body.error : undefined
  if (!isRecord(error)) return null
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) ? value : undefined
  const code = number(error.code)
  const subcode = number(error.error_subcode)
  return {
    message: typeof error.message === 'string' ? error.message : 'unknown Graph error',
    ...(code === undefined ? {} : { code }),
    ...(subcode === undefined ? {} : { subcode }),
    transient: error.is_transient === true,
  }
}

/** How one platform reads Graph error codes (WhatsApp and Messenger use different ones). */
export interface GraphRules {
  /** Rate-limit codes -> how long to wait (ms), or undefined for the engine's backoff. */
  throttled: ReadonlyMap<number, number | undefined>
  /** Temporary failures worth retrying with backoff. */
  transient: ReadonlySet<number>
  /** Does this error mean the 24-hour window is closed? */
  windowClosed(error: GraphError): boolean
}

/**
 * Classifies a failed Graph answer: the window closed -> `window_closed`, final; 429 or a rate
 * limit code -> retryable after the hint; 5xx, `is_transient` or a transient code -> retryable;
 * anything else (token 190, parameter 100, permissions, undeliverable) -> final.
 */
export const classifyGraph = (
  status: number,
  body: unknown,
  rules: GraphRules,
  retryAfter: string | null = null
): Failure => {
  const error = graphError(body)
  if (error && rules.windowClosed(error)) {
    return { ok: false, retryable: false, reason: WINDOW_CLOSED }
  }
  const code = error?.code
  const codes = code === undefined ? '' : ` ${code}${error?.subcode ? `/${error.subcode}` : ''}`
  const reason = error ? `Graph error${codes}: ${error.message}` : `HTTP ${status}`
  if (status === 429 || (code !== undefined && rules.throttled.has(code))) {
    const hint = code === undefined ? undefined : rules.throttled.get(code)
    // A Retry-After header (a proxy's or Graph's own, in seconds) wins over the code's hint.
    const wait = retryAfterMs(retryAfter, { maxDigits: 6 }) ?? hint
    const after = wait === undefined ? {} : { retryAfterMs: wait }
    return { ok: false, retryable: true, ...after, reason }
  }
  if (status >= 500 || error?.transient || (code !== undefined && rules.transient.has(code))) {
    return { ok: false, retryable: true, reason }
  }
  return { ok: false, retryable: false, reason }
}

/** One Graph POST: where, with which credentials (kept out of failure reasons), what. */
export interface GraphRequest {
  fetch: typeof fetch
  url: string
  headers?: Record<string, string>
  payload: unknown
  rules: GraphRules
  /** Credentials to redact from every failure reason. */
  secrets: readonly string[]
}

/** A failure with every secret (token, app secret) replaced in its reason. */
const redactAll = (failure: Failure, secrets: readonly string[]): Failure => ({
  ...failure,
  reason: secrets.reduce(
    (reason, secret) => (secret ? reason.split(secret).join('<redacted>') : reason),
    failure.reason
  ),
})

/** POSTs JSON to the Graph API: the parsed 2xx body or a classified failure. Never throws. */
export const postGraph = async (
  request: GraphRequest
): Promise<{ ok: true; body: unknown } | Failure> => {
  const redact = (failure: Failure): Failure => redactAll(failure, request.secrets)
  const { fetch: fetcher, url, payload, headers = {} } = request
  const answer = await postJson(fetcher, url, payload, headers, TIMEOUT_MS)
  if ('error' in answer) return redact(networkFailure(answer.error))
  const { body } = answer
  if (answer.ok && graphError(body) === null) return { ok: true, body }
  const status = answer.ok ? 400 : answer.status
  return redact(classifyGraph(status, body, request.rules, answer.headers.get('retry-after')))
}

/**
 * GETs a Graph object (e.g. a WhatsApp media id's `{ url, mime_type, file_size }`): the parsed
 * 2xx body or a failure classified like a POST's. Never throws.
 */
export const getGraph = async (
  request: Omit<GraphRequest, 'payload'>
): Promise<{ ok: true; body: unknown } | Failure> => {
  const redact = (failure: Failure): Failure => redactAll(failure, request.secrets)
  const answer = await getJson(request.fetch, request.url, request.headers ?? {}, TIMEOUT_MS)
  if ('error' in answer) return redact(networkFailure(answer.error))
  const { body } = answer
  if (answer.ok && isRecord(body) && graphError(body) === null) return { ok: true, body }
  if (answer.ok && !isRecord(body)) {
    return { ok: false, retryable: true, reason: `HTTP ${answer.status}: unreadable answer` }
  }
  const status = answer.ok ? 400 : answer.status
  return redact(classifyGraph(status, body, request.rules, answer.headers.get('retry-after')))
}
