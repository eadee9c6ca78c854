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
import { toBase64, utf8 } from '../../src/lib/encoding'
import { apiBase, fetcherOf, postForm, redactSecret } from '../../src/lib/http'
import { downloadMedia, mediaUrl } from '../../src/lib/media'
import { decodeAddress, isWhatsApp } from './address'
import type { CreateMessageForm } from './api'
import { verifySignature } from './crypto'
import { type Failure, networkFailure } from '../../src/lib/failure'
import { classify, splitBody, withOptions } from './format'
import { parseDelivery } from './parse'
import { isRecord } from '../../src/lib/guards'

const DEFAULT_API_BASE = 'https://api.twilio.com'
const SIGNATURE_HEADER = 'X-Twilio-Signature'
// Sends run from the alarm, which has minutes of wall time: wait as long as the platform's own
// gateway would (about 30 s), so a slow answer is rarely mistaken for none (see retry.ts).
const TIMEOUT_MS = 30_000
// Twilio rejects an empty Body without media (error 21602), e.g. a reply made of nothing.
const PLACEHOLDER = '…'
// Free-form WhatsApp messages only within 24 h of the customer's last message (else 63016):
// https://www.twilio.com/docs/whatsapp/tutorial/send-whatsapp-notification-messages-templates
const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000

/** `twilio:<shop>:<customer>` -> the `From` / `To` addresses to send with; null when not one. */
const targetOf = (key: string): { from: string; to: string } | null => {
  const parsed = parseKey(key)
  if (!parsed || parsed.channel !== 'twilio' || parsed.ids.length !== 2) return null
  const [shop, customer] = parsed.ids
  const from = shop === undefined ? null : decodeAddress(shop)
  const to = customer === undefined ? null : decodeAddress(customer)
  return from && to ? { from, to } : null
}

/**
 * Is this media URL Twilio's own (so it may see the account's credentials)? `api.twilio.com` and
 * other `*.twilio.com` hosts, or the configured API base (a local double), over HTTPS or the
 * base's own scheme.
 */
const isTwilioUrl = (url: URL, baseOrigin: string | null): boolean =>
  (url.protocol === 'https:' &&
    (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com'))) ||
  url.origin === baseOrigin

/** The origin of a URL string, or null when it is not one. */
const originOf = (value: string): string | null => {
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}

/** The settings this adapter reads; unset or empty secrets leave the channel disabled. */
interface TwilioEnv {
  TWILIO_AUTH_TOKEN?: string
  TWILIO_ACCOUNT_SID?: string
  TWILIO_API_BASE?: string
  /** Optional: where Twilio posts delivery receipts, normally `https://<worker>/webhooks/twilio`. */
  TWILIO_STATUS_CALLBACK_URL?: string
}

/** Twilio adapter: signed SMS / MMS / WhatsApp webhooks in, Messages API out. */
export const twilio: ChannelAdapterFactory = (env, deps = {}) => {
  const vars = env as TwilioEnv
  const { TWILIO_AUTH_TOKEN: token, TWILIO_ACCOUNT_SID: accountSid } = vars
  if (!token || !accountSid) return null
  const base = apiBase(vars.TWILIO_API_BASE, DEFAULT_API_BASE)
  const endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`
  const authorization = `Basic ${toBase64(utf8(`${accountSid}:${token}`))}`
  const statusCallback = vars.TWILIO_STATUS_CALLBACK_URL?.trim() || undefined
  const doFetch = fetcherOf(deps.fetch)

  // Keep the auth token out of stored failure reasons, whatever a proxy echoes back.
  const redact = (failure: Failure): Failure => redactSecret(failure, token)

  /** One Messages API call; the new message's `sid` or a classified failure. Never throws. */
  const create = async (form: CreateMessageForm): Promise<{ ok: true; sid: string } | Failure> => {
    const headers = { authorization, accept: 'application/json' }
    const answer = await postForm(doFetch, endpoint, { ...form }, headers, TIMEOUT_MS)
    if ('error' in answer) return redact(networkFailure(answer.error))
    const { body } = answer
    if (answer.ok) {
      return { ok: true, sid: isRecord(body) && typeof body.sid === 'string' ? body.sid : '' }
    }
    return redact(classify(answer.status, body))
  }

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const target = targetOf(message.to.conversationKey)
    if (!target) {
      const reason = `not a Twilio conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    const whatsapp = isWhatsApp(target.to)
    const last = message.lastInboundAt
    // Twilio accepts such a message, then fails it (63016); say so now, unless it is a template.
    if (whatsapp && !message.template && last !== null && message.now - last > WHATSAPP_WINDOW_MS) {
      return { ok: false, retryable: false, reason: 'window_closed' }
    }
    const parts = splitBody(withOptions(message.text, message.buttons), !whatsapp)
    if (parts.length === 0) parts.push(PLACEHOLDER)
    let externalId = ''
    for (const part of parts) {
      const form: CreateMessageForm = { To: target.to, From: target.from, Body: part }
      // Receipts need a StatusCallback per message (or one set on a Messaging Service / sender):
      // https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
      if (statusCallback) form.StatusCallback = statusCallback
      const answer = await create(form)
      if (!answer.ok) return answer
      externalId = answer.sid
    }
    return { ok: true, externalId }
  }

  // `MediaUrl{N}` is a Media resource on api.twilio.com that redirects to a short-lived CDN URL
  // (fetch follows it). It needs the account's Basic auth when "HTTP Basic Authentication for
  // media access" is on; sent always, but only to Twilio's hosts:
  // https://www.twilio.com/docs/messaging/api/media-resource
  const baseOrigin = originOf(base)
  const fetchMedia = async (ref: AttachmentRef): Promise<MediaResult> => {
    const url = mediaUrl(ref.ref)
    if (!(url instanceof URL)) return url
    const headers: Record<string, string> = isTwilioUrl(url, baseOrigin) ? { authorization } : {}
    const hints = {
      ...(ref.mimeType ? { mimeType: ref.mimeType } : {}),
      ...(ref.name ? { name: ref.name } : {}),
    }
    const result = await downloadMedia(doFetch, ref.ref, headers, hints)
    return result.ok ? result : redactSecret(result, token)
  }

  const adapter: ChannelAdapter = {
    channel: 'twilio',
    verify: verifySafely((req) =>
      verifySignature(token, req.headers.get(SIGNATURE_HEADER), req.url, req.body)
    ),
    parse: parseSafely('webhook', (req) => parseDelivery(req, accountSid)),
    send,
    fetchMedia,
  }
  return adapter
}
