// The WeCom customer-service (微信客服) payloads this adapter reads or writes:
// callback https://developer.work.weixin.qq.com/document/path/94670 (接收消息和事件),
// send https://developer.work.weixin.qq.com/document/path/94677 (发送消息).

/** The decrypted callback: only a notice that messages wait in `sync_msg` for this account. */
export interface KfCallback {
  ToUserName: string
  CreateTime: string
  MsgType: 'event'
  Event: 'kf_msg_or_event'
  /** Lifts sync_msg's frequency limit for 10 minutes. */
  Token: string
  OpenKfId: string
}

/** `POST /cgi-bin/kf/sync_msg` request. */
export interface SyncMsgRequest {
  /** Omitted on the first pull (WeCom then returns what the last 3 days hold). */
  cursor?: string
  token?: string
  /** 1-1000. */
  limit: number
  open_kfid: string
}

/** `POST /cgi-bin/kf/sync_msg` answer (with `errcode` 0). */
export interface SyncMsgResponse {
  errcode: number
  errmsg: string
  next_cursor: string
  /** 1 while more messages wait (even when `msg_list` is empty). */
  has_more: 0 | 1
  msg_list: KfMessage[]
}

/** Who wrote an item: 3 the WeChat customer, 4 a system event, 5 a human agent in the WeCom app. */
export type Origin = 3 | 4 | 5

/** One item of `msg_list`; exactly the object named by `msgtype` is set. */
export interface KfMessage {
  msgid: string
  /** Absent on events (then inside `event`). */
  open_kfid?: string
  external_userid?: string
  /** Unix seconds. */
  send_time: number
  origin: Origin
  servicer_userid?: string
  msgtype: string
  /** `menu_id` is set when the customer tapped an item of a `msgmenu` we sent. */
  text?: { content: string; menu_id?: string }
  image?: { media_id: string }
  voice?: { media_id: string }
  video?: { media_id: string }
  file?: { media_id: string }
  location?: { latitude: number; longitude: number; name?: string; address?: string }
  link?: { title?: string; desc?: string; url?: string; pic_url?: string }
  event?: KfEvent
}

/** A system event item (origin 4): enter_session, msg_send_fail, session_status_change... */
export interface KfEvent {
  event_type: string
  open_kfid?: string
  external_userid?: string
  /** msg_send_fail: the `msgid` that could not be delivered. */
  fail_msgid?: string
  /**
   * msg_send_fail: 0 unknown, 1 account deleted, 2 app closed, 4 session expired (48 h),
   * 5 session closed, 6 over 5 messages, 7/8/9 account not verified, 10 customer refused.
   */
  fail_type?: number
  welcome_code?: string
}

/** One tappable item of a menu message. */
export interface MenuClick {
  type: 'click'
  /** 1-64 bytes, comes back as `text.menu_id`. */
  click: { id: string; content: string }
}

/** A menu message body: text, then up to 10 tappable items. */
export interface MsgMenu {
  /** At most 1024 bytes. */
  head_content?: string
  list: MenuClick[]
  tail_content?: string
}

/** The message part of a `POST /cgi-bin/kf/send_msg` request. */
export type KfPart =
  { msgtype: 'text'; text: { content: string } } | { msgtype: 'msgmenu'; msgmenu: MsgMenu }

/** `POST /cgi-bin/kf/send_msg` request. */
export type SendMsgRequest = {
  touser: string
  open_kfid: string
  /** Our idempotency id, at most 32 of [0-9a-zA-Z_-], unique within the account. */
  msgid: string
} & KfPart
