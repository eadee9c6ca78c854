import type { WebhookRequest } from '../../src/channels/types'
import { verifyHandshake } from './handshake'
import { SIGNATURE_HEADER, verifySignature } from './signature'

/** The two secrets a Meta webhook is checked with. */
export interface WebhookSecrets {
  appSecret: string
  verifyToken: string
}

/**
 * Meta webhook authentication: a GET is the subscription handshake (verify token), a POST must
 * carry a valid `X-Hub-Signature-256` over the raw body. Anything else is refused. Never throws.
 */
export const verifyMetaWebhook = async (
  req: WebhookRequest,
  secrets: WebhookSecrets
): Promise<boolean> => {
  try {
    if (req.method === 'GET') return await verifyHandshake(req.url, secrets.verifyToken)
    if (req.method !== 'POST') return false
    return await verifySignature(secrets.appSecret, req.body, req.headers.get(SIGNATURE_HEADER))
  } catch {
    return false
  }
}
