import type { SendResult } from '../channels/types'

/** Attempts after which a retryable failure is given up and marked failed. */
export const MAX_SEND_ATTEMPTS = 12

/** Age after which a queued reply is no longer worth sending late (platforms expire context). */
export const MAX_SEND_AGE_MS = 24 * 3600 * 1000

/** What to do with an outbound message after one attempt. */
export type SendPlan =
  | { action: 'sent'; platformId: string }
  | { action: 'retry'; at: number; error: string }
  | { action: 'fail'; error: string }
  /** The platform may or may not have it: shown to agents, never sent again by itself. */
  | { action: 'unknown'; error: string }

/**
 * A send that timed out or was cut after the request left: the platform may have delivered it.
 * (A refused connection or a DNS failure never reached it, and is safe to repeat.)
 */
export const isUncertain = (result: SendResult): boolean =>
  !result.ok &&
  result.retryable &&
  /^network: .*(timed? ?out|timeout|aborted|reset|socket hang up)/i.test(result.reason)

/** Exponential backoff: 2 s, 4 s, 8 s ... capped at 15 minutes. */
export const backoffMs = (attempts: number): number =>
  Math.min(2 ** Math.max(1, attempts) * 1000, 15 * 60_000)

/**
 * Pure decision after a send: 429 waits exactly the platform's `retry_after`, 5xx/network backs
 * off exponentially, anything else fails for good and is shown to agents.
 * `attempts` counts this attempt.
 */
export const planAfterSend = (
  result: SendResult,
  attempts: number,
  queuedAt: number,
  now: number,
  platformDedupes = false
): SendPlan => {
  if (result.ok) return { action: 'sent', platformId: result.externalId }
  if (!result.retryable) return { action: 'fail', error: result.reason }
  // Repeating an uncertain send is only safe where the platform drops duplicates; elsewhere the
  // customer would get it twice, so a person decides.
  if (isUncertain(result) && !platformDedupes && !result.safeToRepeat) {
    return {
      action: 'unknown',
      error: `no answer from the platform (${result.reason}); it may have been delivered - check before sending again`,
    }
  }
  if (attempts >= MAX_SEND_ATTEMPTS || now - queuedAt > MAX_SEND_AGE_MS) {
    return { action: 'fail', error: `gave up after ${attempts} attempts: ${result.reason}` }
  }
  return {
    action: 'retry',
    at: now + (result.retryAfterMs ?? backoffMs(attempts)),
    error: result.reason,
  }
}
