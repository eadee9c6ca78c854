import { signBody as lineSignature } from '../../bots/line/crypto'
import {
  SIGNATURE_HEADER as META_HEADER,
  signBody as metaSignature,
} from '../../bots/meta/signature'
import { signSlack } from '../../bots/slack/crypto'
import { formParams, twilioSignature } from '../../bots/twilio/crypto'
import { importAesKey, wxEncrypt } from '../../bots/weixin/aes'
import { wxSignature } from '../../bots/weixin/signature'

// One signer per platform family: the headers (or, for WeChat and WeCom, the query and
// ciphertext) that make a delivery genuine, for the unit tests, the contracts and the Worker's.

/** Meta's (WhatsApp, Messenger) `X-Hub-Signature-256` over the body, with the app secret. */
export const metaSigned = async (appSecret: string, body: string) => ({
  [META_HEADER]: await metaSignature(appSecret, body),
})

/** LINE's `x-line-signature` over the body, with the channel secret. */
export const lineSigned = async (channelSecret: string, body: string) => ({
  'x-line-signature': await lineSignature(channelSecret, body),
})

/** Slack's timestamp and `X-Slack-Signature` over it and the body, with the signing secret. */
export const slackSigned = async (
  secret: string,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000))
) => ({
  'X-Slack-Request-Timestamp': timestamp,
  'X-Slack-Signature': await signSlack(secret, timestamp, body),
})

/** Twilio's `X-Twilio-Signature` over the URL and a form body's fields, with the auth token. */
export const twilioSigned = async (authToken: string, url: string, form: string) => ({
  'X-Twilio-Signature': await twilioSignature(authToken, url, formParams(form)),
})

/** Telegram's secret header: the webhook secret itself. */
export const telegramSigned = (secret: string) => ({ 'X-Telegram-Bot-Api-Secret-Token': secret })

/**
 * WeChat's and WeCom's safe mode: the plaintext encrypted for the app (`appId`, the corp ID for
 * WeCom) and `msg_signature` over token, timestamp, nonce and ciphertext.
 */
export const weixinSealed = async (options: {
  token: string
  encodingAesKey: string
  appId: string
  plaintext: string
  timestamp: string
  nonce: string
  random?: Uint8Array
}) => {
  const { token, timestamp, nonce } = options
  const aes = await importAesKey(options.encodingAesKey)
  if (!aes) throw new Error('the EncodingAESKey does not import')
  const encrypt = await wxEncrypt(aes, options.plaintext, options.appId, options.random)
  return { encrypt, msgSignature: await wxSignature(token, timestamp, nonce, encrypt) }
}
