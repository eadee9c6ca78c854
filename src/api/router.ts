import { OpenAPIHono, type Hook } from '@hono/zod-openapi'
import type { AppEnv } from '../env'
import { requireRole, type Role } from './auth'
import { apiError } from './errors'
import { publishRouter } from './openapi'
import { toFieldIssues } from './validate'

const validationFailed: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (result.success) return
  const issues = toFieldIssues(result.error.issues)
  switch (result.target) {
    case 'query':
      throw apiError(400, 'invalid_query', 'query failed validation', issues)
    case 'param':
      // Only writes that create the id check its shape (reads answer 404 for ids that can't
      // exist), so a malformed one is bad input, reported on the parameter like a body field.
      throw apiError(400, 'invalid_body', 'path failed validation', issues)
    default:
      throw apiError(400, 'invalid_body', 'body failed validation', issues)
  }
}

/**
 * A router for routes declared with `apiRoute` and `.openapi()`: validation failures answer the
 * API's error bodies (`invalid_body`, `invalid_query`, field paths), and its routes appear in
 * the OpenAPI document under `mount`, the path `src/app.ts` mounts it at. With `role`, every
 * request under it needs that role first.
 */
export const apiRouter = (mount: string, role?: Role): OpenAPIHono<AppEnv> => {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationFailed })
  if (role) router.use('*', requireRole(role))
  return publishRouter(mount, router)
}
