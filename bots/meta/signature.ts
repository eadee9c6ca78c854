import { hmac, safeEqual } from '../../src/lib/crypto'
import { toHex, utf8 } from '../../src/lib/encoding'

/** The header Meta signs every webhook POST with (WhatsApp and Messenger alike). */
export const SIGNATURE_HEADER = 'X-Hub-Signature-256'

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i

/** `sha256=<hex HMAC-SHA256(appSecret, body)>`, as Meta sends it in {@link SIGNATURE_HEADER}. */
export const signBody = async (appSecret: string, body: string): Promise<string> =>
  `sha256=${toHex(await hmac(appSecret, utf8(body)))}`

/**
 * Checks `X-Hub-Signature-256` against the raw body in constant time; false for a missing or
 * malformed header. Meta signs the body exactly as sent (non-ASCII `\uXXXX`-escaped, so the text
 * is ASCII and its UTF-8 bytes are the raw bytes):
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads
 */
export const verifySignature = async (
  appSecret: string,
  body: string,
  header: string | null
): Promise<boolean> => {
  const match = header === null ? null : SIGNATURE.exec(header.trim())
  if (!match?.[1]) return false
  return safeEqual(match[1].toLowerCase(), toHex(await hmac(appSecret, utf8(body))))
}
