import { capabilitiesOf } from '../../bots'
import type { InboundEvent } from '../channels/types'

/** Remembers that a Slack thread carries the team's discussion of a customer conversation. */
export const recordDeskThread = async (
  db: D1Database,
  channel: string,
  ts: string,
  conversationKey: string,
  now: number
) => {
  await db
    .prepare(
      'INSERT INTO desk_threads (thread, conversation_key, created_at) VALUES (?, ?, ?) ON CONFLICT (thread) DO NOTHING'
    )
    .bind(`${channel}:${ts}`, conversationKey, now)
    .run()
}

/**
 * The customer conversation an inbound Slack thread reply belongs to, when the thread is a desk
 * notification; null for everything else (one indexed lookup, only for threaded Slack messages).
 */
export const deskConversation = async (
  db: D1Database,
  event: InboundEvent
): Promise<string | null> => {
  if (event.type !== 'message') return null
  const thread = capabilitiesOf(event.channel).teamThread?.(event.conversationKey)
  if (!thread) return null
  const row = await db
    .prepare('SELECT conversation_key FROM desk_threads WHERE thread = ?')
    .bind(thread)
    .first<{ conversation_key: string }>()
  return row?.conversation_key ?? null
}
