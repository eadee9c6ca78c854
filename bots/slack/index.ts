import { parseKey } from '../../src/channels/keys'
import type {
  AttachmentRef,
  ChannelAdapter,
  ChannelAdapterFactory,
  MediaResult,
  OutboundMessage,
  SendResult,
  WebhookRequest,
} from '../../src/channels/types'
import { apiBase, fetcherOf, getJson, postJson, redactSecret } from '../../src/lib/http'
import { MAX_FILE_BYTES, downloadMedia } from '../../src/lib/media'
import type { PostMessageRequest } from './api'
import { verifySlackSignature } from './crypto'
import { type Failure, networkFailure } from '../../src/lib/failure'
import { classify, composeMessages } from './format'
import { parseSlack } from './parse'
import { isRecord, str } from '../../src/lib/guards'

const DEFAULT_API_BASE = 'https://slack.com/api'
// Sends run from the alarm, which has minutes of wall time: wait as long as the platform's own
// gateway would (about 30 s), so a slow answer is rarely mistaken for none (see retry.ts).
const TIMEOUT_MS = 30_000

const mediaType = (response: Response): string =>
  response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''

/** `slack:<team>:<channel>[:<thread_ts>]` -> where to post; null when not a Slack key. */
const targetOf = (key: string): { channel: string; threadTs?: string } | null => {
  const parsed = parseKey(key)
  if (!parsed || parsed.channel !== 'slack') return null
  if (parsed.ids.length !== 2 && parsed.ids.length !== 3) return null
  const [, channel, threadTs] = parsed.ids
  if (!channel || !/^[A-Z0-9]+$/i.test(channel)) return null
  if (threadTs === undefined) return { channel }
  return /^\d+\.\d+$/.test(threadTs) ? { channel, threadTs } : null
}

/** The settings this adapter reads; unset or empty secrets leave the channel disabled. */
interface SlackEnv {
  SLACK_SIGNING_SECRET?: string
  SLACK_BOT_TOKEN?: string
  SLACK_API_BASE?: string
}

/** Slack adapter: signed Events API and interactivity in, `chat.postMessage` with Block Kit out. */
export const slack: ChannelAdapterFactory = (env, deps = {}) => {
  const vars = env as SlackEnv
  const { SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: token } = vars
  if (!secret || !token) return null
  const base = apiBase(vars.SLACK_API_BASE, DEFAULT_API_BASE)
  const doFetch = fetcherOf(deps.fetch)

  // The token travels in a header only; still keep it out of stored failure reasons.
  const redact = (failure: Failure): Failure => redactSecret(failure, token)

  /** One `chat.postMessage`; the message `ts` or a classified failure. Never throws. */
  const postMessage = async (
    payload: PostMessageRequest
  ): Promise<{ ok: true; ts: string } | Failure> => {
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json; charset=utf-8',
    }
    const answer = await postJson(doFetch, `${base}/chat.postMessage`, payload, headers, TIMEOUT_MS)
    if ('error' in answer) return redact(networkFailure(answer.error))
    const { body } = answer
    if (answer.ok && isRecord(body) && body.ok === true) {
      return { ok: true, ts: typeof body.ts === 'string' ? body.ts : '' }
    }
    return redact(classify(answer.status, body, answer.headers.get('retry-after')))
  }

  /** `files.info` for one file: its metadata or a classified failure. Never throws. */
  const filesInfo = async (
    id: string
  ): Promise<{ ok: true; file: Record<string, unknown> } | Failure> => {
    // A read method: GET with query arguments and the token as a bearer header.
    // https://docs.slack.dev/reference/methods/files.info
    const answer = await getJson(
      doFetch,
      `${base}/files.info?file=${encodeURIComponent(id)}`,
      { authorization: `Bearer ${token}` },
      TIMEOUT_MS
    )
    if ('error' in answer) return redact(networkFailure(answer.error))
    const { body } = answer
    if (answer.ok && isRecord(body) && body.ok === true && isRecord(body.file)) {
      return { ok: true, file: body.file }
    }
    // Slack reports errors with HTTP 200 and `{ ok: false, error }` (`ratelimited` retries).
    const failure = classify(answer.status, body, answer.headers.get('retry-after'))
    return redact({ ...failure, reason: `files.info: ${failure.reason}` })
  }

  // files.info names the private URL, which is read with the bot token (scope `files:read`).
  const fetchMedia = async (ref: AttachmentRef): Promise<MediaResult> => {
    const info = await filesInfo(ref.ref)
    if (!info.ok) return info
    const { file } = info
    const url = str(file.url_private_download) ?? str(file.url_private)
    if (!url) return { ok: false, retryable: false, reason: 'files.info gave no private URL' }
    const size = file.size
    if (typeof size === 'number' && size > MAX_FILE_BYTES) {
      return { ok: false, retryable: false, tooLarge: true, reason: `file is ${size} bytes` }
    }
    const mimeType = ref.mimeType ?? str(file.mimetype)
    const name = ref.name ?? str(file.name)
    const hints = { ...(mimeType ? { mimeType } : {}), ...(name ? { name } : {}) }
    const result = await downloadMedia(doFetch, url, { authorization: `Bearer ${token}` }, hints)
    if (!result.ok) return redactSecret(result, token)
    // Without `files:read` (or with a token of another workspace) Slack answers the private URL
    // with its sign-in page, status 200: not the file.
    if (mediaType(result.response) === 'text/html' && mimeType !== 'text/html') {
      void result.response.body?.cancel()
      const reason = 'private URL answered an HTML page (is the files:read scope granted?)'
      return { ok: false, retryable: false, reason }
    }
    return result
  }

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const target = targetOf(message.to.conversationKey)
    if (!target) {
      const reason = `not a Slack conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    let externalId = ''
    for (const part of composeMessages(message.text, message.buttons)) {
      const payload: PostMessageRequest = {
        channel: target.channel,
        text: part.text,
        blocks: part.blocks,
      }
      if (target.threadTs !== undefined) payload.thread_ts = target.threadTs
      const answer = await postMessage(payload)
      if (!answer.ok) return answer
      externalId = answer.ts
    }
    return { ok: true, externalId }
  }

  const adapter: ChannelAdapter = {
    channel: 'slack',
    verify: (req: WebhookRequest) =>
      verifySlackSignature(secret, req.headers, req.body, req.receivedAt),
    parse: (req: WebhookRequest) => parseSlack(req.body, req.receivedAt),
    send,
    fetchMedia,
  }
  return adapter
}
