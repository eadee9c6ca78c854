import type { Channel, WebhookRequest } from './types'

/**
 * What every bot folder exports as `contract` (in `bots/<channel>/contract.ts`) so the shared
 * contract suite (`test/adapters.contract.test.ts`) can exercise it without knowing the platform.
 */
export interface AdapterContract {
  channel: Channel
  /** Fake secrets and API base that configure the channel (the API base is an unroutable test host). */
  env: Record<string, string>
  /** A correctly signed delivery of a real inbound text-message payload, received at `now`. */
  signed(now: number): Promise<WebhookRequest>
  /** The same kind of delivery signed with the wrong secret. */
  wrongSecret(now: number): Promise<WebhookRequest>
  /** A delivery whose signature timestamp is too old (platforms with replay windows only). */
  stale?(now: number): Promise<WebhookRequest>
  /** Conversation keys this channel produces, for the round-trip check. */
  keys: string[]
  /** A platform API answer that means "sent", for the send checks (status 200). */
  sendOk(): Response
  /** Platform API answers for 429 (with its retry hint), 500 and a permanent 4xx. */
  sendErrors: { rateLimited: () => Response; server: () => Response; rejected: () => Response }
  /** Longest text one message may carry (after which `send` must split). */
  maxText: number
  /** Whether the signature covers the body (false for Telegram's static secret header). */
  bodySigned: boolean
  /** Whether `send` calls a platform API (false for the web chat, which the object pushes to). */
  callsPlatform: boolean
}
