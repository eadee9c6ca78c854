import type { ParseResult } from '../../src/channels/types'
import { safeEqual } from '../../src/lib/crypto'

/**
 * Is this Meta's subscription handshake with our verify token? `GET ?hub.mode=subscribe&
 * hub.verify_token=<token>&hub.challenge=<c>`, compared in constant time:
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests
 */
export const verifyHandshake = async (url: URL, verifyToken: string): Promise<boolean> => {
  const params = url.searchParams
  const token = params.get('hub.verify_token')
  if (params.get('hub.mode') !== 'subscribe' || !params.get('hub.challenge') || token === null) {
    return false
  }
  return safeEqual(token, verifyToken)
}

/** The handshake answer: 200 with the bare `hub.challenge` as text/plain. */
export const handshakeResult = (url: URL): ParseResult => {
  const challenge = url.searchParams.get('hub.challenge')
  if (!challenge) return { kind: 'invalid', reason: 'handshake without hub.challenge' }
  const headers = {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
  }
  return { kind: 'handshake', response: new Response(challenge, { status: 200, headers }) }
}
