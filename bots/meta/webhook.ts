import { parseSafely } from '../../src/channels/never-throws'
import type { ChannelAdapter, ParseResult } from '../../src/channels/types'
import { isRecord } from '../../src/lib/guards'
import { parseJson, records } from './guards'
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

/**
 * The `entry[]` records of a notification body for `object` (`page`, `whatsapp_business_account`):
 * none for another product's notification, invalid when the body is no notification at all.
 */
export const notificationEntries = (
  body: string,
  object: string
): { ok: true; entries: Record<string, unknown>[] } | { ok: false; result: ParseResult } => {
  const notification = parseJson(body)
  if (!isRecord(notification) || !Array.isArray(notification.entry)) {
    return { ok: false, result: { kind: 'invalid', reason: 'not a Meta webhook notification' } }
  }
  if (notification.object !== object) return { ok: true, entries: [] }
  return { ok: true, entries: records(notification.entry) }
}
