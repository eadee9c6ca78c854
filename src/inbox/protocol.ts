import type { ConversationSummary } from '../tables/conversations'

/** The name of the one inbox hub per shop (a deployment is one shop). */
export const INBOX_NAME = 'shop'

/**
 * What a console tab learns when a conversation's index row changes: only that it changed. Tabs
 * fetch their list again (which masks per viewer), so no personal data rides on the broadcast.
 */
export interface InboxDelta {
  type: 'conversation'
  seq: number
  key: string
}

/** Who has the console open, as the hub sees its sockets. */
export interface PresenceFrame {
  type: 'presence'
  online: string[]
}

/** Pure: the delta a console tab receives for an index row (no search text, no reasons). */
export const deltaOf = (summary: ConversationSummary, seq: number): InboxDelta => ({
  type: 'conversation',
  seq,
  key: summary.key,
})
