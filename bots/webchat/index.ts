import { z } from 'zod'
import { makeKey } from '../../src/channels/keys'
import { utf8Length } from '../../src/lib/encoding'
import type {
  ChannelAdapter,
  ChannelAdapterFactory,
  CustomerMessage,
  InboundEvent,
  ParseResult,
  WebhookRequest,
} from '../../src/channels/types'
import { bearerToken, readSession, unverifiedSessionId } from './session'

/** The text frame the Conversation pushes to customer sockets (contract). */
export interface CustomerFrame {
  type: 'message'
  message: CustomerMessage
}

/** Limits of the customer message body (contract, mirrored by the page). */
export const WEBCHAT_LIMITS = { text: 4000, action: 256, label: 256, body: 64 * 1024 } as const

const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 chars of [A-Za-z0-9_-]')

// Zero-width characters (and the BOM) count as blank, like spaces; `trim` already covers the
// ideographic space U+3000.
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff\u180e\u3164\u115f\u1160]/gu

/** True for text with nothing visible in it. */
export const isBlank = (text: string): boolean => text.replace(INVISIBLE, '').length === 0

// The shop page the widget sits on, passed along so agents see where the customer is.
const page = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .optional()

const TextBody = z.strictObject({
  id: clientId,
  page,
  text: z
    .string()
    .min(1)
    .max(WEBCHAT_LIMITS.text)
    .refine((text) => !isBlank(text), 'must not be blank'),
})

const ActionBody = z.strictObject({
  id: clientId,
  page,
  action: z.string().min(1).max(WEBCHAT_LIMITS.action),
  label: z.string().min(1).max(WEBCHAT_LIMITS.label).optional(),
})

const describe = (error: z.ZodError): string => {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body'
}

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/

/** The first tag of an Accept-Language header (`en-US,en;q=0.9` -> `en-US`), if any. */
export const firstLanguage = (header: string | null): string | undefined => {
  const tag = header?.split(',')[0]?.split(';')[0]?.trim()
  return tag && LANGUAGE_TAG.test(tag) ? tag : undefined
}

const parseBody = (req: WebhookRequest): ParseResult => {
  const sessionId = unverifiedSessionId(bearerToken(req.headers.get('authorization')))
  if (!sessionId) return { kind: 'invalid', reason: 'missing session token' }
  if (utf8Length(req.body) > WEBCHAT_LIMITS.body) {
    return { kind: 'invalid', reason: `body over ${WEBCHAT_LIMITS.body} bytes`, tooLarge: true }
  }

  let json: unknown
  try {
    json = JSON.parse(req.body)
  } catch {
    return { kind: 'invalid', reason: 'body is not JSON' }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { kind: 'invalid', reason: 'body must be a JSON object' }
  }

  const hasText = 'text' in json
  const hasAction = 'action' in json
  if (hasText === hasAction) return { kind: 'invalid', reason: 'exactly one of text or action' }

  const base = {
    channel: 'webchat' as const,
    conversationKey: makeKey('webchat', sessionId),
    sender: {
      id: sessionId,
      isBot: false,
      languageHint: firstLanguage(req.headers.get('accept-language')),
    },
    sentAt: req.receivedAt,
    raw: json,
  }

  let event: InboundEvent
  if (hasText) {
    const body = TextBody.safeParse(json)
    if (!body.success) return { kind: 'invalid', reason: describe(body.error) }
    const { id, text, page } = body.data
    event = {
      ...base,
      ...(page ? { sender: { ...base.sender, page } } : {}),
      type: 'message',
      externalId: `client:${id}`,
      text,
      attachments: [],
    }
  } else {
    const body = ActionBody.safeParse(json)
    if (!body.success) return { kind: 'invalid', reason: describe(body.error) }
    const { id, action, label, page } = body.data
    const labelled = label === undefined ? {} : { label }
    event = {
      ...base,
      ...(page ? { sender: { ...base.sender, page } } : {}),
      type: 'action',
      externalId: `client:${id}`,
      actionId: action,
      ...labelled,
    }
  }
  return { kind: 'events', events: [event] }
}

/** The web chat adapter; null when `WEBCHAT_SECRET` is not set (channel not configured). */
export const webchat: ChannelAdapterFactory = (env) => {
  const secret = env.WEBCHAT_SECRET
  if (!secret) return null
  const adapter: ChannelAdapter = {
    channel: 'webchat',
    // Sending is a push to the page's own sockets; the page merges by message id.
    dedupesSends: true,
    verify: async (req) =>
      (await readSession(secret, bearerToken(req.headers.get('authorization')))) !== null,
    parse: (req) => {
      try {
        return parseBody(req)
      } catch (error) {
        return { kind: 'invalid', reason: error instanceof Error ? error.message : 'invalid' }
      }
    },
    // The Conversation pushes stored replies to the browser's socket and serves them as history,
    // so "sending" is just acknowledging the outbox row.
    send: (message) => Promise.resolve({ ok: true, externalId: message.idempotencyKey }),
  }
  return adapter
}
