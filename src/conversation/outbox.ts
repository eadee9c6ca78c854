import { getAdapter } from '../../bots'
import { indexNow } from './index-row'
import { pendingReplies, queuedMessage, storeReply } from './queued-replies'
import { planAfterSend } from './retry'
import type { Shell } from './shell'
import { readState, writeState, type QueuedReply } from './state'
import { clearTimer, setTimer } from './timers'
import { markAttempt, markSent, markUnknown, nextQueued } from './transcript-delivery'
import type { TranscriptMessage } from './types'

/**
 * The next reply to send, by id: a row a failed attempt left queued (only while the `outbox` timer
 * holds the queue, see timers.ts), or a reply not yet tried.
 */
const nextToSend = (
  sql: SqlStorage,
  held: boolean
): { message: TranscriptMessage; entry: QueuedReply | null } | null => {
  const row = held ? nextQueued(sql) : undefined
  const entry = pendingReplies(sql)[0]
  if (entry && (!row || entry.seq < row.id)) return { message: queuedMessage(entry), entry }
  return row ? { message: row, entry: null } : null
}

/**
 * Sends queued replies in order; a retryable failure holds the queue so order is kept. `held`:
 * whether an `outbox` timer row holds the queue (otherwise there is no row to clear). A reply's
 * first attempt writes its transcript row; later attempts update it.
 */
export const drainOutbox = async (shell: Shell, held = true): Promise<void> => {
  const { sql } = shell
  const state = readState(sql)
  if (!state) {
    // Replies without a conversation can't be addressed: failed for good, or the alarm would find them due forever.
    sql.exec(
      "UPDATE messages SET status = 'failed', error = 'no conversation state' WHERE direction = 'out' AND status = 'queued'"
    )
    clearTimer(sql, 'outbox')
    return
  }
  const adapter = getAdapter(state.channel, shell.env)
  for (;;) {
    // Re-read each time: replies queued while we awaited the platform join the same drain.
    const next = nextToSend(sql, held)
    if (!next) break
    const { message, entry } = next
    if (!adapter) {
      if (entry) storeReply(sql, entry, { status: 'failed', error: 'channel_not_configured' })
      else markAttempt(sql, message.id, 'channel_not_configured', true)
      shell.broadcast(message.id)
      continue
    }
    const live = readState(sql) ?? state
    const result = await adapter
      .send({
        to: {
          channel: state.channel,
          conversationKey: state.key,
          ...(live.replyHandle
            ? { replyHandle: live.replyHandle.value, replyHandleAt: live.replyHandle.at }
            : {}),
        },
        text: message.text,
        buttons: message.buttons,
        idempotencyKey: String(message.id),
        template: message.template,
        now: shell.now(),
        lastInboundAt: live.lastInboundAt,
      })
      .catch((err: unknown) => ({
        ok: false as const,
        retryable: true,
        reason: `send threw: ${String(err)}`,
      }))
    const now = shell.now()
    const plan = planAfterSend(
      result,
      (message.attempts ?? 0) + 1,
      message.at,
      now,
      adapter.dedupesSends === true
    )
    if (plan.action === 'retry') {
      // The hold first: a queued row must never exist without it (timers.ts), even if we stop here.
      setTimer(sql, { id: 'outbox', kind: 'outbox', dueAt: plan.at }, true)
      if (entry) storeReply(sql, entry, { status: 'queued', error: plan.error })
      else markAttempt(sql, message.id, plan.error, false)
      return indexNow(shell)
    }
    if (plan.action === 'sent') {
      if (entry) storeReply(sql, entry, { status: 'sent', platformId: plan.platformId, at: now })
      else markSent(sql, message.id, plan.platformId, now)
      // Reply tokens are single-use: the next message goes out another way.
      const latest = result.ok && result.usedReplyHandle ? readState(sql) : null
      if (latest) writeState(sql, { ...latest, replyHandle: null })
    } else if (entry) {
      storeReply(sql, entry, {
        status: 'failed',
        error: plan.error,
        unknown: plan.action === 'unknown',
      })
    } else {
      markAttempt(sql, message.id, plan.error, true)
      if (plan.action === 'unknown') markUnknown(sql, message.id)
    }
    shell.broadcast(message.id)
  }
  if (held) clearTimer(sql, 'outbox')
  return indexNow(shell)
}
