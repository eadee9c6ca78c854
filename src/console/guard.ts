import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { safeEqual } from '../lib/crypto'
import type { AppEnv } from '../env'
import { accountStore, type Account } from './accounts'
import { SESSION_COOKIE, sessionStore, type Session } from './sessions'

/** Header that state-changing console calls carry the session's CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token'

/** Form field that state-changing console forms carry the session's CSRF token in. */
export const CSRF_FIELD = '_csrf'

/** The signed-in account behind the request's session cookie, or null. */
export const readConsoleSession = async (
  c: Context<AppEnv>
): Promise<{ account: Account; session: Session } | null> => {
  const cached = c.get('session')
  const cachedAccount = c.get('account')
  if (cached && cachedAccount) return { account: cachedAccount, session: cached }
  const session = await sessionStore(c.env.DB).read(getCookie(c, SESSION_COOKIE), Date.now())
  if (!session) return null
  const account = await accountStore(c.env.DB).get(session.agentId)
  if (!account) return null
  c.set('session', session)
  c.set('account', account)
  return { account, session }
}

/** True for methods that change nothing (and so need no CSRF token). */
export const isSafeMethod = (method: string): boolean =>
  method === 'GET' || method === 'HEAD' || method === 'OPTIONS'

/**
 * A cross-site request never passes: an `Origin` header, when the browser sends one, must be this
 * origin; and the session's CSRF token must come in the header or (for plain forms) the form body.
 */
export const csrfOk = async (c: Context<AppEnv>, session: Session): Promise<boolean> => {
  const origin = c.req.header('Origin')
  if (origin && origin !== new URL(c.req.url).origin) return false
  let token = c.req.header(CSRF_HEADER)
  if (!token) {
    const type = c.req.header('Content-Type') ?? ''
    if (
      type.startsWith('application/x-www-form-urlencoded') ||
      type.startsWith('multipart/form-data')
    ) {
      const body = await c.req.parseBody()
      const field = body[CSRF_FIELD]
      token = typeof field === 'string' ? field : undefined
    }
  }
  return token ? safeEqual(token, session.csrf) : false
}
