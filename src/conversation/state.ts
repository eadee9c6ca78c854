import type { Button, Channel } from '../channels/types'
import { deepFreeze } from '../lib/freeze'
import { emptySla } from '../sla/engine'
import type { Author, ConversationState } from './types'

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

/**
 * A reply waiting to be sent. It rides in the state row, which the decision that queued it writes
 * anyway, under the transcript id it will have (`seq`); the transcript row is written once, when
 * the send has an outcome (see outbox.ts). Entries whose row exists are spent and pruned later.
 */
export interface QueuedReply {
  seq: number
  at: number
  author: Author
  agent?: string
  text: string
  buttons?: Button[]
  template?: string
  /** The desk message this reply came from (a redelivery of it is a duplicate). */
  externalId?: string
}

interface Row {
  state: ConversationState
  outbox: readonly QueuedReply[]
  /** The D1 index row is yet to learn this state (an outcome that sent nothing wrote it). */
  indexDue: boolean
  /** The D1 report rows are yet to learn a change they count (case, handler, rating, orders). */
  reportDue: boolean
  /** The D1 case archive is yet to learn a resolved case (or its rating). */
  caseDue: boolean
}

/** What rides in the state row besides the state: queued replies and work the alarm owes D1. */
export type RowExtras = Omit<Row, 'state'>

// The object's own copy of its state row, parsed once: a message's RPC and alarm read the state
// a dozen times, and each read was a statement run and often a parse (5% of the isolate's time).
// Only this module writes the row, and it keeps the copy in step; a transaction that throws
// drops the copy (`transact`), since its write was rolled back. Frozen, so no reader can change
// another's copy. A new instance (after an eviction) starts without one.
const copies = new WeakMap<SqlStorage, Row>()

const readRow = (sql: SqlStorage): Row | null => {
  const known = copies.get(sql)
  if (known) return known
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'state'").toArray()[0]
  if (!row) return null
  const {
    outbox = [],
    indexDue = false,
    reportDue = false,
    caseDue = false,
    ...stored
  } = JSON.parse(row.value) as ConversationState & Partial<RowExtras>
  // States written by an older version lack newer fields: fill them from the initial state.
  const state = deepFreeze({
    ...initialState(stored.key, stored.channel, stored.customer, stored.createdAt),
    ...stored,
  })
  const entry = { state, outbox: deepFreeze(outbox), indexDue, reportDue, caseDue }
  copies.set(sql, entry)
  return entry
}

/**
 * Runs `fn` in one synchronous transaction of the object's storage. Every transaction that may
 * write the state goes through here: when `fn` throws, its writes are rolled back, and so is the
 * copy of the state they left in memory.
 */
export const transact = <T>(storage: DurableObjectStorage, sql: SqlStorage, fn: () => T): T => {
  try {
    return storage.transactionSync(fn)
  } catch (err) {
    copies.delete(sql)
    throw err
  }
}

/** Reads the state row (deeply frozen); null for a conversation that has never been written. */
export const readState = (sql: SqlStorage): ConversationState | null => readRow(sql)?.state ?? null

/** The replies stored with the state, spent ones included until the next write prunes them. */
export const readOutbox = (sql: SqlStorage): readonly QueuedReply[] => readRow(sql)?.outbox ?? []

// States whose index row, and whose report rows, this instance has written. A marker in the row
// is cleared by a later write of the state, not by a write of its own (a billed row); after an
// eviction the D1 rows are written once more, which is idempotent and costs a D1 write at most.
const written = {
  index: new WeakSet<ConversationState>(),
  report: new WeakSet<ConversationState>(),
  case: new WeakSet<ConversationState>(),
}

/** D1 work the state row can owe. */
export type OwedWork = keyof typeof written

const FLAG = { index: 'indexDue', report: 'reportDue', case: 'caseDue' } as const

const owes = (row: Row | null, work: OwedWork): row is Row =>
  row !== null && row[FLAG[work]] && !written[work].has(row.state)

/** When the D1 work is due (the state's time), or null when this state has it already. */
export const owedAt = (sql: SqlStorage, work: OwedWork): number | null => {
  const row = readRow(sql)
  return owes(row, work) ? row.state.updatedAt : null
}

/** Whether the stored row still owes the work (for a writer deciding what the next row owes). */
export const stillOwes = (sql: SqlStorage, work: OwedWork): boolean => owes(readRow(sql), work)

/** Records that D1 now has `state` (as read before writing it) for the work. */
export const markWritten = (state: ConversationState, work: OwedWork): void => {
  written[work].add(state)
}

/**
 * Writes the state row with its extras (each by default as stored, so no writer drops a queued
 * reply or owed work); later reads return `state` itself, frozen. Inside a transaction, run it
 * through {@link transact}.
 */
export const writeState = (
  sql: SqlStorage,
  state: ConversationState,
  changes: Partial<RowExtras> = {}
): void => {
  const stored = readRow(sql)
  const extras: RowExtras = {
    outbox: changes.outbox ?? stored?.outbox ?? [],
    indexDue: changes.indexDue ?? stored?.indexDue ?? false,
    reportDue: changes.reportDue ?? stored?.reportDue ?? false,
    caseDue: changes.caseDue ?? stored?.caseDue ?? false,
  }
  const json = JSON.stringify(state)
  const more = [
    ...(extras.outbox.length > 0 ? [`"outbox":${JSON.stringify(extras.outbox)}`] : []),
    ...(extras.indexDue ? ['"indexDue":true'] : []),
    ...(extras.reportDue ? ['"reportDue":true'] : []),
    ...(extras.caseDue ? ['"caseDue":true'] : []),
  ]
  const raw = more.length === 0 ? json : `${json.slice(0, -1)},${more.join(',')}}`
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('state', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    raw
  )
  copies.set(sql, { ...extras, state: deepFreeze(state), outbox: deepFreeze(extras.outbox) })
}
