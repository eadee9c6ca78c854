import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { weixinSealed } from '../../test/support/signatures'
import { wxSignature } from '../weixin/signature'
import { buildXml } from '../weixin/xml'

const ENV = {
  WECHAT_TOKEN: 'contract-wechat-token',
  WECHAT_APP_ID: 'wx0c0n7r4c7000001',
  WECHAT_APP_SECRET: 'contract-app-secret',
  // Safe mode, so the signature covers the body (plaintext mode signs only timestamp + nonce).
  WECHAT_ENCODING_AES_KEY: 'Q29udHJhY3RFbmNvZGluZ0FFU0tleUZvcldlQ2hhdE8',
  WECHAT_API_BASE: 'https://wechat.contract.test',
}
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'

/** A real text push (the docs' shape), encrypted for the AppID and signed with `token`. */
const request = async (token: string, now: number): Promise<WebhookRequest> => {
  const timestamp = String(Math.floor(now / 1000))
  const nonce = '1320562132'
  const plaintext = buildXml({
    ToUserName: 'gh_3f5e2a1b9c7d',
    FromUserName: OPENID,
    CreateTime: Math.floor(now / 1000) - 1,
    MsgType: 'text',
    Content: '我的订单 #1042 到哪了？ 🙏',
    MsgId: '6934716592837465821',
  })
  const { encrypt, msgSignature } = await weixinSealed({
    token,
    encodingAesKey: ENV.WECHAT_ENCODING_AES_KEY,
    appId: ENV.WECHAT_APP_ID,
    plaintext,
    timestamp,
    nonce,
    random: new Uint8Array(16).fill(7),
  })
  const query = {
    signature: await wxSignature(token, timestamp, nonce),
    timestamp,
    nonce,
    openid: OPENID,
    encrypt_type: 'aes',
    msg_signature: msgSignature,
  }
  const body = buildXml({ ToUserName: 'gh_3f5e2a1b9c7d', Encrypt: encrypt })
  return webhookRequest('wechat', body, { 'content-type': 'text/xml' }, now, { query })
}

const answer = (errcode: number, errmsg: string) => Response.json({ errcode, errmsg })

/** The Official Account's side of the shared adapter contract suite. */
export const contract: AdapterContract = {
  channel: 'wechat',
  env: ENV,
  signed: (now) => request(ENV.WECHAT_TOKEN, now),
  wrongSecret: (now) => request('another-token', now),
  // No `stale`: WeChat documents no replay window, so none is enforced (see README).
  keys: [`wechat:${OPENID}`],
  // The suite answers every fetch alike, the stable-token call included, so "sent" also carries
  // a token (WeChat's real answers: {"errcode":0,"errmsg":"ok"} and {"access_token","expires_in"}).
  sendOk: () =>
    Response.json({
      errcode: 0,
      errmsg: 'ok',
      access_token: 'contract-access-token',
      expires_in: 7200,
    }),
  sendErrors: {
    // WeChat answers every error with HTTP 200 and an errcode; 45009 is its quota error.
    rateLimited: () => answer(45009, 'reach max api daily quota limit'),
    server: () => answer(-1, 'system error'),
    rejected: () => answer(40003, 'invalid openid'),
  },
  maxText: 2048,
  bodySigned: true,
  callsPlatform: true,
}
