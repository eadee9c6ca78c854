import { hmacSha256Hex, safeEqual } from '../../src/lib/crypto'

// Signing scheme and the 5-minute replay window:
// https://docs.slack.dev/authentication/verifying-requests-from-slack
/** Largest accepted distance between Slack's timestamp and our clock, in seconds. */
export const MAX_SKEW_SECONDS = 5 * 60

/** Header carrying `v0=<hex>`. */
export const SIGNATURE_HEADER = 'X-Slack-Signature'

/** Header carrying the signing time in Unix seconds. */
export const TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp'

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's signing secret. */
export const signSlack = async (secret: string, timestamp: string, body: string): Promise<string> =>
  `v0=${await hmacSha256Hex(secret, `v0:${timestamp}:${body}`)}`

/**
 * Checks a request's signature (constant time) and that its timestamp is within
 * {@link MAX_SKEW_SECONDS} of `receivedAt` (ms) in either direction. Never throws.
 */
export const verifySlackSignature = async (
  secret: string,
  headers: Headers,
  body: string,
  receivedAt: number
): Promise<boolean> => {
  try {
    const signature = headers.get(SIGNATURE_HEADER)
    const timestamp = headers.get(TIMESTAMP_HEADER)
    if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false
    // Written as "not within" so that a NaN clock fails closed.
    if (!(Math.abs(receivedAt / 1000 - Number(timestamp)) <= MAX_SKEW_SECONDS)) return false
    return await safeEqual(signature, await signSlack(secret, timestamp, body))
  } catch {
    return false
  }
}
