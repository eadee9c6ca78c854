import { Hono } from 'hono'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute } from '../../api/openapi'
import { paginate } from '../../api/page-cursor'
import { readJson, readQuery } from '../../api/validate'
import { parseKey } from '../../channels/keys'
import type { CommandResult } from '../../conversation/types'
import type { AppEnv } from '../../env'
import { listConversations } from '../../tables/conversations'
import {
  assignBody,
  escalateBody,
  listPage,
  listQuery,
  pageQuery,
  replyBody,
  replyQueued,
  resolveBody,
  stateBody,
  viewSchema,
} from './conversation-schemas'
import { conversationForViewer } from './viewer-mask'

documentRoute({
  method: 'get',
  path: '/api/v1/conversations',
  summary: 'List conversations, most recently updated first (keyset pages)',
  tag: 'conversations',
  access: 'agent',
  query: listQuery,
  responses: {
    200: { description: 'a page of conversation summaries', schema: listPage },
  },
})
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
    202: { description: 'queued', schema: replyQueued },
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

/** Listing conversations, reading and answering one (agents and admins). */
export const conversations = new Hono<AppEnv>()
  .use('*', requireRole('agent'))
  .get('/', async (c) => {
    const { limit, cursor, ...filter } = readQuery(c, listQuery)
    const rows = await listConversations(c.env.DB, { ...filter, after: cursor }, limit + 1)
    const page = paginate(rows, limit, (s) => ({ updatedAt: s.updatedAt, key: s.key }))
    return c.json({
      conversations: page.items.map(conversationForViewer(c.get('role'), c.get('actor'))),
      nextCursor: page.nextCursor,
    })
  })
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
