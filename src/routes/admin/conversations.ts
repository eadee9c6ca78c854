import type { RouteHandler } from '@hono/zod-openapi'
import { z } from 'zod'
import { apiError } from '../../api/errors'
import { paginate } from '../../api/page-cursor'
import { apiRoute, errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { parseKey } from '../../channels/keys'
import type { AppEnv } from '../../env'
import type { CommandResult } from '../../conversation/types'
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

const keyParams = z.object({ key: z.string().describe('`<channel>:<ids>`') })
const noConversation = errorResponse('no such conversation')

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: 'List conversations, most recently updated first (keyset pages)',
  tag: 'conversations',
  access: 'agent',
  request: { query: listQuery },
  responses: { 200: jsonResponse(listPage, 'a page of conversation summaries') },
})
const read = apiRoute({
  method: 'get',
  path: '/{key}',
  summary: 'State and a page of the transcript (oldest first; `nextBefore` pages back)',
  tag: 'conversations',
  access: 'agent',
  request: { params: keyParams, query: pageQuery },
  responses: {
    200: jsonResponse(viewSchema, 'the conversation'),
    400: errorResponse('invalid query, or a key that is not `<channel>:<ids>`'),
    404: noConversation,
  },
})
const reply = apiRoute({
  method: 'post',
  path: '/{key}/messages',
  summary: "An agent's reply; queued in the outbox like any other and sent in order",
  tag: 'conversations',
  access: 'agent',
  request: { params: keyParams, body: jsonRequest(replyBody) },
  responses: {
    202: jsonResponse(replyQueued, 'queued'),
    400: errorResponse('invalid JSON or body, or a key that is not `<channel>:<ids>`'),
    404: noConversation,
  },
})

/** One of the actions on a conversation: a POST answering the new state. */
const action = <Path extends string, Request extends { params: typeof keyParams }>(
  path: Path,
  summary: string,
  request: Request
) =>
  apiRoute({
    method: 'post',
    path,
    summary,
    tag: 'conversations',
    access: 'agent',
    request,
    responses: {
      200: jsonResponse(stateBody, 'the new state'),
      400: errorResponse('invalid JSON or body, or a key that is not `<channel>:<ids>`'),
      404: noConversation,
    },
  })

const assign = action(
  '/{key}/assign',
  'An agent takes the conversation: the bot only sends holding and progress messages from now on',
  { params: keyParams, body: jsonRequest(assignBody) }
)
const release = action('/{key}/release', 'Hand the conversation back to the bot', {
  params: keyParams,
})
const resolve = action(
  '/{key}/resolve',
  'Resolve the case: clocks stop, the customer gets the satisfaction survey once, the case is archived',
  { params: keyParams, body: jsonRequest(resolveBody) }
)
const close = action('/{key}/close', 'Same as resolve', {
  params: keyParams,
  body: jsonRequest(resolveBody),
})
const escalate = action(
  '/{key}/escalate',
  'Escalate to level 1 (senior agents) or 2 (risk control and PR): customer told, team notified',
  { params: keyParams, body: jsonRequest(escalateBody) }
)

const stubFor = (env: Env, key: string) => {
  if (!parseKey(key))
    throw apiError(400, 'invalid_query', 'conversation key must be <channel>:<ids>')
  return env.CONVERSATION.getByName(key)
}

const valueOf = <T>(result: CommandResult<T>): T => {
  if (!result.ok) throw apiError(404, 'not_found', result.message)
  return result.value
}

// `/close` is another name for `/resolve`: one handler answers both.
const resolveCase: RouteHandler<typeof resolve, AppEnv> = async (c) => {
  const { solution } = c.req.valid('json')
  const stub = stubFor(c.env, c.req.valid('param').key)
  return c.json({ state: valueOf(await stub.resolve({ by: c.get('actor'), solution })) }, 200)
}

/** Listing conversations, reading and answering one (agents and admins). */
export const conversations = apiRouter('/api/v1/conversations', 'agent')
  .openapi(list, async (c) => {
    const { limit, cursor, ...filter } = c.req.valid('query')
    const rows = await listConversations(c.env.DB, { ...filter, after: cursor }, limit + 1)
    const page = paginate(rows, limit, (s) => ({ updatedAt: s.updatedAt, key: s.key }))
    return c.json(
      {
        conversations: page.items.map(conversationForViewer(c.get('role'), c.get('actor'))),
        nextCursor: page.nextCursor,
      },
      200
    )
  })
  .openapi(read, async (c) => {
    const page = c.req.valid('query')
    const stub = stubFor(c.env, c.req.valid('param').key)
    return c.json(valueOf(await stub.view(page)), 200)
  })
  .openapi(reply, async (c) => {
    const { text } = c.req.valid('json')
    const stub = stubFor(c.env, c.req.valid('param').key)
    const { id } = valueOf(await stub.agentReply({ text, agent: c.get('actor') }))
    return c.json({ id, status: 'queued' as const }, 202)
  })
  .openapi(assign, async (c) => {
    const { agent } = c.req.valid('json')
    const stub = stubFor(c.env, c.req.valid('param').key)
    return c.json({ state: valueOf(await stub.assign({ agent })) }, 200)
  })
  .openapi(release, async (c) => {
    const stub = stubFor(c.env, c.req.valid('param').key)
    return c.json({ state: valueOf(await stub.release()) }, 200)
  })
  .openapi(resolve, resolveCase)
  .openapi(close, resolveCase)
  .openapi(escalate, async (c) => {
    const input = c.req.valid('json')
    const stub = stubFor(c.env, c.req.valid('param').key)
    return c.json({ state: valueOf(await stub.escalate({ ...input, by: c.get('actor') })) }, 200)
  })
