import { toBase64Url, toHex, utf8 } from './encoding'

type Hash = 'SHA-1' | 'SHA-256'

const hmacKey = (secret: string | Uint8Array<ArrayBuffer>, hash: Hash) =>
  crypto.subtle.importKey(
    'raw',
    typeof secret === 'string' ? utf8(secret) : secret,
    { name: 'HMAC', hash },
    false,
    ['sign']
  )

/** HMAC of a message, as raw bytes. */
export const hmac = async (
  secret: string | Uint8Array<ArrayBuffer>,
  message: string | Uint8Array<ArrayBuffer>,
  hash: Hash = 'SHA-256'
): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(
    await crypto.subtle.sign(
      'HMAC',
      await hmacKey(secret, hash),
      typeof message === 'string' ? utf8(message) : message
    )
  )

/** HMAC-SHA256 as lower-case hex. */
export const hmacSha256Hex = async (secret: string, message: string): Promise<string> =>
  toHex(await hmac(secret, message))

/** SHA-256 digest as lower-case hex. */
export const sha256Hex = async (text: string): Promise<string> =>
  toHex(await crypto.subtle.digest('SHA-256', utf8(text)))

/**
 * Constant-time string comparison. Both sides are hashed first so neither the content nor the
 * length leaks through timing (`timingSafeEqual` needs equal lengths).
 */
export const safeEqual = async (a: string, b: string): Promise<boolean> => {
  const [x, y] = await Promise.all([
    crypto.subtle.digest('SHA-256', utf8(a)),
    crypto.subtle.digest('SHA-256', utf8(b)),
  ])
  return crypto.subtle.timingSafeEqual(x, y) && a.length === b.length
}

/** A random, unguessable id (URL-safe base64 of `bytes` random bytes). */
export const randomId = (bytes = 16): string =>
  toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))
