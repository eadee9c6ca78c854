// The Official Account payloads this adapter reads or writes. Pushed messages are flat XML, so
// every field arrives as text (MsgId exceeds 2^53 and must stay a string):
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html

/** Fields common to every pushed message and event. */
export interface PushBase {
  /** The account's original id (`gh_...`). */
  ToUserName: string
  /** The customer's OpenID (per account). */
  FromUserName: string
  /** Unix seconds. */
  CreateTime: string
  MsgType: string
}

/** A customer message: text, image, voice, video, shortvideo, location or link. */
export interface PushMessage extends PushBase {
  MsgId: string
  Content?: string
  PicUrl?: string
  MediaId?: string
  /** Voice codec (`amr`, `speex`). */
  Format?: string
  /** Speech-to-text, when the account enabled it. */
  Recognition?: string
  ThumbMediaId?: string
  Location_X?: string
  Location_Y?: string
  Scale?: string
  Label?: string
  Title?: string
  Description?: string
  Url?: string
}

/**
 * An event (`MsgType` event): subscribe, unsubscribe, SCAN, LOCATION, CLICK, VIEW...
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export interface PushEvent extends PushBase {
  Event: string
  /** Menu key for CLICK, URL for VIEW, `qrscene_...` for a subscribe through a QR code. */
  EventKey?: string
}

/** The safe-mode envelope: only the encrypted message (plus the account id). */
export interface EncryptedPush {
  ToUserName: string
  Encrypt: string
}

/**
 * A customer-service text message (`POST /cgi-bin/message/custom/send`):
 * https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html
 */
export interface CustomTextMessage {
  touser: string
  msgtype: 'text'
  text: { content: string }
}

/** Every API answer: `errcode` 0 is success (answered with HTTP 200 either way). */
export interface ApiAnswer {
  errcode: number
  errmsg: string
  msgid?: number | string
}

/** `POST /cgi-bin/stable_token` answer. */
export interface StableToken {
  access_token: string
  expires_in: number
}
