import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../../src/env'
import { ADMIN, api } from '../helpers'

/** The admin token's headers for a JSON body. */
export const ADMIN_JSON = { ...ADMIN, 'content-type': 'application/json' }

/** GETs a path of the Worker's API with the admin token. */
export const adminGet = (path: string) => api(path, { headers: ADMIN })

/** POSTs (or PUTs, …) `body` as JSON to the Worker's API with the admin token. */
export const adminSend = (path: string, body: unknown = {}, method = 'POST') =>
  api(path, { method, headers: ADMIN_JSON, body: JSON.stringify(body) })

/** Calls the Worker's API with the admin token's JSON headers (unless told), a JSON body if given. */
export const adminCall = (
  path: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = ADMIN_JSON
) => api(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })

/** An app serving only the routes `mount` adds, answering thrown errors as the Worker does. */
export const routesApp = (mount: (app: Hono<AppEnv>) => unknown) => {
  const app = new Hono<AppEnv>()
  mount(app)
  app.onError((err, c) =>
    err instanceof HTTPException
      ? err.getResponse()
      : c.json({ error: { code: 'internal', message: String(err) } }, 500)
  )
  return app
}

/** Whatever serves a request: an app of a few routes, or the whole Worker. */
type Serve = (path: string, init: RequestInit) => Response | Promise<Response>

/**
 * A caller of JSON routes through `serve`, with the admin token unless told: a body, when given,
 * goes as JSON (a string as it is); answers the status and the decoded body.
 */
export const jsonCaller =
  (serve: Serve) =>
  async (method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN) => {
    const init: RequestInit = { method, headers }
    if (body !== undefined) {
      init.headers = { ...headers, 'content-type': 'application/json' }
      init.body = typeof body === 'string' ? body : JSON.stringify(body)
    }
    const res = await serve(path, init)
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

/** Serves requests through an app of a few routes, with the test environment. */
export const through =
  (app: Hono<AppEnv>): Serve =>
  (path, init) =>
    app.request(path, init, env)
