import { parseKey } from '../../src/channels/keys'
import { parseSafely, verifySafely } from '../../src/channels/never-throws'
import {
  type AdapterDeps,
  type AttachmentRef,
  type ChannelAdapter,
  type ChannelAdapterFactory,
  type MediaResult,
  type OutboundMessage,
  type ParseResult,
  type SendResult,
  type WebhookRequest,
  WINDOW_CLOSED,
} from '../../src/channels/types'
import { apiBase, fetcherOf } from '../../src/lib/http'
import { type WxAesKey, importAesKey, isEncodingAesKey } from '../weixin/aes'
import { callApi } from '../weixin/api'
import { openEnvelope, signedQuery } from '../weixin/envelope'
import { getWxMedia } from '../weixin/media'
import { createOpenedStore } from '../weixin/opened'
import { verifyWxSignature } from '../weixin/signature'
import type { TokenSource } from '../weixin/token'
import { windowClosed } from '../weixin/window'
import { readXml } from '../weixin/xml'
import type { CustomTextMessage } from './api'
import { classify, textParts } from './format'
import { parseFields } from './parse'

const DEFAULT_API_BASE = 'https://api.weixin.qq.com'

/** The settings this adapter reads; without token, AppID and AppSecret the channel is disabled. */
interface WechatEnv {
  WECHAT_TOKEN?: string
  WECHAT_APP_ID?: string
  WECHAT_APP_SECRET?: string
  /** Set = safe mode (安全模式): every push must be encrypted. */
  WECHAT_ENCODING_AES_KEY?: string
  WECHAT_API_BASE?: string
}

/** Host services; `now` is the clock of the access-token cache (real time by default). */
export interface WechatDeps extends AdapterDeps {
  now?: () => number
}

// Decrypted safe-mode pushes, from verify to parse (see opened.ts).
const opened = createOpenedStore()

const handshake = (echostr: string): ParseResult => ({
  kind: 'handshake',
  response: new Response(echostr, { headers: { 'content-type': 'text/plain' } }),
})

/**
 * WeChat Official Account adapter: signed (plaintext or safe-mode) XML pushes in, customer-service
 * messages (`/cgi-bin/message/custom/send`) out.
 */
export const wechat: ChannelAdapterFactory = (env, deps: WechatDeps = {}) => {
  const vars = env as WechatEnv
  const { WECHAT_TOKEN: token, WECHAT_APP_ID: appId, WECHAT_APP_SECRET: secret } = vars
  const aesSetting = vars.WECHAT_ENCODING_AES_KEY
  if (!token || !appId || !secret) return null
  // A malformed key would reject every push; leave the channel disabled instead (healthz shows it).
  if (aesSetting && !isEncodingAesKey(aesSetting)) return null
  const source: TokenSource = {
    kind: 'wechat',
    id: appId,
    secret,
    base: apiBase(vars.WECHAT_API_BASE, DEFAULT_API_BASE),
  }
  const doFetch = fetcherOf(deps.fetch)
  const clock = deps.now ?? Date.now
  let aesKey: Promise<WxAesKey | null> | undefined
  const key = () => (aesKey ??= aesSetting ? importAesKey(aesSetting) : Promise.resolve(null))

  /** Safe mode: msg_signature over the Encrypt value, then decrypt for our AppID. */
  const verifyEncrypted = async (req: WebhookRequest, timestamp: string, nonce: string) => {
    const query = req.url.searchParams
    if (query.get('encrypt_type') !== 'aes') return false
    const encrypted = readXml(req.body)?.Encrypt
    if (!encrypted) return false
    const signature = query.get('msg_signature')
    const envelope = { signature, token, timestamp, nonce, encrypted, key, receiveId: appId }
    const plaintext = await openEnvelope(envelope)
    if (plaintext === null) return false
    opened.put(req, plaintext)
    return true
  }

  const verify = verifySafely(async (req) => {
    const query = req.url.searchParams
    const signed = signedQuery(query)
    if (!signed) return false
    const { timestamp, nonce } = signed
    // No replay window: WeChat documents none and may redeliver with the original timestamp;
    // replays are absorbed by dedupe on MsgId / FromUserName+CreateTime.
    if (req.method === 'GET') {
      return (
        query.has('echostr') &&
        (await verifyWxSignature(query.get('signature'), token, timestamp, nonce))
      )
    }
    if (req.method !== 'POST') return false
    // The plaintext signature does not cover the body, so in safe mode only msg_signature counts.
    if (aesSetting) return await verifyEncrypted(req, timestamp, nonce)
    return await verifyWxSignature(query.get('signature'), token, timestamp, nonce)
  })

  const parse = parseSafely('push', (req): ParseResult => {
    if (req.method === 'GET') {
      const echostr = req.url.searchParams.get('echostr')
      return echostr === null
        ? { kind: 'invalid', reason: 'GET without echostr' }
        : handshake(echostr)
    }
    const fields = readXml(opened.get(req) ?? req.body)
    if (!fields) return { kind: 'invalid', reason: 'malformed XML' }
    return parseFields(fields, req.receivedAt)
  })

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const parsed = parseKey(message.to.conversationKey)
    const openid =
      parsed?.channel === 'wechat' && parsed.ids.length === 1 ? parsed.ids[0] : undefined
    if (!openid) {
      const reason = `not a WeChat conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    const { now } = message
    if (windowClosed(message)) return { ok: false, retryable: false, reason: WINDOW_CLOSED }
    let externalId = message.idempotencyKey
    for (const content of textParts(message.text, message.buttons)) {
      const payload: CustomTextMessage = { touser: openid, msgtype: 'text', text: { content } }
      const answer = await callApi(
        source,
        doFetch,
        clock(),
        '/cgi-bin/message/custom/send',
        payload
      )
      if (answer.kind === 'failure') return answer.failure
      if (answer.kind === 'error') return classify(answer.errcode, answer.errmsg, now)
      const id = answer.body.msgid
      externalId =
        typeof id === 'string' || typeof id === 'number' ? String(id) : message.idempotencyKey
    }
    return { ok: true, externalId }
  }

  // Temporary media (image, voice, video) stay downloadable for 3 days with the cached token.
  const fetchMedia = (ref: AttachmentRef): Promise<MediaResult> => {
    const now = clock()
    return getWxMedia(
      {
        source,
        fetch: doFetch,
        now,
        classify: (errcode, errmsg) => classify(errcode, errmsg, now),
      },
      ref
    )
  }

  const adapter: ChannelAdapter = { channel: 'wechat', verify, parse, send, fetchMedia }
  return adapter
}
