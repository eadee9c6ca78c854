import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { createSession } from './session'

const request = async (secret: string, now: number): Promise<WebhookRequest> => {
  const { token } = await createSession(secret)
  return {
    method: 'POST',
    url: new URL('https://engine.test/webhooks/webchat'),
    headers: new Headers({ 'content-type': 'application/json', Authorization: `Bearer ${token}` }),
    body: JSON.stringify({ id: 'contract-0001', text: 'Hello 👋 where is my order?' }),
    receivedAt: now,
  }
}

/** The web chat's side of the shared adapter contract suite (send never calls a platform). */
export const contract: AdapterContract = {
  channel: 'webchat',
  env: { WEBCHAT_SECRET: 'contract-webchat-secret' },
  signed: (now) => request('contract-webchat-secret', now),
  wrongSecret: (now) => request('another-secret', now),
  keys: ['webchat:AbCdEfGhIjKlMnOpQrStUvWx'],
  sendOk: () => new Response('{}'),
  sendErrors: {
    rateLimited: () => new Response('', { status: 429 }),
    server: () => new Response('', { status: 500 }),
    rejected: () => new Response('', { status: 400 }),
  },
  maxText: 4000,
  bodySigned: false,
  callsPlatform: false,
}
