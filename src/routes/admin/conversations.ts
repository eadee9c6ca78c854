import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute } from '../../api/openapi'
import { readJson, readQuery } from '../../api/validate'
import { parseKey } from '../../channels/keys'
import type { AppEnv } from '../../env'

const messageSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(['message', 'action']),
  author: z.enum(['customer', 'bot', 'agent']),
  agent: z.string().optional(),
  text: z.string(),
  buttons: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  at: z.number().int().describe('ms since epoch'),
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  error: z.string().optional(),
  attempts: z.number().int().optional(),
  sentAt: z.number().int().optional(),
  editedAt: z.number().int().optional(),
})

const viewSchema = z.object({
  state: z.object({
    key: z.string(),
    channel: z.string(),
    status: z.enum(['open', 'resolved']),
    owner: z.enum(['bot', 'human']),
    stage: z.string(),
    step: z.string().nullable(),
    intent: z.string().nullable(),
    locale: z.string(),
    agent: z.string().nullable(),
    vars: z.record(z.string(), z.string()),
  }),
  messages: z.array(messageSchema),
  nextBefore: z.number().int().nullable(),
})

const pageQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
const replyBody = z.object({ text: z.string().trim().min(1).max(4000) })

documentRoute({
  method: 'get',
  path: '/api/v1/conversations/{key}',
  summary: 'State and a page of the transcript (oldest first; `nextBefore` pages back)',
  tag: 'conversations',
  access: 'agent',
  query: pageQuery,
  responses: { 200: { description: 'the conversation', schema: viewSchema }, 404: { description: 'no such conversation' } },
})
documentRoute({
  method: 'post',
  path: '/api/v1/conversations/{key}/messages',
  summary: "An agent's reply; queued in the outbox like any other and sent in order",
  tag: 'conversations',
  access: 'agent',
  body: replyBody,
  responses: { 202: { description: 'queued', schema: z.object({ id: z.number().int(), status: z.literal('queued') }) } },
})
documentRoute({
  method: 'post',
  path: '/api/v1/conversations/{key}/close',
  summary: 'Resolve the conversation; the bot answers again if the customer writes later',
  tag: 'conversations',
  access: 'agent',
  responses: { 200: { description: 'the new state' } },
})

const stubFor = (env: Env, key: string) => {
  if (!parseKey(key)) throw apiError(400, 'invalid_query', 'conversation key must be <channel>:<ids>')
  return env.CONVERSATION.getByName(key)
}

/** Reading and answering one conversation (agents and admins). */
export const conversations = new Hono<AppEnv>()
  .use('*', requireRole('agent'))
  .get('/:key', async (c) => {
    const page = readQuery(c, pageQuery)
    const result = await stubFor(c.env, c.req.param('key')).view(page)
    if (!result.ok) throw apiError(404, 'not_found', result.message)
    return c.json(result.value)
  })
  .post('/:key/messages', async (c) => {
    const { text } = await readJson(c, replyBody)
    const result = await stubFor(c.env, c.req.param('key')).agentReply({ text, agent: c.get('actor') })
    if (!result.ok) throw apiError(404, 'not_found', result.message)
    return c.json({ id: result.value.id, status: 'queued' as const }, 202)
  })
  .post('/:key/close', async (c) => {
    const result = await stubFor(c.env, c.req.param('key')).close({ by: c.get('actor') })
    if (!result.ok) throw apiError(404, 'not_found', result.message)
    return c.json({ state: result.value })
  })
