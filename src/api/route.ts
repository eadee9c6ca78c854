import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../env'
import { errorSchema } from './errors'
import { jsonBody, MAX_API_BODY_BYTES } from './json-body'

/** Who may call a route. */
export type Access = 'public' | 'admin' | 'agent'

/** A route as its file declares it: `tag` and `access` instead of OpenAPI's `tags` and `security`. */
export type ApiRouteConfig = Omit<RouteConfig, 'tags' | 'security'> & {
  tag: string
  access: Access
}

/** A JSON request body for `request.body`. */
export const jsonRequest = <S extends z.ZodType>(schema: S) => ({
  required: true as const,
  content: { 'application/json': { schema } },
})

/** A JSON response with its schema, for `responses`. */
export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

// One `Error` component in the document instead of a copy per response.
const errorComponent = errorSchema.meta({ id: 'Error' })

/** An error response (the standard error body), for `responses`. */
export const errorResponse = (description: string) => jsonResponse(errorComponent, description)

const authErrors = (access: Access) => {
  const errors: Record<number, ReturnType<typeof errorResponse>> = {}
  if (access !== 'public') {
    errors[401] = errorResponse('missing or invalid bearer token')
    errors[403] =
      access === 'admin'
        ? errorResponse('not an admin, or a console session without its CSRF token')
        : errorResponse('a console session without its CSRF token')
    errors[503] = errorResponse('the ADMIN_TOKEN secret is not set')
  }
  return errors
}

const standardErrors = (route: ApiRouteConfig) => {
  const errors: Record<number, ReturnType<typeof errorResponse>> = {}
  if (route.request?.query) errors[400] = errorResponse('invalid query, with field paths')
  if (route.request?.body) {
    errors[400] = errorResponse('invalid JSON or body, with field paths')
    errors[413] = errorResponse(`body over ${MAX_API_BODY_BYTES / 1024} KiB`)
  }
  return { ...errors, ...authErrors(route.access) }
}

const asArray = (middleware: RouteConfig['middleware']): MiddlewareHandler[] =>
  middleware === undefined ? [] : Array.isArray(middleware) ? middleware : [middleware]

/**
 * `createRoute` with this API's conventions: `x-access` and `security` from `access`, the
 * standard error responses (auth, validation, body size) added where they apply, and a JSON body
 * read with a size limit before it is validated. Its type is the config as written, so a
 * handler is checked against the responses the route declares.
 */
export const apiRoute = <R extends ApiRouteConfig>(config: R): Omit<R, 'tag' | 'access'> => {
  const { tag, access, ...route } = config
  return createRoute({
    ...route,
    tags: [tag],
    'x-access': access,
    ...(access === 'public' ? { security: [] } : {}),
    middleware: [...asArray(route.middleware), ...(route.request?.body ? [jsonBody] : [])],
    responses: { ...standardErrors(config), ...route.responses },
  })
}

/**
 * Lists a route that `router` serves with plain Hono code (raw bodies, signed links, sockets) in
 * the document, without validating anything: those routes answer their own errors.
 */
export const documentOnly = (router: OpenAPIHono<AppEnv>, config: ApiRouteConfig): void => {
  const { tag, access, middleware: _middleware, hide: _hide, ...route } = config
  router.openAPIRegistry.registerPath({
    ...route,
    tags: [tag],
    'x-access': access,
    ...(access === 'public' ? { security: [] } : {}),
    responses: { ...authErrors(access), ...route.responses },
  })
}
