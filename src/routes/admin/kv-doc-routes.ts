import { Hono } from 'hono'
import type { z } from 'zod'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readJson } from '../../api/validate'
import type { AppEnv } from '../../env'
import type { KvDoc } from '../../lib/kv-doc'

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
  documentRoute({
    method: 'get',
    path: o.path,
    summary: o.read,
    tag: o.tag,
    access: 'agent',
    responses: { 200: { description: 'the document', schema: o.schema } },
  })
  documentRoute({
    method: 'put',
    path: o.path,
    summary: o.write,
    tag: o.tag,
    access: 'admin',
    body: o.schema,
    responses: { 200: { description: 'the stored document', schema: o.schema } },
  })
  return new Hono<AppEnv>()
    .get('/', requireRole('agent'), async (c) => c.json(await o.doc.read(c.env.CONFIG)))
    .put('/', requireRole('admin'), async (c) => {
      const value = await readJson(c, o.schema)
      await o.doc.write(c.env.CONFIG, value)
      return c.json(value)
    })
}
