import { z } from 'zod'
import { errorResponse, documentOnly, jsonResponse, type ApiRouteConfig } from '../api/route'
import { apiRouter } from '../api/router'
import type { CustomerMessage } from '../channels/types'

const button = z.object({ id: z.string(), label: z.string() })
const session = z.object({ token: z.string(), sessionId: z.string(), expiresAt: z.number() })
const customerMessage: z.ZodType<CustomerMessage> = z.object({
  id: z.number(),
  direction: z.enum(['in', 'out']),
  author: z.enum(['customer', 'bot', 'agent']),
  agentName: z.string().optional(),
  text: z.string(),
  buttons: z.array(button).optional(),
  files: z
    .array(
      z.object({
        kind: z.enum(['image', 'file', 'audio', 'video']),
        name: z.string().optional(),
        problem: z.enum(['too_large', 'unsupported', 'empty', 'failed']).optional(),
      })
    )
    .optional(),
  at: z.number(),
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  clientId: z.string().optional(),
})

const notConfigured = errorResponse('the web chat is not configured (WEBCHAT_SECRET)')
const badToken = errorResponse('missing or invalid session token')
const chatRoute = (route: Omit<ApiRouteConfig, 'tag' | 'access'>): ApiRouteConfig => ({
  ...route,
  tag: 'webchat',
  access: 'public',
  responses: { ...route.responses, 404: route.responses[404] ?? notConfigured },
})

// The web chat answers with pages, sockets and raw uploads and checks its own session tokens, so
// its routes (src/routes/chat.ts) are listed here rather than validated.
const routes: ApiRouteConfig[] = [
  chatRoute({
    method: 'get',
    path: '/',
    summary: 'The web chat page',
    responses: {
      200: { description: 'the page', content: { 'text/html': { schema: z.string() } } },
    },
  }),
  chatRoute({
    method: 'get',
    path: '/topics',
    summary:
      "The greeting's topic buttons in the browser's language, for the page to offer before a first message",
    responses: { 200: jsonResponse(z.object({ buttons: z.array(button) }), 'the buttons') },
  }),
  chatRoute({
    method: 'post',
    path: '/session',
    summary: 'A new web chat session: { token, sessionId }',
    responses: {
      201: jsonResponse(session, 'the session and its token'),
      429: errorResponse('too many new chats from this address'),
    },
  }),
  chatRoute({
    method: 'get',
    path: '/history',
    summary: "The session's own messages, oldest first (Bearer <session token>)",
    request: {
      query: z.object({
        limit: z.string().optional().describe('1..200'),
        before: z.string().optional().describe('a message id'),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ messages: z.array(customerMessage) }), 'the messages'),
      400: errorResponse('invalid `limit` or `before`'),
      401: badToken,
      404: errorResponse('no conversation yet, or the web chat is not configured'),
    },
  }),
  chatRoute({
    method: 'post',
    path: '/session/renew',
    summary:
      'The same session with a fresh token (Bearer <session token>); the page renews silently',
    responses: {
      200: jsonResponse(session, 'the session with a fresh token'),
      401: errorResponse('missing, invalid or expired token'),
    },
  }),
  chatRoute({
    method: 'get',
    path: '/ws',
    summary: 'Live replies over a WebSocket (subprotocols `webchat, token.<session token>`)',
    responses: {
      101: { description: 'switched to a WebSocket' },
      401: badToken,
      426: errorResponse('not a WebSocket upgrade'),
    },
  }),
  chatRoute({
    method: 'post',
    path: '/files',
    summary:
      'The customer sends a photo, video, voice message or PDF (raw bytes, `?id=<client message id>&name=`; Bearer <session token>): 413 over 20 MB, 415 not a listed format',
    request: {
      query: z.object({
        id: z.string().describe('the message id the page chose, 8-64 of [A-Za-z0-9_-]'),
        name: z.string().optional(),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ fileId: z.string() }), 'already stored (the same id again)'),
      201: jsonResponse(z.object({ fileId: z.string() }), 'stored and sent'),
      400: errorResponse('invalid id, or an empty file'),
      401: badToken,
      413: errorResponse('over 20 MB'),
      415: errorResponse('not a listed format'),
      429: errorResponse('too many files; wait a moment'),
    },
  }),
]

/** The web chat's routes in the OpenAPI document (served by `chat` in src/routes/chat.ts). */
export const chatDocs = apiRouter('/chat')
for (const route of routes) documentOnly(chatDocs, route)
