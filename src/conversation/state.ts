import type { Channel } from '../channels/types'
import { emptySla } from '../sla/engine'
import type { ConversationState } from './types'

/** The state of a conversation that has seen nothing yet. */
export const initialState = (
  key: string,
  channel: Channel,
  customer: { id: string; name?: string },
  now: number
): ConversationState => ({
  key,
  channel,
  status: 'open',
  owner: 'bot',
  stage: 'greeting',
  step: null,
  intent: null,
  locale: 'zh-CN',
  greeted: false,
  fallbackStreak: 0,
  closing: null,
  renewed: [],
  promised: [],
  customer,
  vars: {},
  pins: null,
  offered: [],
  replyHandle: null,
  agent: null,
  level: 0,
  escalation: null,
  complaints: 0,
  sla: emptySla(),
  slaLog: [],
  case: null,
  survey: null,
  offhoursNoticeDay: null,
  lastHoldingAt: null,
  orders: {},
  tickets: {},
  ticketWanted: null,
  createdAt: now,
  updatedAt: now,
  lastInboundAt: null,
  lastAgentReplyAt: null,
  resolvedAt: null,
})

/** Reads the state row; null for a conversation that has never been written. */
export const readState = (sql: SqlStorage): ConversationState | null => {
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'state'").toArray()[0]
  if (!row) return null
  const stored = JSON.parse(row.value) as ConversationState
  // States written by an older version lack newer fields: fill them from the initial state.
  return {
    ...initialState(stored.key, stored.channel, stored.customer, stored.createdAt),
    ...stored,
  }
}

/** Writes the state row. */
export const writeState = (sql: SqlStorage, state: ConversationState): void => {
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('state', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    JSON.stringify(state)
  )
}
