import { z } from 'zod'
import { apiError } from '../../api/errors'
import { errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { toFieldIssues } from '../../api/validate'
import type { KnowledgeDoc, KnowledgeEntry } from '../../flows/types'
import { findEntry, removeEntry, upsertEntry } from '../../knowledge/entries'
import {
  KNOWLEDGE_ID_PATTERN,
  knowledgeEntryInputSchema,
  knowledgeInputSchema,
} from '../../knowledge/schema'
import { kvKnowledgeStore } from '../../knowledge/store'
import { routesFor } from './route-builders'
import { versionEntrySchema } from './versioned-doc-routes'

const route = routesFor('knowledge')

/** Version numbers as a path names them; anything else reads as not found. */
const VERSION_PARAM = /^(0|[1-9]\d{0,8})$/

const rollbackBodySchema = z.strictObject({ version: z.number().int().min(0) })
const versionsSchema = z.object({
  current: z.number().int(),
  versions: z.array(versionEntrySchema),
})
// As the API answers them: the store's schemas read KV leniently (`.catch`), which OpenAPI can't show.
const entryResponse: z.ZodType<KnowledgeEntry> = z.object({
  id: z.string(),
  title: z.record(z.string(), z.string()),
  questions: z.record(z.string(), z.array(z.string())),
  answer: z.record(z.string(), z.string()),
})
const docResponse: z.ZodType<KnowledgeDoc> = z.object({
  version: z.number().int(),
  entries: z.array(entryResponse),
  updatedAt: z.string(),
})
const written = jsonResponse(docResponse, 'the new current version')
const notFound = errorResponse('no such version or entry')
const idParams = z.object({ id: z.string() })
// Writing creates the id, so a malformed one is an input error rather than a missing resource.
const newIdParams = z.object({
  id: z.string().regex(KNOWLEDGE_ID_PATTERN, `must match ${KNOWLEDGE_ID_PATTERN.source}`),
})

const storeOf = (c: { env: Env }) => kvKnowledgeStore(c.env.CONFIG)

/** The entry id from the path; ids that can't exist read as not found. */
const knownId = (id: string): string => {
  if (!KNOWLEDGE_ID_PATTERN.test(id)) throw apiError(404, 'not_found', `entry ${id} not found`)
  return id
}

/** Publishes entries built from the current version; 400 when the result breaks a limit. */
const publishEntries = (c: { env: Env }, entries: KnowledgeDoc['entries']) => {
  const parsed = knowledgeInputSchema.safeParse({ entries })
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues)
    throw apiError(400, 'invalid_body', 'knowledge base failed validation', issues)
  }
  return storeOf(c).publish(parsed.data, new Date())
}

const read = route.agent('get', '/', 'Get the current version of the knowledge base', {
  responses: { 200: jsonResponse(docResponse, 'the current knowledge base') },
})
const publish = route.admin('put', '/', 'Publish a whole knowledge base as a new version', {
  request: { body: jsonRequest(knowledgeInputSchema) },
  responses: { 200: written },
})
const versions = route.agent(
  'get',
  '/versions',
  'List every version of the knowledge base, newest first',
  {
    responses: { 200: jsonResponse(versionsSchema, 'the version history') },
  }
)
const readVersion = route.agent('get', '/v/{version}', 'Get one version of the knowledge base', {
  request: { params: z.object({ version: z.string() }) },
  responses: { 200: jsonResponse(docResponse, 'that version'), 404: notFound },
})
const rollback = route.admin(
  'post',
  '/rollback',
  'Make an earlier version of the knowledge base current again',
  {
    request: { body: jsonRequest(rollbackBodySchema) },
    responses: { 200: jsonResponse(docResponse, 'the now current version'), 404: notFound },
  }
)
const readEntry = route.agent(
  'get',
  '/entries/{id}',
  'Get one entry of the current knowledge base',
  {
    request: { params: idParams },
    responses: { 200: jsonResponse(entryResponse, 'the entry'), 404: notFound },
  }
)
const writeEntry = route.admin(
  'put',
  '/entries/{id}',
  'Add or replace one entry, publishing a new version of the knowledge base',
  {
    request: { params: newIdParams, body: jsonRequest(knowledgeEntryInputSchema) },
    responses: { 200: written },
  }
)
const removeOne = route.admin(
  'delete',
  '/entries/{id}',
  'Remove one entry, publishing a new version of the knowledge base',
  {
    request: { params: idParams },
    responses: { 200: written, 404: notFound },
  }
)

/** Admin API for the shop's versioned knowledge base (`/api/v1/knowledge`). */
export const knowledge = apiRouter('/api/v1/knowledge')
  .openapi(read, async (c) => c.json(await storeOf(c).current(), 200))
  .openapi(publish, async (c) =>
    c.json(await storeOf(c).publish(c.req.valid('json'), new Date()), 200)
  )
  .openapi(versions, async (c) => {
    const history = await storeOf(c).versions()
    const current = history.find((v) => v.current)?.version ?? 0
    return c.json({ current, versions: history }, 200)
  })
  .openapi(readVersion, async (c) => {
    const param = c.req.valid('param').version
    const doc = VERSION_PARAM.test(param) ? await storeOf(c).get(Number(param)) : null
    if (!doc) throw apiError(404, 'not_found', `knowledge base version ${param} not found`)
    return c.json(doc, 200)
  })
  .openapi(rollback, async (c) => {
    const { version } = c.req.valid('json')
    const doc = await storeOf(c).rollback(version, new Date())
    if (!doc) throw apiError(404, 'not_found', `knowledge base version ${version} not found`)
    return c.json(doc, 200)
  })
  .openapi(readEntry, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const entry = findEntry((await storeOf(c).current()).entries, id)
    if (!entry) throw apiError(404, 'not_found', `entry ${id} not found`)
    return c.json(entry, 200)
  })
  .openapi(writeEntry, async (c) => {
    const { id } = c.req.valid('param')
    const { id: bodyId, ...fields } = c.req.valid('json')
    if (bodyId !== undefined && bodyId !== id) {
      throw apiError(400, 'invalid_body', 'body failed validation', [
        { path: 'id', message: `must be "${id}", the id in the path` },
      ])
    }
    const current = await storeOf(c).current()
    return c.json(await publishEntries(c, upsertEntry(current.entries, { id, ...fields })), 200)
  })
  .openapi(removeOne, async (c) => {
    const id = knownId(c.req.valid('param').id)
    const entries = removeEntry((await storeOf(c).current()).entries, id)
    if (!entries) throw apiError(404, 'not_found', `entry ${id} not found`)
    return c.json(await publishEntries(c, entries), 200)
  })
