import type { OutboundMessage } from '../../src/channels/types'

// Free-form replies are allowed for 24 hours after the customer's last message, on WhatsApp
// https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-messages
// and on Messenger https://developers.facebook.com/docs/messenger-platform/policy/policy-overview
/** Length of Meta's customer-service window. */
export const WINDOW_MS = 24 * 3600 * 1000

/** Is the 24-hour window open at `message.now`? Closed when the customer never wrote. */
export const windowOpen = (message: Pick<OutboundMessage, 'now' | 'lastInboundAt'>): boolean =>
  message.lastInboundAt !== null && message.now - message.lastInboundAt <= WINDOW_MS
