import type { OutboundMessage } from '../../src/channels/types'

// Both may write for 48 hours after a customer action: WeChat's customer-service messages
// https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html
// and WeCom's 微信客服 (with at most 5 replies) https://developer.work.weixin.qq.com/document/path/94677
/** How long after the customer's last message the account may still write. */
export const REPLY_WINDOW_MS = 48 * 3600_000

/** Has the 48-hour window closed at `message.now`? Unknown (no inbound yet) counts as open. */
export const windowClosed = (message: Pick<OutboundMessage, 'now' | 'lastInboundAt'>): boolean =>
  message.lastInboundAt !== null && message.now - message.lastInboundAt > REPLY_WINDOW_MS
