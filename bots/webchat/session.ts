import { hmac, randomId, safeEqual } from '../../src/lib/crypto'
import { toBase64Url } from '../../src/lib/encoding'

/** How long a web chat token is good for; the open page renews it silently well before that. */
export const TOKEN_TTL_MS = 7 * 24 * 3600_000

// `<sessionId>.<expiry, base36 ms>.<mac>`: randomId(18) is 24 base64url chars, an HMAC-SHA256 43
// unpadded. Anything else is garbage, rejected before any crypto so odd input costs nothing.
const TOKEN = /^([A-Za-z0-9_-]{24})\.([0-9a-z]{6,12})\.([A-Za-z0-9_-]{43})$/
// Tokens issued before expiries existed: exchanged for an expiring one, and only until this date
// (a week of grace after the switch, like a token's own lifetime).
export const LEGACY_TOKENS_UNTIL = Date.UTC(2026, 11, 11)
const LEGACY_TOKEN = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/

const sign = async (secret: string, sessionId: string, expires: string): Promise<string> =>
  toBase64Url(await hmac(secret, `webchat-session:${sessionId}:${expires}`))

const signLegacy = async (secret: string, sessionId: string): Promise<string> =>
  toBase64Url(await hmac(secret, 'webchat-session:' + sessionId))

/** A token for a session, good until `now + TOKEN_TTL_MS`. */
export const issueToken = async (
  secret: string,
  sessionId: string,
  now = Date.now()
): Promise<string> => {
  const expires = (now + TOKEN_TTL_MS).toString(36)
  return `${sessionId}.${expires}.${await sign(secret, sessionId, expires)}`
}

/** A new web chat session: a random id and the token the browser keeps. */
export const createSession = async (
  secret: string,
  now = Date.now()
): Promise<{ sessionId: string; token: string }> => {
  const sessionId = randomId(18)
  return { sessionId, token: await issueToken(secret, sessionId, now) }
}

/** The session id of an unexpired token signed with `secret`, or null. Constant time; never throws. */
export const readSession = async (
  secret: string,
  token: unknown,
  now = Date.now()
): Promise<string | null> => {
  if (!secret || typeof token !== 'string') return null
  const [, sessionId, expires, mac] = TOKEN.exec(token) ?? []
  if (!sessionId || !expires || !mac) return null
  if (parseInt(expires, 36) <= now) return null
  try {
    return (await safeEqual(await sign(secret, sessionId, expires), mac)) ? sessionId : null
  } catch {
    return null
  }
}

/** When a token expires (ms), for a well-formed token; signature NOT checked. */
export const tokenExpiry = (token: string): number | null => {
  const expires = TOKEN.exec(token)?.[2]
  return expires ? parseInt(expires, 36) : null
}

/**
 * The session a renewal may continue: an unexpired token, or (once, at the switch to expiring
 * tokens) a valid token of the old format. Expired tokens start over with a new session.
 */
export const renewableSession = async (
  secret: string,
  token: unknown,
  now = Date.now()
): Promise<string | null> => {
  const current = await readSession(secret, token, now)
  if (current || !secret || typeof token !== 'string' || now >= LEGACY_TOKENS_UNTIL) return current
  const [, sessionId, mac] = LEGACY_TOKEN.exec(token) ?? []
  if (!sessionId || !mac) return null
  try {
    return (await safeEqual(await signLegacy(secret, sessionId), mac)) ? sessionId : null
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

/** The WebSocket subprotocol the chat page offers and the server selects. */
export const CHAT_PROTOCOL = 'webchat'

/** The token a browser offers as a WebSocket subprotocol (`webchat, token.<token>`), or null. */
export const protocolToken = (header: string | null | undefined): string | null => {
  for (const part of (header ?? '').split(',')) {
    const value = part.trim()
    if (value.startsWith('token.')) return value.slice('token.'.length)
  }
  return null
}
