import { capabilitiesOf } from '../../bots'

/** Can anyone write on this channel without an account? Their traffic is budgeted per conversation. */
export const isAnonymous = (channel: string): boolean => capabilitiesOf(channel).anonymous === true

/** Customer messages one anonymous conversation may send per minute; more are refused, not stored. */
export const MESSAGES_PER_MINUTE = 20

const WINDOW_MS = 60_000

/**
 * Milliseconds until this conversation may send another message, or 0 when it is within budget.
 * Counts its stored customer messages of the last minute (exact: the object is single-threaded).
 */
export const inboundWait = (sql: SqlStorage, now: number, limit = MESSAGES_PER_MINUTE): number => {
  const rows = sql
    .exec<{ at: number }>(
      "SELECT at FROM messages WHERE direction = 'in' AND at > ? ORDER BY at DESC LIMIT ?",
      now - WINDOW_MS,
      limit
    )
    .toArray()
  if (rows.length < limit) return 0
  const oldest = rows.at(-1)?.at ?? now
  return Math.max(1, oldest + WINDOW_MS - now)
}
