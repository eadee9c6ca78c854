import { makeKey, parseKey } from '../../src/channels/keys'
import { parseSafely, verifySafely } from '../../src/channels/never-throws'
import type {
  AttachmentRef,
  ChannelAdapter,
  ChannelAdapterFactory,
  InboundEvent,
  MediaResult,
  OutboundMessage,
  ParseResult,
  SendResult,
  Sender,
} from '../../src/channels/types'
import { apiBase, fetcherOf, postJson, redactSecret } from '../../src/lib/http'
import { downloadMedia } from '../../src/lib/media'
import type { TextMessage } from './api'
import { retryKey, verifySignature } from './crypto'
import { type Failure, networkFailure } from '../../src/lib/failure'
import { batches, classify, textMessages } from './format'
import { isRecord } from '../../src/lib/guards'

const DEFAULT_API_BASE = 'https://api.line.me'
// Content (files customers send) is served from another host than the rest of the API:
// https://developers.line.biz/en/reference/messaging-api/#get-content
const DEFAULT_DATA_API_BASE = 'https://api-data.line.me'
const SIGNATURE_HEADER = 'x-line-signature'
// Sends run from the alarm, which has minutes of wall time: wait as long as the platform's own
// gateway would (about 30 s), so a slow answer is rarely mistaken for none (see retry.ts).
const TIMEOUT_MS = 30_000
// Reply tokens are single-use and expire about a minute after the webhook; leave a margin:
// https://developers.line.biz/en/reference/messaging-api/#send-reply-message
const REPLY_TOKEN_TTL_MS = 50_000
// The answer for an expired or already used token; the same text goes out by push instead.
const INVALID_REPLY_TOKEN = /invalid reply token/i

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

// LINE ids (U/C/R + 32 hex digits) never contain ':', which would break the conversation key.
const id = (value: unknown): string | undefined => {
  const found = text(value)
  return found !== undefined && !found.includes(':') ? found : undefined
}

/** The chat an event's `source` names: the group, else the room, else the user. */
const chatOf = (source: Record<string, unknown>): string | undefined =>
  id(source.groupId) ?? id(source.roomId) ?? id(source.userId)

// https://developers.line.biz/en/reference/messaging-api/#message-event
const ATTACHMENT_KINDS: Partial<Record<string, AttachmentRef['kind']>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
}

// Content is fetched by message id (GET /v2/bot/message/{id}/content on api-data.line.me):
// https://developers.line.biz/en/reference/messaging-api/#get-content
const attachmentsOf = (id: string, type: string, fileName: unknown): AttachmentRef[] => {
  const kind = ATTACHMENT_KINDS[type]
  if (!kind) return []
  const ref: AttachmentRef = { kind, ref: id }
  const name = text(fileName)
  if (kind === 'file' && name) ref.name = name
  return [ref]
}

interface Context {
  conversationKey: string
  externalId: string
  sender: Sender
  sentAt: number
  replyHandle?: string
  raw: unknown
}

const messageEvents = (message: unknown, ctx: Context): InboundEvent[] => {
  // The fields of an EventMessage (api.ts), each checked here.
  if (!isRecord(message)) return []
  const id = text(message.id)
  const type = text(message.type)
  if (!id || !type) return []
  return [
    {
      type: 'message',
      channel: 'line',
      ...ctx,
      platformMessageId: id,
      // Stickers and locations carry no text: the core answers them with its fallback.
      text: type === 'text' ? (typeof message.text === 'string' ? message.text : '') : '',
      attachments: attachmentsOf(id, type, message.fileName),
    },
  ]
}

/** A `label=` parameter in postback data (rich menus set their own data), else undefined. */
const labelOf = (data: string): string | undefined =>
  data.includes('=') ? text(new URLSearchParams(data).get('label')) : undefined

const actionEvents = (postback: unknown, ctx: Context): InboundEvent[] => {
  const data = isRecord(postback) ? text(postback.data) : undefined
  if (data === undefined) return []
  const label = labelOf(data)
  return [
    {
      type: 'action',
      channel: 'line',
      ...ctx,
      actionId: data,
      ...(label === undefined ? {} : { label }),
    },
  ]
}

/** One webhook event -> 0 or 1 normalized events. */
const eventsOf = (event: unknown, receivedAt: number): InboundEvent[] => {
  if (!isRecord(event)) return []
  // Standby: another channel (e.g. a chat module) answers this chat; we must not reply.
  // https://developers.line.biz/en/docs/partner-docs/module-technical-chat-control/
  if (event.mode === 'standby') return []
  const webhookEventId = text(event.webhookEventId)
  const source = isRecord(event.source) ? event.source : undefined
  const chat = source ? chatOf(source) : undefined
  if (!webhookEventId || !source || !chat) return []
  // A redelivered event's reply token is no longer valid:
  // https://developers.line.biz/en/docs/messaging-api/receiving-messages/
  const redelivered = isRecord(event.deliveryContext) && event.deliveryContext.isRedelivery === true
  const replyToken = redelivered ? undefined : text(event.replyToken)
  const timestamp = event.timestamp
  const ctx: Context = {
    conversationKey: makeKey('line', chat),
    externalId: `event:${webhookEventId}`,
    sender: { id: id(source.userId) ?? chat, isBot: false },
    sentAt:
      typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp > 0
        ? timestamp
        : receivedAt,
    ...(replyToken === undefined ? {} : { replyHandle: replyToken }),
    raw: event,
  }
  if (event.type === 'message') return messageEvents(event.message, ctx)
  if (event.type === 'postback') return actionEvents(event.postback, ctx)
  return []
}

const invalid = (reason: string): ParseResult => ({ kind: 'invalid', reason })

/** Maps one webhook body (`{ destination, events }`) to events; unhandled event types give none. */
const parseCallback = (body: string, receivedAt: number): ParseResult => {
  let payload: unknown
  try {
    payload = JSON.parse(body)
  } catch {
    return invalid('malformed JSON')
  }
  if (!isRecord(payload) || !Array.isArray(payload.events)) {
    return invalid('not a LINE webhook: no events array')
  }
  // The console's "Verify" button sends `events: []`, which must get a 200.
  return { kind: 'events', events: payload.events.flatMap((event) => eventsOf(event, receivedAt)) }
}

/** `line:<source id>` -> the push target; null when not a LINE key. */
const targetOf = (key: string): string | null => {
  const parsed = parseKey(key)
  if (!parsed || parsed.channel !== 'line' || parsed.ids.length !== 1) return null
  return parsed.ids[0] ?? null
}

/** The id of the last sent message in a reply/push answer (or a 409 for a used retry key). */
const lastSentId = (body: unknown): string | undefined => {
  const sent = isRecord(body) && Array.isArray(body.sentMessages) ? body.sentMessages : []
  const last: unknown = sent[sent.length - 1]
  return isRecord(last) ? text(last.id) : undefined
}

/** The settings this adapter reads; unset or empty secrets leave the channel disabled. */
interface LineEnv {
  LINE_CHANNEL_SECRET?: string
  LINE_CHANNEL_ACCESS_TOKEN?: string
  LINE_API_BASE?: string
  /** The content host (default `https://api-data.line.me`); see `dataBaseOf`. */
  LINE_DATA_API_BASE?: string
}

/**
 * Where content is read: `LINE_DATA_API_BASE` when set; else a non-default `LINE_API_BASE` (a
 * local double serves both); else `https://api-data.line.me`.
 */
const dataBaseOf = (vars: LineEnv, base: string): string => {
  if (vars.LINE_DATA_API_BASE) return apiBase(vars.LINE_DATA_API_BASE, DEFAULT_DATA_API_BASE)
  return base === DEFAULT_API_BASE ? DEFAULT_DATA_API_BASE : base
}

type Answer =
  | { ok: true; body: unknown }
  | { ok: false; status: number | null; body: unknown; failure: Failure }

/** LINE adapter: `x-line-signature` webhooks in, reply (while the token is fresh) or push out. */
export const line: ChannelAdapterFactory = (env, deps = {}) => {
  const vars = env as LineEnv
  const { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: token } = vars
  if (!secret || !token) return null
  const base = apiBase(vars.LINE_API_BASE, DEFAULT_API_BASE)
  const dataBase = dataBaseOf(vars, base)
  const doFetch = fetcherOf(deps.fetch)

  // Defensive: the token only travels in a header, but keep it out of stored reasons anyway.
  const redact = (failure: Failure): Failure => redactSecret(failure, token)

  /** One API call; the parsed body or a classified failure. Never throws. */
  const call = async (
    path: string,
    payload: unknown,
    headers: Record<string, string> = {}
  ): Promise<Answer> => {
    const auth = { authorization: `Bearer ${token}`, ...headers }
    const answer = await postJson(doFetch, `${base}${path}`, payload, auth, TIMEOUT_MS)
    if ('error' in answer) {
      return { ok: false, status: null, body: null, failure: redact(networkFailure(answer.error)) }
    }
    const { status, body } = answer
    if (answer.ok) return { ok: true, body }
    const failure = redact(classify(status, body, answer.headers.get('retry-after')))
    return { ok: false, status, body, failure }
  }

  /** Pushes one request's messages; a 409 means LINE already accepted this retry key. */
  const push = async (
    to: string,
    messages: TextMessage[],
    key: string
  ): Promise<{ ok: true; externalId: string } | Failure> => {
    const answer = await call('/v2/bot/message/push', { to, messages }, { 'X-Line-Retry-Key': key })
    // https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
    if (answer.ok || answer.status === 409) {
      return { ok: true, externalId: lastSentId(answer.body) ?? key }
    }
    // LINE honours the retry key for 24 h, so repeating this push after a timeout is safe.
    return answer.failure.retryable ? { ...answer.failure, safeToRepeat: true } : answer.failure
  }

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const to = targetOf(message.to.conversationKey)
    if (!to) {
      const reason = `not a LINE conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    const requests = batches(textMessages(message.text, message.buttons))
    const keyOf = (part: number) =>
      retryKey(message.to.conversationKey, message.idempotencyKey, part)
    const { replyHandle, replyHandleAt } = message.to
    const age = replyHandleAt === undefined ? Number.NaN : message.now - replyHandleAt
    // Replies are free but single-use and not idempotent: only a message that fits one request
    // goes by reply, so a retry of a longer one never repeats its first part.
    let spent = false
    const [first] = requests
    if (replyHandle && first && requests.length === 1 && age >= 0 && age < REPLY_TOKEN_TTL_MS) {
      const payload = { replyToken: replyHandle, messages: first }
      const answer = await call('/v2/bot/message/reply', payload)
      if (answer.ok) {
        const externalId = lastSentId(answer.body) ?? (await keyOf(0))
        return { ok: true, externalId, usedReplyHandle: true }
      }
      const expired = answer.status === 400 && INVALID_REPLY_TOKEN.test(answer.failure.reason)
      if (!expired) return answer.failure
      spent = true
    }
    let externalId = ''
    for (const [part, messages] of requests.entries()) {
      const result = await push(to, messages, await keyOf(part))
      if (!result.ok) return result
      externalId = result.externalId
    }
    return spent ? { ok: true, externalId, usedReplyHandle: true } : { ok: true, externalId }
  }

  // GET /v2/bot/message/<id>/content with the channel token; content is kept for a limited time
  // (then 404). Video and audio may answer 202 while LINE is still preparing them:
  // https://developers.line.biz/en/reference/messaging-api/#get-content
  const fetchMedia = async (ref: AttachmentRef): Promise<MediaResult> => {
    const url = `${dataBase}/v2/bot/message/${encodeURIComponent(ref.ref)}/content`
    const hints = {
      ...(ref.mimeType ? { mimeType: ref.mimeType } : {}),
      ...(ref.name ? { name: ref.name } : {}),
    }
    const result = await downloadMedia(doFetch, url, { authorization: `Bearer ${token}` }, hints)
    if (!result.ok) return redactSecret(result, token)
    if (result.response.status === 202) {
      void result.response.body?.cancel()
      return { ok: false, retryable: true, reason: 'content is still being prepared (202)' }
    }
    return result
  }

  const adapter: ChannelAdapter = {
    channel: 'line',
    verify: verifySafely((req) =>
      verifySignature(secret, req.body, req.headers.get(SIGNATURE_HEADER))
    ),
    parse: parseSafely('webhook', (req) => parseCallback(req.body, req.receivedAt)),
    send,
    fetchMedia,
  }
  return adapter
}
