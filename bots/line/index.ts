import { parseKey } from '../../src/channels/keys'
import { parseSafely, verifySafely } from '../../src/channels/never-throws'
import type {
  AttachmentRef,
  ChannelAdapter,
  ChannelAdapterFactory,
  MediaResult,
  OutboundMessage,
  SendResult,
} from '../../src/channels/types'
import { apiBase, fetcherOf, postJson, redactSecret } from '../../src/lib/http'
import { downloadMedia } from '../../src/lib/media'
import type { TextMessage } from './api'
import { retryKey, verifySignature } from './crypto'
import { type Failure, networkFailure } from '../../src/lib/failure'
import { batches, classify, textMessages } from './format'
import { isRecord, str } from '../../src/lib/guards'
import { parseCallback } from './parse'

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
  return isRecord(last) ? str(last.id) : undefined
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
