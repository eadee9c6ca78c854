import { hmac, randomId, safeEqual } from '../../src/lib/crypto'
import { toBase64Url } from '../../src/lib/encoding'

// randomId(18) is 24 base64url chars; an HMAC-SHA256 is 43 unpadded. Anything else is garbage,
// rejected before any crypto so oversized or odd input costs nothing.
const TOKEN = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/

const sign = async (secret: string, sessionId: string): Promise<string> =>
  toBase64Url(await hmac(secret, 'webchat-session:' + sessionId))

/** A new web chat session: a random id and the `<sessionId>.<mac>` token the browser keeps. */
export const createSession = async (
  secret: string
): Promise<{ sessionId: string; token: string }> => {
  const sessionId = randomId(18)
  return { sessionId, token: `${sessionId}.${await sign(secret, sessionId)}` }
}

/** The session id of a token signed with `secret`, or null. Constant time; never throws. */
export const readSession = async (secret: string, token: unknown): Promise<string | null> => {
  if (!secret || typeof token !== 'string') return null
  const match = TOKEN.exec(token)
  const [, sessionId, mac] = match ?? []
  if (!sessionId || !mac) return null
  try {
    return (await safeEqual(await sign(secret, sessionId), mac)) ? sessionId : null
  } catch {
    return null
  }
}

/** The session id part of a well-formed token, signature NOT checked: only after `readSession`. */
export const unverifiedSessionId = (token: unknown): string | null => {
  if (typeof token !== 'string') return null
  return TOKEN.exec(token)?.[1] ?? null
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export const bearerToken = (header: string | null | undefined): string | null => {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')
  return match?.[1] ?? null
}
