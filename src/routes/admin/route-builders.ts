import type { RouteConfig } from '@hono/zod-openapi'
import { requireRole } from '../../api/auth'
import { apiRoute, type ApiRouteConfig } from '../../api/route'

type Method = RouteConfig['method']
type Rest = Omit<ApiRouteConfig, 'method' | 'path' | 'summary' | 'tag' | 'access' | 'middleware'>

/**
 * Declares routes for one tag, each with who may call it: `agent`/`admin` check the role in the
 * route (routers shared by both), `ownAgent`/`ownAdmin` leave it to a router made with that role.
 */
export const routesFor = (tag: string) => {
  const declare =
    (access: 'agent' | 'admin', check: boolean) =>
    <M extends Method, P extends string, R extends Rest>(
      method: M,
      path: P,
      summary: string,
      rest: R
    ) =>
      apiRoute({
        method,
        path,
        summary,
        tag,
        access,
        ...(check ? { middleware: requireRole(access) } : {}),
        ...rest,
      })
  return {
    agent: declare('agent', true),
    admin: declare('admin', true),
    ownAgent: declare('agent', false),
    ownAdmin: declare('admin', false),
  }
}
