import type { MiddlewareHandler } from 'hono'
import { randomId, safeEqual, sha256Hex } from '../lib/crypto'
import type { AppEnv } from '../env'
import { csrfOk, isSafeMethod, readConsoleSession } from '../console/guard'
import { findActiveToken, stampLastUsed } from '../tables/api-tokens'
import { apiError } from './errors'

/** Roles of API callers: admins change templates and policies; agents read and answer. */
export type Role = 'admin' | 'agent'

/** Every issued API token starts with this, so other strings never cost a D1 lookup. */
export const TOKEN_PREFIX = 'sek_'

/** How long one isolate trusts a token lookup (hit or miss) before asking D1 again. */
export const TOKEN_CACHE_TTL_MS = 30_000

const CACHE_MAX_ENTRIES = 1000
const LAST_USED_EVERY_MS = 60_000

interface Principal {
  id: string
  role: Role
  name: string
}

interface CacheEntry {
  principal: Principal | null
  expiresAt: number
}

// Per isolate, keyed by token hash. Revocation evicts only here: other isolates may accept a
// revoked token until their entry expires, i.e. for up to TOKEN_CACHE_TTL_MS.
const cache = new Map<string, CacheEntry>()

/** A new API token, as shown once to its creator; only its hash is stored. */
export const newApiToken = (): string => TOKEN_PREFIX + randomId(24)

/** The stored form of a token. */
export const hashToken = (token: string): Promise<string> => sha256Hex(token)

/** Drops a token from this isolate's cache (on revocation). */
export const forgetToken = (tokenHash: string): void => {
  cache.delete(tokenHash)
}

const remember = (hash: string, principal: Principal | null, now: number) => {
  cache.delete(hash)
  // Map keeps insertion order: the first key is the oldest entry.
  if (cache.size >= CACHE_MAX_ENTRIES) {
    const oldest = cache.keys().next()
    if (!oldest.done) cache.delete(oldest.value)
  }
  cache.set(hash, { principal, expiresAt: now + TOKEN_CACHE_TTL_MS })
}

/** The active token behind a hash, from the cache or D1; stamps `last_used_at` on D1 reads. */
const lookup = async (db: D1Database, hash: string, now: number): Promise<Principal | null> => {
  const cached = cache.get(hash)
  if (cached && cached.expiresAt > now) return cached.principal
  const principal = await findActiveToken(db, hash)
  // At most one write a minute per token, across isolates too.
  if (principal) await stampLastUsed(db, principal.id, now, now - LAST_USED_EVERY_MS)
  remember(hash, principal, now)
  return principal
}

const bearer = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}

/**
 * Bearer-token guard. `ADMIN_TOKEN` (constant-time compare) grants `admin`; otherwise an active
 * D1 `api_tokens` row grants its role, with the token's name as actor. 503 when no admin token
 * is configured, 401 on a missing, unknown or revoked token, 403 on a weaker role.
 */
export const requireRole =
  (needed: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const adminToken = c.env.ADMIN_TOKEN
    if (!adminToken) {
      throw apiError(503, 'admin_not_configured', 'set the ADMIN_TOKEN secret to use the API')
    }
    const token = bearer(c.req.header('Authorization'))
    if (!token) {
      // The console calls the same API with its session cookie instead of a token.
      const signedIn = await readConsoleSession(c)
      if (!signedIn) throw apiError(401, 'unauthorized', 'missing bearer token')
      if (!isSafeMethod(c.req.method) && !(await csrfOk(c, signedIn.session))) {
        throw apiError(403, 'forbidden', 'missing or wrong CSRF token')
      }
      if (needed === 'admin' && signedIn.account.role !== 'admin') {
        throw apiError(403, 'forbidden', 'this route needs an admin')
      }
      c.set('role', signedIn.account.role)
      c.set('actor', signedIn.account.name)
      c.set('actorId', `agent:${signedIn.account.id}`)
      return next()
    }
    if (await safeEqual(token, adminToken)) {
      c.set('role', 'admin')
      c.set('actor', 'admin')
      c.set('actorId', 'root')
      return next()
    }
    const principal = token.startsWith(TOKEN_PREFIX)
      ? await lookup(c.env.DB, await hashToken(token), Date.now())
      : null
    if (!principal) throw apiError(401, 'unauthorized', 'invalid bearer token')
    if (needed === 'admin' && principal.role !== 'admin') {
      throw apiError(403, 'forbidden', 'this route needs an admin token')
    }
    c.set('role', principal.role)
    c.set('actor', principal.name)
    c.set('actorId', `token:${principal.id}`)
    return next()
  }
