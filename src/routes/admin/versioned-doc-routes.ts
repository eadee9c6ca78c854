import { z } from 'zod'
import { apiError } from '../../api/errors'
import { errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { routesFor } from './route-builders'

/** One row of a version history, as the API answers it. */
export const versionEntrySchema = z.object({
  version: z.number().int(),
  updatedAt: z.string(),
  current: z.boolean(),
})

/** Fields a `PUT` body may carry from a GET and that are ignored: `id`, `version`, `updatedAt`. */
export const ignoredOnPut = {
  id: z.unknown().optional(),
  version: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
}

/**
 * The routes of a store of versioned documents kept by id (flows, templates): list, get,
 * publish, version history and rollback. Each resource names only what differs.
 */
export const versionedDocRoutes = <D extends z.ZodType, B extends z.ZodType, K extends string>(o: {
  tag: string
  /** The document's name in summaries and errors ("flow"). */
  noun: string
  /** The key of the list response ("flows"). */
  listKey: K
  idPattern: RegExp
  doc: D
  putBody: B
  publishSummary: string
}) => {
  const route = routesFor(o.tag)
  const notFound = errorResponse(`no such ${o.noun} or version`)
  const idParams = z.object({ id: z.string() })
  // Writing creates the id, so a malformed one is an input error rather than a missing resource.
  const newIdParams = z.object({
    id: z.string().regex(o.idPattern, `must match ${o.idPattern.source}`),
  })
  const listSchema = z.object({ [o.listKey]: z.array(o.doc) } as Record<K, z.ZodArray<D>>)
  const versionsSchema = z.object({
    id: z.string(),
    current: z.number().int(),
    versions: z.array(versionEntrySchema),
  })
  return {
    idParams,
    notFound,
    /** The id from the path; ids that can't exist read as not found. */
    knownId: (id: string): string => {
      if (!o.idPattern.test(id)) throw apiError(404, 'not_found', `${o.noun} ${id} not found`)
      return id
    },
    /** The answer to a version-history request; 404 when the id has none. */
    history: (id: string, versions: z.output<typeof versionEntrySchema>[]) => {
      if (versions.length === 0) throw apiError(404, 'not_found', `${o.noun} ${id} not found`)
      const current = versions.find((v) => v.current)?.version ?? versions[0]?.version ?? 0
      return { id, current, versions }
    },
    list: route.agent('get', '/', `List the current version of every ${o.noun}`, {
      responses: { 200: jsonResponse(listSchema, `current ${o.listKey}, by id`) },
    }),
    read: route.agent('get', '/{id}', `Get the current version of a ${o.noun}`, {
      request: { params: idParams },
      responses: { 200: jsonResponse(o.doc, `the ${o.noun}`), 404: notFound },
    }),
    publish: route.admin('put', '/{id}', o.publishSummary, {
      request: { params: newIdParams, body: jsonRequest(o.putBody) },
      responses: { 200: jsonResponse(o.doc, 'the new current version') },
    }),
    versions: route.agent(
      'get',
      '/{id}/versions',
      `List every version of a ${o.noun}, newest first`,
      {
        request: { params: idParams },
        responses: { 200: jsonResponse(versionsSchema, 'the version history'), 404: notFound },
      }
    ),
    rollback: route.admin(
      'post',
      '/{id}/rollback',
      `Make an earlier version of a ${o.noun} current again`,
      {
        request: {
          params: idParams,
          body: jsonRequest(z.object({ version: z.number().int().min(0) })),
        },
        responses: { 200: jsonResponse(o.doc, 'the now current version'), 404: notFound },
      }
    ),
  }
}
