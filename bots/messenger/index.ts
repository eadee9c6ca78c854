import { parseKey } from '../../src/channels/keys'
import {
  type AttachmentRef,
  type ChannelAdapter,
  type ChannelAdapterFactory,
  type MediaResult,
  type OutboundMessage,
  type SendResult,
  WINDOW_CLOSED,
} from '../../src/channels/types'
import { apiBase, fetcherOf } from '../../src/lib/http'
import { downloadMedia, mediaUrl } from '../../src/lib/media'
import { DEFAULT_GRAPH_BASE, GRAPH_VERSION, postGraph } from '../meta/graph'
import { isRecord } from '../../src/lib/guards'
import { str } from '../../src/lib/guards'
import { metaWebhook } from '../meta/webhook'
import { windowOpen } from '../meta/window'
import { MESSENGER_RULES, messagesFor } from './format'
import { parseNotification } from './parse'

/** The settings this adapter reads; unset or empty secrets leave the channel disabled. */
interface MessengerEnv {
  META_APP_SECRET?: string
  MESSENGER_VERIFY_TOKEN?: string
  MESSENGER_PAGE_TOKEN?: string
  META_GRAPH_API_BASE?: string
}

/** `messenger:<page_id>:<psid>` -> the PSID; null when not a Messenger key. */
const psidOf = (key: string): string | null => {
  const parsed = parseKey(key)
  if (!parsed || parsed.channel !== 'messenger' || parsed.ids.length !== 2) return null
  const psid = parsed.ids[1]
  return psid && /^\d+$/.test(psid) ? psid : null
}

/** The file name at the end of a CDN URL (`.../invoice-1042.pdf?...`), for files only. */
const fileNameOf = (url: URL): string | undefined => {
  const last = url.pathname.split('/').pop() ?? ''
  try {
    const name = decodeURIComponent(last)
    return /^[^/\\]{1,200}\.[A-Za-z0-9]{1,10}$/.test(name) ? name : undefined
  } catch {
    return undefined
  }
}

/** Messenger adapter: Meta-signed Page webhooks in, Graph Send API (`/me/messages`) out. */
export const messenger: ChannelAdapterFactory = (env, deps = {}) => {
  const vars = env as MessengerEnv
  const { META_APP_SECRET: appSecret, MESSENGER_VERIFY_TOKEN: verifyToken } = vars
  const token = vars.MESSENGER_PAGE_TOKEN
  if (!appSecret || !verifyToken || !token) return null
  const base = apiBase(vars.META_GRAPH_API_BASE, DEFAULT_GRAPH_BASE)
  const doFetch = fetcherOf(deps.fetch)
  // The Send API reference passes the Page token as the access_token query parameter:
  // https://developers.facebook.com/docs/messenger-platform/reference/send-api
  const url = `${base}/${GRAPH_VERSION}/me/messages?access_token=${encodeURIComponent(token)}`

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const psid = psidOf(message.to.conversationKey)
    if (!psid) {
      const reason = `not a Messenger conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    // Outside the 24-hour window the Send API refuses RESPONSE messages; refuse without a call.
    if (!windowOpen(message)) return { ok: false, retryable: false, reason: WINDOW_CLOSED }
    let externalId = ''
    for (const part of messagesFor(message.text, message.buttons)) {
      const answer = await postGraph({
        fetch: doFetch,
        url,
        payload: { recipient: { id: psid }, messaging_type: 'RESPONSE', message: part },
        rules: MESSENGER_RULES,
        secrets: [token, encodeURIComponent(token)],
      })
      if (!answer.ok) return answer
      externalId = (isRecord(answer.body) ? str(answer.body.message_id) : undefined) ?? ''
    }
    return { ok: true, externalId }
  }

  // The attachment's `payload.url` is a signed CDN URL that needs no token (and expires):
  // https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
  const fetchMedia = async (ref: AttachmentRef): Promise<MediaResult> => {
    const url = mediaUrl(ref.ref)
    if (!(url instanceof URL)) return url
    const name = ref.name ?? (ref.kind === 'file' ? fileNameOf(url) : undefined)
    const hints = { ...(ref.mimeType ? { mimeType: ref.mimeType } : {}), ...(name ? { name } : {}) }
    // The original string, not `url.href`: the signature covers the query exactly as sent.
    return downloadMedia(doFetch, ref.ref, {}, hints)
  }

  const adapter: ChannelAdapter = {
    channel: 'messenger',
    ...metaWebhook({ appSecret, verifyToken }, parseNotification),
    send,
    fetchMedia,
  }
  return adapter
}
