import type { WebhookRequest } from '../../src/channels/types'

/**
 * Plaintext that `verify` decrypted, handed to the synchronous `parse` for the same request
 * object. `parse` is pure and synchronous, but decryption is async (Web Crypto), so `verify`
 * (which must decrypt anyway to check the receiver id) keeps the result here, keyed by the
 * request object and pinned to its body and URL; an unverified or altered request finds nothing.
 */
export interface OpenedStore {
  put(req: WebhookRequest, plaintext: string): void
  get(req: WebhookRequest): string | undefined
}

/** A store that forgets a request as soon as the request object is garbage. */
export const createOpenedStore = (): OpenedStore => {
  const opened = new WeakMap<WebhookRequest, { body: string; url: string; plaintext: string }>()
  return {
    put(req, plaintext) {
      opened.set(req, { body: req.body, url: req.url.href, plaintext })
    },
    get(req) {
      const entry = opened.get(req)
      return entry && entry.body === req.body && entry.url === req.url.href
        ? entry.plaintext
        : undefined
    },
  }
}
