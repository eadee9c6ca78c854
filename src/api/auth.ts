import type { MiddlewareHandler } from 'hono'
import { safeEqual } from '../lib/crypto'
import type { AppEnv } from '../env'
import { apiError } from './errors'

/** Roles of API callers: admins change templates and policies; agents read and answer. */
export type Role = 'admin' | 'agent'

const bearer = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}

/**
 * Bearer-token guard. `ADMIN_TOKEN` (constant-time compare) grants `admin`.
 * 503 when no admin token is configured, 401 on a missing or wrong token, 403 on a weaker role.
 */
export const requireRole =
  (needed: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const adminToken = c.env.ADMIN_TOKEN
    if (!adminToken) {
      throw apiError(503, 'admin_not_configured', 'set the ADMIN_TOKEN secret to use the API')
    }
    const token = bearer(c.req.header('Authorization'))
    if (!token) throw apiError(401, 'unauthorized', 'missing bearer token')
    if (await safeEqual(token, adminToken)) {
      c.set('role', 'admin')
      c.set('actor', 'admin')
      return next()
    }
    throw apiError(401, 'unauthorized', 'invalid bearer token')
  }
