import { parseSafely } from '../../src/channels/never-throws'
import type { ChannelAdapter, ParseResult } from '../../src/channels/types'
import { handshakeResult } from './handshake'
import { type WebhookSecrets, verifyMetaWebhook } from './verify'

/**
 * The webhook half of a Meta adapter (WhatsApp, Messenger): a GET is the subscription handshake,
 * a POST a signed notification that `parseNotification` reads. Neither ever throws.
 */
export const metaWebhook = (
  secrets: WebhookSecrets,
  parseNotification: (body: string, receivedAt: number) => ParseResult
): Pick<ChannelAdapter, 'verify' | 'parse'> => ({
  verify: (req) => verifyMetaWebhook(req, secrets),
  parse: parseSafely('notification', (req) =>
    req.method === 'GET' ? handshakeResult(req.url) : parseNotification(req.body, req.receivedAt)
  ),
})
