import type { ConversationSummary } from '../conversation/summary'

/** The name of the one inbox hub per shop (a deployment is one shop). */
export const INBOX_NAME = 'shop'

/** What a console tab learns about one conversation when its index row changes. */
export interface InboxDelta {
  type: 'conversation'
  seq: number
  key: string
  status: string
  owner: string
  agent: string | null
  level: number
  channel: string
  customerName: string | null
  lastMessage: string | null
  waitingSince: number | null
  nextDueAt: number | null
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
  status: summary.status,
  owner: summary.owner,
  agent: summary.agent,
  level: summary.level,
  channel: summary.channel,
  customerName: summary.customerName,
  lastMessage: summary.lastMessage,
  waitingSince: summary.waitingSince,
  nextDueAt: summary.nextDueAt,
})
