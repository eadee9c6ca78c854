/** The injected fetch, else the global one, read at call time so a stubbed global is honoured. */
export const fetcherOf = (injected?: typeof fetch): typeof fetch =>
  injected ?? ((input, init) => fetch(input, init))

/** `value` (or `fallback` when unset or empty) without trailing slashes, for `${base}/path`. */
export const apiBase = (value: string | undefined, fallback: string): string =>
  (value || fallback).replace(/\/+$/, '')

/** What a POST brought back (`body` is the parsed JSON, null when not JSON), or why nothing did. */
export type PostAnswer =
  { ok: boolean; status: number; headers: Headers; body: unknown } | { error: string }

/** A POST of one body encoding; `headers` may override its content type (Slack adds a charset). */
export type Poster<P> = (
  fetcher: typeof fetch,
  url: string,
  payload: P,
  headers: Record<string, string>,
  timeoutMs: number
) => Promise<PostAnswer>

const poster =
  <P>(type: string, encode: (payload: P) => string): Poster<P> =>
  (fetcher, url, payload, headers, timeoutMs) =>
    requestJson(
      fetcher,
      url,
      { method: 'POST', headers: { 'content-type': type, ...headers }, body: encode(payload) },
      timeoutMs
    )

/**
 * POSTs `payload` as JSON (`content-type: application/json` unless `headers` says otherwise) and
 * gives up after `timeoutMs`. Never throws: a failed fetch or unreadable answer is `{ error }`,
 * the message of what was thrown, which callers report as a retryable network failure.
 */
export const postJson: Poster<unknown> = poster('application/json', (payload) =>
  JSON.stringify(payload)
)

/** POSTs a form (`application/x-www-form-urlencoded`) for a JSON answer; never throws either. */
export const postForm: Poster<Readonly<Record<string, string>>> = poster(
  'application/x-www-form-urlencoded',
  (form) => new URLSearchParams(Object.entries(form)).toString()
)

/** GETs a JSON answer (a platform's read method); never throws, like {@link postJson}. */
export const getJson = (
  fetcher: typeof fetch,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number
): Promise<PostAnswer> => requestJson(fetcher, url, { method: 'GET', headers }, timeoutMs)

const requestJson = async (
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number
): Promise<PostAnswer> => {
  let response: Response
  let raw: string
  try {
    response = await fetcher(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    raw = await response.text()
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
  let body: unknown = null
  try {
    body = JSON.parse(raw)
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  return { ok: response.ok, status: response.status, headers: response.headers, body }
}

/** A failure with every occurrence of `secret` in its reason replaced, so tokens never get stored. */
export const redactSecret = <F extends { reason: string }>(failure: F, secret: string): F => ({
  ...failure,
  reason: failure.reason.split(secret).join('<token>'),
})
