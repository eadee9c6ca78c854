import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { weixinSealed } from '../../test/support/signatures'
import { buildXml } from '../weixin/xml'

const ENV = {
  WECOM_TOKEN: 'contract-wecom-token',
  WECOM_CORP_ID: 'ww0c0n7r4c70000001',
  WECOM_SECRET: 'contract-kf-secret',
  WECOM_ENCODING_AES_KEY: 'Q29udHJhY3RFbmNvZGluZ0FFU0tleUZvcldlQ29tS0Y',
  WECOM_API_BASE: 'https://wecom.contract.test',
}
const OPEN_KFID = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q'

/**
 * The callback WeCom posts when a customer writes: an encrypted kf_msg_or_event (the text itself
 * is pulled by `sync`, so `parse` answers kind 'sync'), signed with `token`.
 */
const request = async (token: string, now: number): Promise<WebhookRequest> => {
  const timestamp = String(Math.floor(now / 1000))
  const nonce = '1372623149'
  const plaintext = buildXml({
    ToUserName: ENV.WECOM_CORP_ID,
    CreateTime: Math.floor(now / 1000),
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
    OpenKfId: OPEN_KFID,
  })
  const { encrypt, msgSignature } = await weixinSealed({
    token,
    encodingAesKey: ENV.WECOM_ENCODING_AES_KEY,
    appId: ENV.WECOM_CORP_ID,
    plaintext,
    timestamp,
    nonce,
    random: new Uint8Array(16).fill(9),
  })
  const query = { msg_signature: msgSignature, timestamp, nonce }
  const body = buildXml({ ToUserName: ENV.WECOM_CORP_ID, Encrypt: encrypt, AgentID: '1000002' })
  return webhookRequest('wecom', body, { 'content-type': 'text/xml' }, now, { query })
}

const answer = (errcode: number, errmsg: string) => Response.json({ errcode, errmsg })

/** WeCom customer service's side of the shared adapter contract suite. */
export const contract: AdapterContract = {
  channel: 'wecom',
  env: ENV,
  signed: (now) => request(ENV.WECOM_TOKEN, now),
  wrongSecret: (now) => request('another-token', now),
  // No `stale`: WeCom documents no replay window, so none is enforced (see README).
  keys: [`wecom:${OPEN_KFID}:wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw`],
  // The suite answers every fetch alike, gettoken included, so "sent" also carries a token.
  sendOk: () =>
    Response.json({
      errcode: 0,
      errmsg: 'ok',
      msgid: 'contract-msgid',
      access_token: 'contract-access-token',
      expires_in: 7200,
    }),
  sendErrors: {
    // WeCom answers errors with HTTP 200 and an errcode; 45009 is its frequency limit.
    rateLimited: () => answer(45009, 'api freq out of limit'),
    server: () => answer(-1, 'system busy'),
    rejected: () => answer(95018, 'send msg session status invalid'),
  },
  maxText: 2048,
  bodySigned: true,
  callsPlatform: true,
}
