import type { Channel } from '../channels/types'
import { deepFreeze } from '../lib/freeze'
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

// The last parse of each object's state row, keyed by the row's exact text: a message's RPC and
// alarm read the row four or five times and parsing it was 5% of the isolate's time. Keyed by
// text, a rolled-back write can't leave a stale entry; frozen, no reader can change another's copy.
const parsed = new WeakMap<SqlStorage, { raw: string; state: ConversationState }>()

/** Reads the state row (deeply frozen); null for a conversation that has never been written. */
export const readState = (sql: SqlStorage): ConversationState | null => {
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'state'").toArray()[0]
  if (!row) return null
  const hit = parsed.get(sql)
  if (hit?.raw === row.value) return hit.state
  const stored = JSON.parse(row.value) as ConversationState
  // States written by an older version lack newer fields: fill them from the initial state.
  const state = deepFreeze({
    ...initialState(stored.key, stored.channel, stored.customer, stored.createdAt),
    ...stored,
  })
  parsed.set(sql, { raw: row.value, state })
  return state
}

/** Writes the state row; the next read of this text returns `state` itself, frozen. */
export const writeState = (sql: SqlStorage, state: ConversationState): void => {
  const raw = JSON.stringify(state)
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('state', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    raw
  )
  // If the transaction rolls back, the row keeps its old text and this entry is never hit.
  parsed.set(sql, { raw, state: deepFreeze(state) })
}
