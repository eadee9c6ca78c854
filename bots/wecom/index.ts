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
  WINDOW_CLOSED,
} from '../../src/channels/types'
import { apiBase, fetcherOf } from '../../src/lib/http'
import { type WxAesKey, importAesKey, isEncodingAesKey } from '../weixin/aes'
import { callApi } from '../weixin/api'
import { openEnvelope, signedQuery } from '../weixin/envelope'
import { getWxMedia } from '../weixin/media'
import { createOpenedStore } from '../weixin/opened'
import type { TokenSource } from '../weixin/token'
import { windowClosed } from '../weixin/window'
import { readXml } from '../weixin/xml'
import type { SendMsgRequest, SyncMsgRequest } from './api'
import { classify, classifySync, isDuplicateMsgId, partMsgId, planParts } from './format'
import { WECOM_ID, syncEvents } from './messages'

const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com'
const SYNC_LIMIT = 1000

/** Settings read here; all four secrets are required (callbacks are always encrypted). */
interface WecomEnv {
  WECOM_TOKEN?: string
  WECOM_CORP_ID?: string
  WECOM_SECRET?: string
  WECOM_ENCODING_AES_KEY?: string
  WECOM_API_BASE?: string
}

/** Host services; `now` is the clock of the token cache and pulled events (default: real time). */
export interface WecomDeps extends AdapterDeps {
  now?: () => number
}

// Decrypted callbacks and handshakes, from verify to parse (see opened.ts).
const opened = createOpenedStore()

const ack = () => new Response('success', { headers: { 'content-type': 'text/plain' } })

const invalid = (reason: string): ParseResult => ({ kind: 'invalid', reason })

/** The decrypted callback -> a pull of its account's messages, or nothing for other events. */
const parseCallback = (plaintext: string): ParseResult => {
  const fields = readXml(plaintext)
  if (!fields) return invalid('malformed decrypted XML')
  if (fields.MsgType !== 'event' || fields.Event !== 'kf_msg_or_event') {
    return { kind: 'events', events: [], ack }
  }
  const stream = fields.OpenKfId ?? ''
  if (!WECOM_ID.test(stream)) return invalid('kf_msg_or_event without a valid OpenKfId')
  return { kind: 'sync', stream, ...(fields.Token ? { token: fields.Token } : {}), ack }
}

/**
 * WeCom customer-service (微信客服) adapter: the encrypted callback only announces messages,
 * `sync` pulls them from `kf/sync_msg`; replies go out through `kf/send_msg`.
 */
export const wecom: ChannelAdapterFactory = (env, deps: WecomDeps = {}) => {
  const vars = env as WecomEnv
  const { WECOM_TOKEN: token, WECOM_CORP_ID: corpId, WECOM_SECRET: secret } = vars
  const aesSetting = vars.WECOM_ENCODING_AES_KEY
  if (!token || !corpId || !secret || !aesSetting || !isEncodingAesKey(aesSetting)) return null
  const source: TokenSource = {
    kind: 'wecom',
    id: corpId,
    secret,
    base: apiBase(vars.WECOM_API_BASE, DEFAULT_API_BASE),
  }
  const doFetch = fetcherOf(deps.fetch)
  const clock = deps.now ?? Date.now
  let aesKey: Promise<WxAesKey | null> | undefined
  const key = () => (aesKey ??= importAesKey(aesSetting))

  const verify = verifySafely(async (req) => {
    const query = req.url.searchParams
    const signed = signedQuery(query)
    if (!signed) return false
    // No replay window (WeCom documents none); replays are absorbed by dedupe on msgid.
    let encrypted: string | undefined
    if (req.method === 'GET') {
      // A '+' the caller forgot to percent-encode reads back as a space; base64 has no spaces.
      encrypted = query.get('echostr')?.replace(/ /g, '+')
    } else if (req.method === 'POST') {
      encrypted = readXml(req.body)?.Encrypt
    }
    if (!encrypted) return false
    const signature = query.get('msg_signature')
    const envelope = { signature, token, ...signed, encrypted, key, receiveId: corpId }
    const plaintext = await openEnvelope(envelope)
    if (plaintext === null) return false
    opened.put(req, plaintext)
    return true
  })

  const parse = parseSafely('callback', (req) => {
    const plaintext = opened.get(req)
    if (plaintext === undefined) return invalid('callback that verify did not open')
    if (req.method === 'GET') {
      // URL verification: answer the decrypted echostr, nothing else (no quotes, no newline).
      const response = new Response(plaintext, { headers: { 'content-type': 'text/plain' } })
      return { kind: 'handshake', response }
    }
    return parseCallback(plaintext)
  })

  const send = async (message: OutboundMessage): Promise<SendResult> => {
    const parsed = parseKey(message.to.conversationKey)
    const [openKfId, externalUserId] = parsed?.channel === 'wecom' ? parsed.ids : []
    if (!openKfId || !externalUserId || parsed?.ids.length !== 2) {
      const reason = `not a WeCom conversation key: ${message.to.conversationKey}`
      return { ok: false, retryable: false, reason }
    }
    if (windowClosed(message)) return { ok: false, retryable: false, reason: WINDOW_CLOSED }
    let externalId = ''
    for (const [index, part] of planParts(message.text, message.buttons).entries()) {
      const msgid = await partMsgId(message.to.conversationKey, message.idempotencyKey, index)
      const payload: SendMsgRequest = {
        touser: externalUserId,
        open_kfid: openKfId,
        msgid,
        ...part,
      }
      const answer = await callApi(source, doFetch, clock(), '/cgi-bin/kf/send_msg', payload)
      if (answer.kind === 'failure') return answer.failure
      if (answer.kind === 'error') {
        // A retry of a half-sent reply: this part went out the first time.
        if (isDuplicateMsgId(answer.errmsg)) {
          externalId = msgid
          continue
        }
        return classify(answer.errcode, answer.errmsg)
      }
      const id = answer.body.msgid
      externalId = typeof id === 'string' && id !== '' ? id : msgid
    }
    return { ok: true, externalId }
  }

  const sync: NonNullable<ChannelAdapter['sync']> = async (stream, cursor, syncToken) => {
    if (!WECOM_ID.test(stream)) {
      return { ok: false, retryable: false, reason: `malformed open_kfid: ${stream}` }
    }
    const payload: SyncMsgRequest = {
      ...(cursor ? { cursor } : {}),
      ...(syncToken ? { token: syncToken } : {}),
      limit: SYNC_LIMIT,
      open_kfid: stream,
    }
    const answer = await callApi(source, doFetch, clock(), '/cgi-bin/kf/sync_msg', payload)
    if (answer.kind !== 'ok') {
      const failure =
        answer.kind === 'failure' ? answer.failure : classifySync(answer.errcode, answer.errmsg)
      return { ok: false, retryable: failure.retryable, reason: failure.reason }
    }
    const { next_cursor: next, has_more: more, msg_list: list } = answer.body
    return {
      ok: true,
      events: syncEvents(list, stream, clock()),
      cursor: typeof next === 'string' && next !== '' ? next : cursor,
      hasMore: more === 1 || more === true,
    }
  }

  // `media_id`s of pulled messages are temporary media of the corp, read with the kf token.
  const fetchMedia = (ref: AttachmentRef): Promise<MediaResult> =>
    getWxMedia({ source, fetch: doFetch, now: clock(), classify }, ref)

  const adapter: ChannelAdapter = { channel: 'wecom', verify, parse, send, sync, fetchMedia }
  return adapter
}
