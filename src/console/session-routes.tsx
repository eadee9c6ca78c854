import { Hono } from 'hono'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { safeEqual } from '../lib/crypto'
import type { AppEnv } from '../env'
import { accountStore, normalizeEmail, OWNER_EMAIL, type Account } from './accounts'
import { csrfOk, isSafeMethod, readConsoleSession } from './guard'
import { fill, stringsFor } from './i18n'
import { loginLimit } from './login-limit'
import { verifyPassword } from './passwords'
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE, sessionStore } from './sessions'
import { MessagePage } from './views/message'
import type { Viewer } from './views/layout'
import { LoginPage } from './views/login'

/** Security headers of every console page: no inline script, no framing, no sniffing. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
].join('; ')

/** Sets the console's security headers on a response. */
export const secureHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  if (c.res.status === 101) return
  c.res.headers.set('Content-Security-Policy', CONSOLE_CSP)
  c.res.headers.set('X-Content-Type-Options', 'nosniff')
  c.res.headers.set('Referrer-Policy', 'same-origin')
  c.res.headers.set('Cache-Control', 'no-store')
}

const isLocal = (url: string): boolean => {
  const host = new URL(url).hostname
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
}

/** The viewer of the current request (only after `signedIn`). */
export const viewerOf = (c: Context<AppEnv>): Viewer => {
  const account = c.get('account') as Account
  return { account, csrf: c.get('session')?.csrf ?? '', t: stringsFor(account.locale) }
}

/** Pages and calls for signed-in people: GETs go to the sign-in page, writes need the CSRF token. */
export const signedIn =
  (role: 'agent' | 'admin'): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const current = await readConsoleSession(c)
    if (!current) {
      if (isSafeMethod(c.req.method) && c.req.header('Upgrade') === undefined) {
        const here = new URL(c.req.url)
        return c.redirect(
          `/console/login?next=${encodeURIComponent(here.pathname + here.search)}`,
          302
        )
      }
      return c.json({ error: { code: 'unauthorized', message: 'sign in first' } }, 401)
    }
    if (!isSafeMethod(c.req.method) && !(await csrfOk(c, current.session))) {
      return c.json(
        { error: { code: 'forbidden', message: 'missing or wrong CSRF token; reload the page' } },
        403
      )
    }
    c.set('role', current.account.role)
    c.set('actor', current.account.name)
    c.set('actorId', `agent:${current.account.id}`)
    if (role === 'admin' && current.account.role !== 'admin') {
      const v = viewerOf(c)
      return c.html(<MessagePage viewer={v} title='403' text={v.t.forbidden} />, 403)
    }
    return next()
  }

// Only same-site paths: never an open redirect.
const safeNext = (next: unknown): string =>
  typeof next === 'string' && /^\/console(\/|$|\?)/.test(next) ? next : '/console'

const clientAddress = (c: Context<AppEnv>): string => c.req.header('CF-Connecting-IP') ?? 'local'

/** Sign-in, sign-out and the UI language preference. */
export const sessionRoutes = new Hono<AppEnv>()
  .get('/login', async (c) => {
    if (await readConsoleSession(c)) return c.redirect('/console', 302)
    return c.html(<LoginPage t={stringsFor('en')} next={c.req.query('next')} />)
  })
  .post('/login', async (c) => {
    const origin = c.req.header('Origin')
    if (origin && origin !== new URL(c.req.url).origin)
      return c.text('cross-site sign-in refused', 403)
    const form = await c.req.parseBody()
    const email = typeof form.email === 'string' ? form.email.slice(0, 254) : ''
    const password = typeof form.password === 'string' ? form.password.slice(0, 256) : ''
    const next = safeNext(form.next)
    const t = stringsFor('en')
    const now = Date.now()
    const limit = loginLimit(c.env.DB)
    // An email is locked per address, so nobody elsewhere can lock the owner out by guessing.
    const subjects = [
      `email:${normalizeEmail(email)}|ip:${clientAddress(c)}`,
      `ip:${clientAddress(c)}`,
    ]
    const wait = await limit.retryAfter(subjects, now)
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)))
      return c.html(
        <LoginPage
          t={t}
          email={email}
          next={next}
          error={fill(t.locked, { m: Math.ceil(wait / 60_000) })}
        />,
        429
      )
    }
    const accounts = accountStore(c.env.DB)
    let account: Account | null = null
    if (normalizeEmail(email) === OWNER_EMAIL) {
      // The shop owner's first way in: the ADMIN_TOKEN secret that `npm start` printed.
      if (c.env.ADMIN_TOKEN && password && (await safeEqual(password, c.env.ADMIN_TOKEN)))
        account = await accounts.ensureOwner(now)
    } else {
      const found = await accounts.byEmail(email)
      if (found?.password && (await verifyPassword(password, found.password)))
        account = found.account
    }
    if (!account) {
      await limit.fail(subjects, now)
      return c.html(<LoginPage t={t} email={email} next={next} error={t.badLogin} />, 401)
    }
    await limit.clear(subjects[0] as string)
    const { cookie } = await sessionStore(c.env.DB).create(account.id, now)
    setCookie(c, SESSION_COOKIE, cookie, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: !isLocal(c.req.url),
      path: '/',
      // The browser keeps it for the absolute lifetime; the server ends it after IDLE_TIMEOUT_MS idle.
      maxAge: Math.floor(ABSOLUTE_TIMEOUT_MS / 1000),
    })
    return c.redirect(next, 303)
  })
  .post('/logout', signedIn('agent'), async (c) => {
    const session = c.get('session')
    if (session) await sessionStore(c.env.DB).end(session.idHash)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/console/login', 303)
  })
  .post('/prefs', signedIn('agent'), async (c) => {
    const form = await c.req.parseBody()
    const locale = form.locale === 'zh-CN' ? 'zh-CN' : 'en'
    const account = c.get('account') as Account
    await accountStore(c.env.DB).update(account.id, { locale }, Date.now())
    const back = c.req.header('Referer')
    return c.redirect(
      back && new URL(back).origin === new URL(c.req.url).origin
        ? safeNext(new URL(back).pathname + new URL(back).search)
        : '/console',
      303
    )
  })
