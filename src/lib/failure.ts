import type { SendResult } from '../channels/types'

/** A failed {@link SendResult}: a platform call that did not do what was asked. */
export type Failure = Extract<SendResult, { ok: false }>

/** The failure for a request that never got an HTTP answer (DNS, reset, timeout). */
export const networkFailure = (error: unknown): Failure => ({
  ok: false,
  retryable: true,
  reason: `network: ${error instanceof Error ? error.message : String(error)}`,
})
