import type { MediaResult } from '../channels/types'

/** The handbook's limit for one attachment (DOMAIN §6): 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024

/** What a refusal over the limit says, in every place that refuses. */
export const FILE_LIMIT_MESSAGE = `files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MB`

/** Downloads are large and run from the alarm; give a slow CDN time before calling it a failure. */
const TIMEOUT_MS = 60_000

const retryAfter = (headers: Headers): number | undefined => {
  const value = headers.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

/**
 * Classifies a platform's answer to a file download the way sends are classified: 429 and 5xx
 * retry, other 4xx are final. A declared length over the limit is refused before any byte is read.
 */
export const mediaAnswer = (
  response: Response,
  hints: { mimeType?: string; name?: string } = {}
): MediaResult => {
  if (response.ok) {
    const length = Number(response.headers.get('content-length') ?? NaN)
    if (Number.isFinite(length) && length > MAX_FILE_BYTES) {
      void response.body?.cancel()
      return { ok: false, retryable: false, tooLarge: true, reason: `file is ${length} bytes` }
    }
    const type = response.headers.get('content-type')?.split(';')[0]?.trim()
    const mimeType =
      hints.mimeType ?? (type && type !== 'application/octet-stream' ? type : undefined)
    return {
      ok: true,
      response,
      ...(mimeType ? { mimeType } : {}),
      ...(hints.name ? { name: hints.name } : {}),
    }
  }
  void response.body?.cancel()
  const reason = `download answered ${response.status}`
  if (response.status === 429) {
    const wait = retryAfter(response.headers)
    return {
      ok: false,
      retryable: true,
      reason,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    }
  }
  return { ok: false, retryable: response.status >= 500 || response.status === 408, reason }
}

/** GETs a file URL with the platform's auth headers; never throws (a network error is retryable). */
export const downloadMedia = async (
  fetcher: typeof fetch,
  url: string,
  headers: Record<string, string> = {},
  hints: { mimeType?: string; name?: string } = {}
): Promise<MediaResult> => {
  try {
    const response = await fetcher(url, {
      method: 'GET',
      headers,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    return mediaAnswer(response, hints)
  } catch (error) {
    return {
      ok: false,
      retryable: true,
      reason: `download failed: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}

/** A platform's file URL (Messenger, Twilio give one as the attachment's ref), or why it can't be fetched. */
export const mediaUrl = (ref: string): URL | MediaResult => {
  let url: URL
  try {
    url = new URL(ref)
  } catch {
    return { ok: false, retryable: false, reason: 'attachment ref is not a URL' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, retryable: false, reason: `attachment URL scheme ${url.protocol}` }
  }
  return url
}
