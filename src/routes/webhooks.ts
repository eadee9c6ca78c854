import { Hono } from 'hono'
import { z } from 'zod'
import { getAdapter, isChannel } from '../../bots'
import { errorBody } from '../api/errors'
import { documentOnly, errorResponse, jsonResponse } from '../api/route'
import { apiRouter } from '../api/router'
import { CHANNELS } from '../channels/types'
import { boundRaw } from '../channels/raw'
import { deskConversation } from '../team-threads/team-threads'
import { MAX_WEBHOOK_BYTES, readLimitedText } from '../lib/body'
import type { WebhookRequest } from '../channels/types'
import type { AppEnv } from '../env'

const channel = z.object({
  channel: z.string().describe(`one of ${CHANNELS.join(', ')}`),
})
const stored = jsonResponse(
  z.object({ ok: z.literal(true), events: z.number() }),
  "stored (or the platform's own acknowledgement, e.g. Slack's url_verification or TwiML)"
)
const unknownChannel = errorResponse('unknown channel, or not configured')

// Webhooks read the raw body once (signatures cover its exact bytes), so they are listed, not validated.
const docs = apiRouter('/webhooks')
documentOnly(docs, {
  method: 'post',
  path: '/{channel}',
  summary:
    "A platform's webhook (telegram, webchat, slack, whatsapp, messenger, line, wechat, wecom, twilio): 200 once stored; 401 bad signature, 400 malformed, 413 over 1 MB, 404 unknown or unconfigured channel, 503 retry",
  tag: 'webhooks',
  access: 'public',
  request: { params: channel },
  responses: {
    200: stored,
    400: errorResponse('the payload does not parse'),
    401: errorResponse('signature or secret does not match'),
    404: unknownChannel,
    413: errorResponse('body over 1 MB'),
    429: errorResponse('too many messages from this customer; Retry-After says when'),
    503: errorResponse('not stored; the platform should deliver again'),
  },
})
documentOnly(docs, {
  method: 'get',
  path: '/{channel}',
  summary: 'Platform handshakes (WhatsApp/Messenger hub.challenge, WeChat/WeCom echostr)',
  tag: 'webhooks',
  access: 'public',
  request: { params: channel },
  responses: {
    200: {
      description: 'the challenge or echostr, as the platform expects it',
      content: { 'text/plain': { schema: z.string() } },
    },
    401: errorResponse('signature or secret does not match'),
    403: errorResponse('verify token does not match'),
    404: unknownChannel,
  },
})

/**
 * The whole ingress: read the raw body once, verify, parse, await each conversation's `ingest`,
 * then 200. Nothing is acknowledged before it is durable; replies leave later from the outbox.
 */
export const webhooks = new Hono<AppEnv>().on(['GET', 'POST'], '/:channel', async (c) => {
  const channel = c.req.param('channel')
  const adapter = getAdapter(channel, c.env)
  if (!adapter) {
    return isChannel(channel)
      ? c.json(errorBody('channel_not_configured', `channel ${channel} is not configured`), 404)
      : c.json(errorBody('not_found', `unknown channel ${channel}`), 404)
  }
  const body = await readLimitedText(c.req.raw, MAX_WEBHOOK_BYTES)
  if (body === null) {
    return c.json(errorBody('payload_too_large', `body over ${MAX_WEBHOOK_BYTES} bytes`), 413)
  }
  const req: WebhookRequest = {
    method: c.req.method,
    url: new URL(c.req.url),
    headers: c.req.raw.headers,
    body,
    receivedAt: Date.now(),
  }
  if (!(await adapter.verify(req))) {
    // Meta's subscription handshake expects 403 for a wrong verify token.
    if (req.method === 'GET' && req.url.searchParams.has('hub.mode')) {
      return c.json(errorBody('forbidden', 'verify token does not match'), 403)
    }
    return c.json(errorBody('unauthorized', 'signature or secret does not match'), 401)
  }
  const parsed = adapter.parse(req)
  if (parsed.kind === 'handshake') return parsed.response
  if (parsed.kind === 'invalid') {
    return parsed.tooLarge
      ? c.json(errorBody('payload_too_large', parsed.reason), 413)
      : c.json(errorBody('invalid_body', parsed.reason), 400)
  }
  if (parsed.kind === 'sync') {
    // Pull-style platform: one object per stream pulls, stores and then advances its cursor.
    const outcome = await c.env.SYNC.getByName(`${channel}:${parsed.stream}`).pull({
      channel,
      stream: parsed.stream,
      token: parsed.token,
    })
    if (!outcome.ok) return c.json(errorBody('unavailable', outcome.reason), 503)
    return parsed.ack ? parsed.ack() : c.json({ ok: true, events: outcome.events })
  }

  for (const parsedEvent of parsed.events) {
    const event = { ...parsedEvent, raw: boundRaw(parsedEvent.raw) }
    try {
      // An agent answering in a desk thread talks to the customer, not to the bot.
      const desk = await deskConversation(c.env.DB, event)
      if (desk && event.type === 'message') {
        await c.env.CONVERSATION.getByName(desk).agentReply({
          text: event.text,
          agent: `slack:${event.sender.name ?? event.sender.id}`,
          externalId: event.externalId,
        })
        continue
      }
      const result = await c.env.CONVERSATION.getByName(event.conversationKey).ingest(event)
      if (result.status === 'throttled') {
        c.header('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)))
        return c.json(
          errorBody('rate_limited', 'too many messages; wait a moment and send again'),
          429
        )
      }
      if (result.status === 'rejected') {
        return c.json(errorBody('unavailable', result.reason), 503)
      }
    } catch (err) {
      // Not stored: answer 5xx so the platform delivers again (ingest is idempotent per event).
      console.error('ingest failed', event.conversationKey, err)
      return c.json(errorBody('unavailable', 'could not store the event; retry'), 503)
    }
  }
  return parsed.ack ? parsed.ack() : c.json({ ok: true, events: parsed.events.length })
})
