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
import { apiBase, fetcherOf, redactSecret } from '../../src/lib/http'
import { MAX_FILE_BYTES, downloadMedia } from '../../src/lib/media'
import type { Failure } from '../../src/lib/failure'
import { DEFAULT_GRAPH_BASE, GRAPH_VERSION, getGraph, postGraph } from '../meta/graph'
import { isRecord } from '../../src/lib/guards'
import { str } from '../../src/lib/guards'
import { records } from '../meta/guards'
import { metaWebhook } from '../meta/webhook'
import { windowOpen } from '../meta/window'
import type { MessageContent } from './api'
import { WHATSAPP_RULES, contentsFor, templateContent } from './format'
import { parseNotification } from './parse'
import { parseTemplates } from './templates'

/** The settings this adapter reads; unset or empty secrets leave the channel disabled. */
interface WhatsAppEnv {
  META_APP_SECRET?: string
  WHATSAPP_VERIFY_TOKEN?: string
  WHATSAPP_TOKEN?: string
  META_GRAPH_API_BASE?: string
  /** JSON: engine template id -> `{ name, language }` of an approved WhatsApp template. */
  WHATSAPP_TEMPLATES?: string
}

/** Where a reply goes: the business number and a customer or a group. */
interface Target {
  phoneNumberId: string
  to: string
  recipientType: 'individual' | 'group'
}

/** `whatsapp:<phone_number_id>:<wa_id>` or `...:group:<group_id>`; null for any other key. */
const targetOf = (key: string): Target | null => {
  const parsed = parseKey(key)
  if (!parsed || parsed.channel !== 'whatsapp') return null
  const [phoneNumberId, peer, group] = parsed.ids
  if (!phoneNumberId || !/^\d+$/.test(phoneNumberId) || !peer) return null
  if (parsed.ids.length === 2) return { phoneNumberId, to: peer, recipientType: 'individual' }
  if (parsed.ids.length === 3 && peer === 'group' && group) {
    return { phoneNumberId, to: group, recipientType: 'group' }
  }
  return null
}

/** The `wamid` of a successful send answer (`messages[0].id`). */
const messageId = (body: unknown): string =>
  (isRecord(body) ? str(records(body.messages)[0]?.id) : undefined) ?? ''

// Any product token will do; the media host only wants one to be there.
const USER_AGENT = 'edge-service-engine/1 (customer-service bot)'

const isHtml = (response: Response): boolean =>
  response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === 'text/html'

/** `file_size` of a media answer: Graph sends a number, some versions a digit string. */
const byteCount = (value: unknown): number | undefined => {
  const count = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : undefined
}

/** WhatsApp Cloud API adapter: Meta-signed webhooks in, Graph `/<phone_number_id>/messages` out. */
export const whatsapp: ChannelAdapterFactory = (env, deps = {}) => {
  const vars = env as WhatsAppEnv
  const { META_APP_SECRET: appSecret, WHATSAPP_VERIFY_TOKEN: verifyToken } = vars
  const token = vars.WHATSAPP_TOKEN
  if (!appSecret || !verifyToken || !token) return null
  const base = apiBase(vars.META_GRAPH_API_BASE, DEFAULT_GRAPH_BASE)
  const templates = parseTemplates(vars.WHATSAPP_TEMPLATES)
  const doFetch = fetcherOf(deps.fetch)

  /** Sends each content in order; stops at the first failure, telling how many went out. */
  const sendAll = async (
    target: Target,
    contents: readonly MessageContent[]
  ): Promise<{ result: SendResult; sent: number }> => {
    let externalId = ''
    for (const [sent, content] of contents.entries()) {
      const answer = await postGraph({
        fetch: doFetch,
        url: `${base}/${GRAPH_VERSION}/${target.phoneNumberId}/messages`,
        headers: { authorization: `Bearer ${token}` },
        payload: {
          messaging_product: 'whatsapp',
          recipient_type: target.recipientType,
          to: target.to,
          ...content,
        },
        rules: WHATSAPP_RULES,
        secrets: [token],
      })
      if (!answer.ok) return { result: answer, sent }
      externalId = messageId(answer.body)
    }
    return { result: { ok: true, externalId }, sent: contents.length }
  }

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const target = targetOf(message.to.conversationKey)
    if (!target) {
      const reason = `not a WhatsApp conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    const template = message.template === undefined ? undefined : templates.get(message.template)
    const closed: Failure = { ok: false, retryable: false, reason: WINDOW_CLOSED }
    // Outside the 24-hour window only approved templates may be sent; refuse without a call.
    if (!windowOpen(message)) {
      return template ? (await sendAll(target, [templateContent(template)])).result : closed
    }
    // Groups take text, media and templates only, so their buttons become a numbered list.
    const native = target.recipientType === 'individual'
    const contents = contentsFor(message.text, message.buttons, native)
    const { result, sent } = await sendAll(target, contents)
    // Meta's clock disagreed with ours (131047) before anything went out: use the template.
    if (!result.ok && result.reason === WINDOW_CLOSED && sent === 0 && template) {
      return (await sendAll(target, [templateContent(template)])).result
    }
    return result
  }

  // Two steps: GET /<media id> gives a short-lived (5 min) URL, which is read with the same token:
  // https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#retrieve-media-url
  const fetchMedia = async (ref: AttachmentRef): Promise<MediaResult> => {
    const auth = { authorization: `Bearer ${token}` }
    const answer = await getGraph({
      fetch: doFetch,
      url: `${base}/${GRAPH_VERSION}/${encodeURIComponent(ref.ref)}`,
      headers: auth,
      rules: WHATSAPP_RULES,
      secrets: [token],
    })
    if (!answer.ok) return answer
    const body = isRecord(answer.body) ? answer.body : {}
    const url = str(body.url)
    if (!url) return { ok: false, retryable: false, reason: 'media answer without url' }
    const size = byteCount(body.file_size)
    if (size !== undefined && size > MAX_FILE_BYTES) {
      return { ok: false, retryable: false, tooLarge: true, reason: `file is ${size} bytes` }
    }
    const mimeType = ref.mimeType ?? str(body.mime_type)
    const hints = { ...(mimeType ? { mimeType } : {}), ...(ref.name ? { name: ref.name } : {}) }
    // The media host answers requests without a User-Agent with an HTML page instead of the file
    // (reported by SDK authors, e.g. gabrieldwight/Whatsapp-Business-Cloud-Api-Net#45).
    const result = await downloadMedia(doFetch, url, { ...auth, 'user-agent': USER_AGENT }, hints)
    if (!result.ok) return redactSecret(result, token)
    if (isHtml(result.response) && mimeType !== 'text/html') {
      void result.response.body?.cancel()
      return {
        ok: false,
        retryable: false,
        reason: 'media URL answered an HTML page, not the file',
      }
    }
    return result
  }

  const adapter: ChannelAdapter = {
    channel: 'whatsapp',
    ...metaWebhook({ appSecret, verifyToken }, parseNotification),
    send,
    fetchMedia,
  }
  return adapter
}
