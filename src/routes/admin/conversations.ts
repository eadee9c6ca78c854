import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute } from '../../api/openapi'
import { readJson, readQuery } from '../../api/validate'
import { parseKey } from '../../channels/keys'
import type { CommandResult } from '../../conversation/types'
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

const stateBody = z.object({ state: z.record(z.string(), z.unknown()) })
const assignBody = z.object({ agent: z.string().trim().min(1).max(64) })
const resolveBody = z.object({ solution: z.string().trim().max(2000).optional() })
const escalateBody = z.object({
  level: z.union([z.literal(1), z.literal(2)]),
  reason: z.string().trim().min(1).max(500),
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
  responses: {
    200: { description: 'the conversation', schema: viewSchema },
    404: { description: 'no such conversation' },
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/conversations/{key}/messages',
  summary: "An agent's reply; queued in the outbox like any other and sent in order",
  tag: 'conversations',
  access: 'agent',
  body: replyBody,
  responses: {
    202: {
      description: 'queued',
      schema: z.object({ id: z.number().int(), status: z.literal('queued') }),
    },
  },
})
for (const [name, summary, body] of [
  [
    'assign',
    'An agent takes the conversation: the bot only sends holding and progress messages from now on',
    assignBody,
  ],
  ['release', 'Hand the conversation back to the bot', undefined],
  [
    'resolve',
    'Resolve the case: clocks stop, the customer gets the satisfaction survey once, the case is archived',
    resolveBody,
  ],
  ['close', 'Same as resolve', resolveBody],
  [
    'escalate',
    'Escalate to level 1 (senior agents) or 2 (risk control and PR): customer told, team notified',
    escalateBody,
  ],
] as const) {
  documentRoute({
    method: 'post',
    path: `/api/v1/conversations/{key}/${name}`,
    summary,
    tag: 'conversations',
    access: 'agent',
    ...(body ? { body } : {}),
    responses: {
      200: { description: 'the new state', schema: stateBody },
      404: { description: 'no such conversation' },
    },
  })
}

const stubFor = (env: Env, key: string) => {
  if (!parseKey(key))
    throw apiError(400, 'invalid_query', 'conversation key must be <channel>:<ids>')
  return env.CONVERSATION.getByName(key)
}

const stateOf = (result: CommandResult<unknown>) => {
  if (!result.ok) throw apiError(404, 'not_found', result.message)
  return Response.json({ state: result.value })
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
    const result = await stubFor(c.env, c.req.param('key')).agentReply({
      text,
      agent: c.get('actor'),
    })
    if (!result.ok) throw apiError(404, 'not_found', result.message)
    return c.json({ id: result.value.id, status: 'queued' as const }, 202)
  })
  .post('/:key/assign', async (c) => {
    const { agent } = await readJson(c, assignBody)
    return stateOf(await stubFor(c.env, c.req.param('key')).assign({ agent }))
  })
  .post('/:key/release', async (c) => stateOf(await stubFor(c.env, c.req.param('key')).release()))
  .post('/:key/resolve', async (c) => {
    const { solution } = await readJson(c, resolveBody)
    return stateOf(
      await stubFor(c.env, c.req.param('key')).resolve({ by: c.get('actor'), solution })
    )
  })
  .post('/:key/close', async (c) => {
    const { solution } = await readJson(c, resolveBody)
    return stateOf(
      await stubFor(c.env, c.req.param('key')).resolve({ by: c.get('actor'), solution })
    )
  })
  .post('/:key/escalate', async (c) => {
    const input = await readJson(c, escalateBody)
    return stateOf(
      await stubFor(c.env, c.req.param('key')).escalate({ ...input, by: c.get('actor') })
    )
  })
