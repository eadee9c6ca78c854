import { Hono } from 'hono'
import type { Context } from 'hono'
import { chatPage, inlineHashes } from '../../bots/webchat/page'
import {
  bearerToken,
  CHAT_PROTOCOL,
  createSession,
  issueToken,
  protocolToken,
  readSession,
  renewableSession,
  tokenExpiry,
} from '../../bots/webchat/session'
import { makeKey } from '../channels/keys'
import { readShopSettings } from '../shop/settings'
import { renderTemplate } from '../flows/render'
import { kvFlowStore } from '../flows/store'
import type { AppEnv } from '../env'
import { firstLanguage } from '../../bots/webchat/index'
import { uploadFromChat } from '../files/chat-upload'
import { cleanName } from '../files/formats'
import { MAX_FILE_BYTES } from '../lib/media'

/**
 * The page's policy: its own inline script and style by hash only, sockets and calls to this
 * origin only, framed only by the origins in CHAT_FRAME_ANCESTORS (default: this origin).
 */
const pageCsp = async (env: Env, origin: string, logoUrl?: string): Promise<string> => {
  const { script, style } = await inlineHashes()
  const wsOrigin = origin.replace(/^http/, 'ws')
  const logoOrigin = logoUrl ? new URL(logoUrl).origin : ''
  return [
    "default-src 'none'",
    `script-src ${script}`,
    `style-src ${style}`,
    `img-src 'self' data:${logoOrigin ? ` ${logoOrigin}` : ''}`,
    `connect-src 'self' ${wsOrigin}`,
    `frame-ancestors ${env.CHAT_FRAME_ANCESTORS?.trim() || "'self'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

const LIMIT_DEFAULT = 50
const LIMIT_MAX = 200
const POSITIVE_INT = /^[1-9][0-9]{0,15}$/

// The binding is typed with the Conversation class, so its RPC methods are checked here.
const stubFor = (env: Env, sessionId: string) =>
  env.CONVERSATION.getByName(makeKey('webchat', sessionId))

const parseHistoryQuery = (
  limit: string | undefined,
  before: string | undefined
): { limit: number; before?: number } | string => {
  let query: { limit: number; before?: number } = { limit: LIMIT_DEFAULT }
  if (limit !== undefined) {
    const n = Number(limit)
    if (!POSITIVE_INT.test(limit) || n > LIMIT_MAX) return `limit must be 1..${LIMIT_MAX}`
    query.limit = n
  }
  if (before !== undefined) {
    const n = Number(before)
    if (!POSITIVE_INT.test(before) || !Number.isSafeInteger(n)) {
      return 'before must be a positive integer'
    }
    query = { ...query, before: n }
  }
  return query
}

const privateJson = (c: Context<AppEnv>): void => {
  c.header('Cache-Control', 'no-store')
  c.header('X-Content-Type-Options', 'nosniff')
}

/** The session the `Authorization: Bearer` token names, or null. */
const bearerSession = (c: Context<AppEnv>) =>
  readSession(c.env.WEBCHAT_SECRET ?? '', bearerToken(c.req.header('authorization')))

const unauthorized = (c: Context<AppEnv>, message = 'missing or invalid token') =>
  c.json({ error: { code: 'unauthorized', message } }, 401)
/** The customer-facing web chat: page, sessions, history and the live socket (mounted at /chat). */
export const chat = new Hono<AppEnv>()

chat.use('*', async (c, next) => {
  if (!c.env.WEBCHAT_SECRET) {
    return c.json(
      { error: { code: 'channel_not_configured', message: 'web chat is not configured' } },
      404
    )
  }
  // No headers here: re-wrapping the 101 answer from /ws would drop its WebSocket.
  await next()
})

chat.get('/', async (c) => {
  const shop = await readShopSettings(c.env.CONFIG)
  c.header(
    'Content-Security-Policy',
    await pageCsp(c.env, new URL(c.req.url).origin, shop.chat?.logoUrl)
  )
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Referrer-Policy', 'no-referrer')
  c.header('Cache-Control', 'no-cache')
  return c.html(
    chatPage({
      shopName: shop.name ?? c.env.SHOP_NAME,
      ...(shop.chat ? { branding: shop.chat } : {}),
    })
  )
})

chat.get('/topics', async (c) => {
  // The greeting's topic buttons in the browser's language: what the page offers before a first message.
  const doc = await kvFlowStore(c.env.CONFIG).getTemplate('greeting')
  const locale = c.req.header('accept-language')?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
  const buttons = doc ? (renderTemplate(doc, locale, {}).buttons ?? []) : []
  c.header('Cache-Control', 'public, max-age=60')
  return c.json({ buttons })
})

chat.post('/session', async (c) => {
  // Cloudflare always sets the client address; without one (a local test call) there is no key.
  const address = c.req.header('CF-Connecting-IP')
  if (address && !(await c.env.CHAT_SESSIONS.limit({ key: `session:${address}` })).success) {
    c.header('Retry-After', '60')
    return c.json(
      {
        error: {
          code: 'rate_limited',
          message: 'too many new chats from this address; try again in a minute',
        },
      },
      429
    )
  }
  const session = await createSession(c.env.WEBCHAT_SECRET ?? '')
  privateJson(c)
  return c.json(
    { token: session.token, sessionId: session.sessionId, expiresAt: tokenExpiry(session.token) },
    201
  )
})

chat.post('/session/renew', async (c) => {
  privateJson(c)
  const sessionId = await renewableSession(
    c.env.WEBCHAT_SECRET ?? '',
    bearerToken(c.req.header('authorization'))
  )
  if (!sessionId) return unauthorized(c, 'missing, invalid or expired token')
  const token = await issueToken(c.env.WEBCHAT_SECRET ?? '', sessionId)
  return c.json({ token, sessionId, expiresAt: tokenExpiry(token) })
})

chat.get('/history', async (c) => {
  privateJson(c)
  const sessionId = await bearerSession(c)
  if (!sessionId) return unauthorized(c)
  const query = parseHistoryQuery(c.req.query('limit'), c.req.query('before'))
  if (typeof query === 'string') {
    return c.json({ error: { code: 'invalid_query', message: query } }, 400)
  }
  // A session that has not written yet has no conversation; looking creates none.
  const result = await stubFor(c.env, sessionId).customerHistory(query)
  if (!result.ok)
    return c.json({ error: { code: 'not_found', message: 'no conversation yet' } }, 404)
  return c.json({ messages: result.value.messages })
})

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/

chat.post('/files', async (c) => {
  privateJson(c)
  const sessionId = await bearerSession(c)
  if (!sessionId) return unauthorized(c)
  const clientId = c.req.query('id') ?? ''
  if (!CLIENT_ID.test(clientId))
    return c.json(
      { error: { code: 'invalid_query', message: 'id must be 8-64 chars of [A-Za-z0-9_-]' } },
      400
    )
  const name = cleanName((c.req.query('name') ?? '').trim(), 200) || null
  const length = Number(c.req.header('content-length') ?? NaN)
  if (Number.isFinite(length) && length > MAX_FILE_BYTES)
    return c.json(
      { error: { code: 'payload_too_large', message: 'files are limited to 20 MB' } },
      413
    )
  // Uploads are the heaviest thing an anonymous visitor can send: a budget per session on top of the message budget.
  const { success } = await c.env.CHAT_SESSIONS.limit({ key: `files:${sessionId}` })
  if (!success) {
    c.header('Retry-After', '60')
    return c.json(
      { error: { code: 'rate_limited', message: 'too many files; wait a moment' } },
      429
    )
  }
  const result = await uploadFromChat(c.env, {
    sessionId,
    clientId,
    name,
    body: c.req.raw.body,
    languageHint: firstLanguage(c.req.header('accept-language') ?? null),
    now: Date.now(),
  })
  if (!result.ok) {
    if (result.retryAfterMs) c.header('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)))
    return c.json({ error: { code: result.code, message: result.message } }, result.status)
  }
  return c.json({ fileId: result.fileId }, result.duplicate ? 200 : 201)
})

chat.get('/ws', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    c.header('Upgrade', 'websocket')
    return c.json(
      { error: { code: 'upgrade_required', message: 'expected a WebSocket upgrade' } },
      426
    )
  }
  // The token travels as a subprotocol, never in the URL (URLs end up in logs).
  const sessionId = await readSession(
    c.env.WEBCHAT_SECRET ?? '',
    protocolToken(c.req.header('sec-websocket-protocol'))
  )
  if (!sessionId) return unauthorized(c)
  const upgraded = await stubFor(c.env, sessionId).fetch(
    new Request('https://conversation/ws?role=customer', c.req.raw)
  )
  if (upgraded.status !== 101 || !upgraded.webSocket) return upgraded
  return new Response(null, {
    status: 101,
    webSocket: upgraded.webSocket,
    headers: { 'Sec-WebSocket-Protocol': CHAT_PROTOCOL },
  })
})
