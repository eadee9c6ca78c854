import type { z } from 'zod'
import { jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import type { KvDoc } from '../../lib/kv-doc'
import { routesFor } from './route-builders'

/**
 * `GET` (agents) and `PUT` (admins) for one settings document kept in KV, documented in the
 * OpenAPI file: the body is checked against the same schema the store reads with.
 */
export const kvDocRoutes = <S extends z.ZodType>(o: {
  path: string
  schema: S
  doc: KvDoc<z.output<S>>
  tag: string
  read: string
  write: string
}) => {
  const route = routesFor(o.tag)
  const read = route.agent('get', '/', o.read, {
    responses: { 200: jsonResponse(o.schema, 'the document') },
  })
  const write = route.admin('put', '/', o.write, {
    request: { body: jsonRequest(o.schema) },
    responses: { 200: jsonResponse(o.schema, 'the stored document') },
  })
  return apiRouter(o.path)
    .openapi(read, async (c) => c.json(await o.doc.read(c.env.CONFIG), 200))
    .openapi(write, async (c) => {
      // With a generic schema the route's input type does not resolve; the validator ran on it.
      const value = (c.req as unknown as { valid: (target: 'json') => z.output<S> }).valid('json')
      await o.doc.write(c.env.CONFIG, value)
      return c.json(value, 200)
    })
}
