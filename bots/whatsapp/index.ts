import { parseKey } from '../../src/channels/keys'
import type {
  ChannelAdapter,
  ChannelAdapterFactory,
  OutboundMessage,
  SendResult,
  WebhookRequest,
} from '../../src/channels/types'
import { apiBase } from '../../src/lib/http'
import { DEFAULT_GRAPH_BASE, type Failure, GRAPH_VERSION, postGraph } from '../meta/graph'
import { isRecord, records, str } from '../meta/guards'
import { handshakeResult } from '../meta/handshake'
import { verifyMetaWebhook } from '../meta/verify'
import { WINDOW_CLOSED, windowOpen } from '../meta/window'
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

/** WhatsApp Cloud API adapter: Meta-signed webhooks in, Graph `/<phone_number_id>/messages` out. */
export const whatsapp: ChannelAdapterFactory = (env, deps = {}) => {
  const vars = env as WhatsAppEnv
  const { META_APP_SECRET: appSecret, WHATSAPP_VERIFY_TOKEN: verifyToken } = vars
  const token = vars.WHATSAPP_TOKEN
  if (!appSecret || !verifyToken || !token) return null
  const base = apiBase(vars.META_GRAPH_API_BASE, DEFAULT_GRAPH_BASE)
  const templates = parseTemplates(vars.WHATSAPP_TEMPLATES)
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init))

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

  const adapter: ChannelAdapter = {
    channel: 'whatsapp',
    verify: (req: WebhookRequest) => verifyMetaWebhook(req, { appSecret, verifyToken }),
    parse(req: WebhookRequest) {
      try {
        if (req.method === 'GET') return handshakeResult(req.url)
        return parseNotification(req.body, req.receivedAt)
      } catch (error) {
        const detail = error instanceof Error ? error.message : 'unknown'
        return { kind: 'invalid', reason: `unreadable notification: ${detail}` }
      }
    },
    send,
  }
  return adapter
}
