import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute, errorSchema } from '../../api/openapi'
import { readJson, toFieldIssues } from '../../api/validate'
import type { AppEnv } from '../../env'
import type { KnowledgeDoc } from '../../flows/types'
import { findEntry, removeEntry, upsertEntry } from '../../knowledge/entries'
import {
  KNOWLEDGE_ID_PATTERN,
  knowledgeDocSchema,
  knowledgeEntryInputSchema,
  knowledgeEntrySchema,
  knowledgeInputSchema,
} from '../../knowledge/schema'
import { kvKnowledgeStore } from '../../knowledge/store'

const TAG = 'knowledge'
const BASE = '/api/v1/knowledge'

/** Version numbers as a path names them; anything else reads as not found. */
const VERSION_PARAM = /^(0|[1-9]\d{0,8})$/

const rollbackBodySchema = z.strictObject({ version: z.number().int().min(0) })
const versionsSchema = z.object({
  current: z.number().int(),
  versions: z.array(
    z.object({ version: z.number().int(), updatedAt: z.string(), current: z.boolean() })
  ),
})
const written = { description: 'the new current version', schema: knowledgeDocSchema }
const notFound = { description: 'no such version or entry', schema: errorSchema }

const storeOf = (c: Context<AppEnv>) => kvKnowledgeStore(c.env.CONFIG)

/** The entry id from the path; ids that can't exist read as not found. */
const knownId = (id: string): string => {
  if (!KNOWLEDGE_ID_PATTERN.test(id)) throw apiError(404, 'not_found', `entry ${id} not found`)
  return id
}

/** Publishes entries built from the current version; 400 when the result breaks a limit. */
const publishEntries = (c: Context<AppEnv>, entries: KnowledgeDoc['entries']) => {
  const parsed = knowledgeInputSchema.safeParse({ entries })
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues)
    throw apiError(400, 'invalid_body', 'knowledge base failed validation', issues)
  }
  return storeOf(c).publish(parsed.data, new Date())
}

/** Admin API for the shop's versioned knowledge base (`/api/v1/knowledge`). */
export const knowledge = new Hono<AppEnv>()

documentRoute({
  method: 'get',
  path: BASE,
  summary: 'Get the current version of the knowledge base',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the current knowledge base', schema: knowledgeDocSchema } },
})
knowledge.get('/', requireRole('agent'), async (c) => c.json(await storeOf(c).current()))

documentRoute({
  method: 'put',
  path: BASE,
  summary: 'Publish a whole knowledge base as a new version',
  tag: TAG,
  access: 'admin',
  body: knowledgeInputSchema,
  responses: { 200: written },
})
knowledge.put('/', requireRole('admin'), async (c) => {
  const input = await readJson(c, knowledgeInputSchema)
  return c.json(await storeOf(c).publish(input, new Date()))
})

documentRoute({
  method: 'get',
  path: `${BASE}/versions`,
  summary: 'List every version of the knowledge base, newest first',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the version history', schema: versionsSchema } },
})
knowledge.get('/versions', requireRole('agent'), async (c) => {
  const versions = await storeOf(c).versions()
  const current = versions.find((v) => v.current)?.version ?? 0
  return c.json({ current, versions })
})

documentRoute({
  method: 'get',
  path: `${BASE}/v/{version}`,
  summary: 'Get one version of the knowledge base',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'that version', schema: knowledgeDocSchema }, 404: notFound },
})
knowledge.get('/v/:version', requireRole('agent'), async (c) => {
  const param = c.req.param('version')
  const doc = VERSION_PARAM.test(param) ? await storeOf(c).get(Number(param)) : null
  if (!doc) throw apiError(404, 'not_found', `knowledge base version ${param} not found`)
  return c.json(doc)
})

documentRoute({
  method: 'post',
  path: `${BASE}/rollback`,
  summary: 'Make an earlier version of the knowledge base current again',
  tag: TAG,
  access: 'admin',
  body: rollbackBodySchema,
  responses: {
    200: { description: 'the now current version', schema: knowledgeDocSchema },
    404: notFound,
  },
})
knowledge.post('/rollback', requireRole('admin'), async (c) => {
  const { version } = await readJson(c, rollbackBodySchema)
  const doc = await storeOf(c).rollback(version, new Date())
  if (!doc) throw apiError(404, 'not_found', `knowledge base version ${version} not found`)
  return c.json(doc)
})

documentRoute({
  method: 'get',
  path: `${BASE}/entries/{id}`,
  summary: 'Get one entry of the current knowledge base',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the entry', schema: knowledgeEntrySchema }, 404: notFound },
})
knowledge.get('/entries/:id', requireRole('agent'), async (c) => {
  const id = knownId(c.req.param('id'))
  const entry = findEntry((await storeOf(c).current()).entries, id)
  if (!entry) throw apiError(404, 'not_found', `entry ${id} not found`)
  return c.json(entry)
})

documentRoute({
  method: 'put',
  path: `${BASE}/entries/{id}`,
  summary: 'Add or replace one entry, publishing a new version of the knowledge base',
  tag: TAG,
  access: 'admin',
  body: knowledgeEntryInputSchema,
  responses: { 200: written },
})
knowledge.put('/entries/:id', requireRole('admin'), async (c) => {
  const id = c.req.param('id')
  if (!KNOWLEDGE_ID_PATTERN.test(id)) {
    throw apiError(400, 'invalid_body', 'invalid entry id', [
      { path: 'id', message: `must match ${KNOWLEDGE_ID_PATTERN.source}` },
    ])
  }
  const { id: bodyId, ...fields } = await readJson(c, knowledgeEntryInputSchema)
  if (bodyId !== undefined && bodyId !== id) {
    throw apiError(400, 'invalid_body', 'body failed validation', [
      { path: 'id', message: `must be "${id}", the id in the path` },
    ])
  }
  const current = await storeOf(c).current()
  return c.json(await publishEntries(c, upsertEntry(current.entries, { id, ...fields })))
})

documentRoute({
  method: 'delete',
  path: `${BASE}/entries/{id}`,
  summary: 'Remove one entry, publishing a new version of the knowledge base',
  tag: TAG,
  access: 'admin',
  responses: { 200: written, 404: notFound },
})
knowledge.delete('/entries/:id', requireRole('admin'), async (c) => {
  const id = knownId(c.req.param('id'))
  const entries = removeEntry((await storeOf(c).current()).entries, id)
  if (!entries) throw apiError(404, 'not_found', `entry ${id} not found`)
  return c.json(await publishEntries(c, entries))
})
