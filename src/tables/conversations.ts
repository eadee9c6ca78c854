import { z } from 'zod'
import { conditions, parseJsonColumn, selectList } from './sql'

const time = z.number().int()

/**
 * The D1 index row of a conversation (table `conversations`): written by its Durable Object after
 * its own state commits; lists, the console inbox and reports read it, the object stays the truth.
 */
const conversationSummarySchema = z.object({
  key: z.string(),
  channel: z.string(),
  status: z.enum(['open', 'resolved']),
  owner: z.enum(['bot', 'human']),
  level: z.number().int(),
  stage: z.string(),
  intent: z.string().nullable(),
  locale: z.string(),
  customerName: z.string().nullable(),
  agent: z.string().nullable(),
  lastMessage: z.string().nullable(),
  lastMessageAt: time.nullable(),
  failedMessages: z.number().int(),
  nextDueAt: time.nullable(),
  breaches: z.number().int(),
  csat: z.number().int().nullable(),
  escalatedAt: time.nullable(),
  escalationReasons: z.string().nullable().describe('JSON array of the reasons'),
  expectedResolutionAt: time.nullable(),
  createdAt: time.describe('ms since epoch, like every time here'),
  updatedAt: time,
  waitingSince: time
    .nullable()
    .describe('since when the customer has waited for a person (handed off, no agent reply since)'),
  searchText: z
    .string()
    .nullable()
    .describe('lower-cased text the console search matches: name, order numbers, phone, messages'),
})

/** The D1 index row of a conversation. */
export type ConversationSummary = z.output<typeof conversationSummarySchema>
type Field = keyof ConversationSummary

/** A conversation as the API lists it: the index row without its search fields, reasons parsed. */
export const listedConversationSchema = conversationSummarySchema
  .omit({ waitingSince: true, searchText: true })
  .extend({ escalationReasons: z.array(z.string()) })

/** A conversation as the API lists it. */
export type ListedConversation = z.output<typeof listedConversationSchema>

// In placeholder order: every write binds the fields in this order (?1 is key, ?15 updated_at).
const COLUMNS = {
  key: 'key',
  channel: 'channel',
  status: 'status',
  owner: 'owner',
  level: 'level',
  stage: 'stage',
  intent: 'intent',
  locale: 'locale',
  customerName: 'customer_name',
  agent: 'agent',
  lastMessage: 'last_message',
  lastMessageAt: 'last_message_at',
  failedMessages: 'failed_messages',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  nextDueAt: 'next_due_at',
  breaches: 'breaches',
  csat: 'csat',
  escalatedAt: 'escalated_at',
  escalationReasons: 'escalation_reasons',
  expectedResolutionAt: 'expected_resolution_at',
  waitingSince: 'waiting_since',
  searchText: 'search_text',
} as const satisfies Record<Field, string>

const FIELDS = Object.keys(COLUMNS) as Field[]
const slot = (field: Field) => `?${String(FIELDS.indexOf(field) + 1)}`
const assign = (fields: readonly Field[], value: (field: Field) => string) =>
  fields.map((f) => `${COLUMNS[f]} = ${value(f)}`).join(', ')

// Columns in an index (conversations_queue, conversations_escalations): SQLite rewrites an index
// whenever an UPDATE sets one of its columns, changed or not.
const INDEXED: readonly Field[] = ['status', 'owner', 'level', 'agent', 'expectedResolutionAt']
const UPDATED = FIELDS.filter((f) => f !== 'key' && f !== 'createdAt')

const HOT_UPDATE = `UPDATE conversations SET ${assign(
  UPDATED.filter((f) => !INDEXED.includes(f)),
  slot
)}
  WHERE key = ${slot('key')} AND updated_at <= ${slot('updatedAt')}
    AND ${INDEXED.map((f) => `${COLUMNS[f]} IS ${slot(f)}`).join(' AND ')}`

const UPSERT = `INSERT INTO conversations (${FIELDS.map((f) => COLUMNS[f]).join(', ')})
  VALUES (${FIELDS.map(slot).join(', ')})
  ON CONFLICT (key) DO UPDATE SET ${assign(UPDATED, (f) => `excluded.${COLUMNS[f]}`)}
  WHERE excluded.updated_at >= conversations.updated_at`

/**
 * Writes the row; an older summary never overwrites a newer one. The message path's update sets
 * only columns no index holds, and only while the indexed ones (status, owner, agent, level,
 * expected resolution) are unchanged: 1 D1 row written, where the upsert cost 3. Anything else (a
 * new conversation, a handoff, an escalation, a resolution, a newer row already written) goes
 * through the upsert, whose WHERE keeps a newer row.
 */
export const writeSummary = async (db: D1Database, s: ConversationSummary): Promise<void> => {
  const values = FIELDS.map((f) => s[f])
  const updated = await db
    .prepare(HOT_UPDATE)
    .bind(...values)
    .run()
  if (updated.meta.changes > 0) return
  await db
    .prepare(UPSERT)
    .bind(...values)
    .run()
}

// ---- the API's lists ----

const LISTED = Object.keys(listedConversationSchema.shape) as (keyof ListedConversation)[]
const SELECT_LISTED = selectList(COLUMNS, LISTED)
type ListedRow = Omit<ListedConversation, 'escalationReasons'> & {
  escalationReasons: string | null
}

const toListed = (row: ListedRow): ListedConversation => {
  const reasons = parseJsonColumn(row.escalationReasons)
  return {
    ...row,
    escalationReasons: Array.isArray(reasons)
      ? reasons.filter((r): r is string => typeof r === 'string')
      : [],
  }
}

/** Filters of the API's conversation list, each narrowing it, and where the page starts. */
export interface ConversationFilter {
  status?: ConversationSummary['status'] | undefined
  owner?: ConversationSummary['owner'] | undefined
  level?: number | undefined
  channel?: string | undefined
  breached?: boolean | undefined
  q?: string | undefined
  after?: { updatedAt: number; key: string } | undefined
}

/** Up to `limit` conversations, most recently updated first. */
export const listConversations = async (
  db: D1Database,
  f: ConversationFilter,
  limit: number
): Promise<ListedConversation[]> => {
  const w = conditions()
  if (f.status) w.add('status = ?', f.status)
  if (f.owner) w.add('owner = ?', f.owner)
  if (f.level !== undefined) w.add('level = ?', f.level)
  if (f.channel) w.add('channel = ?', f.channel)
  if (f.breached !== undefined) w.add(f.breached ? 'breaches > 0' : 'breaches = 0')
  if (f.q) {
    // instr, not LIKE: `%` and `_` in the search text stay literal. lower() folds ASCII only.
    w.add(
      '(instr(lower(customer_name), lower(?)) > 0 OR instr(lower(last_message), lower(?)) > 0)',
      f.q,
      f.q
    )
  }
  if (f.after) {
    const { updatedAt, key } = f.after
    w.add('(updated_at < ? OR (updated_at = ? AND key < ?))', updatedAt, updatedAt, key)
  }
  const { results } = await db
    .prepare(
      `SELECT ${SELECT_LISTED} FROM conversations ${w.where()}
       ORDER BY updated_at DESC, key DESC LIMIT ${w.bind(limit)}`
    )
    .bind(...w.values)
    .all<ListedRow>()
  return results.map(toListed)
}

// The spec order is COALESCE(expected_resolution_at, next_due_at, escalated_at); the trailing 0
// keeps the same order (NULLs sort first in SQLite) but makes keyset comparisons well defined.
const DUE_AT = 'COALESCE(expected_resolution_at, next_due_at, escalated_at, 0)'

/** Pure: when an escalation is due, as the escalation list sorts it (DUE_AT above). */
export const dueAtOf = (s: ListedConversation): number =>
  s.expectedResolutionAt ?? s.nextDueAt ?? s.escalatedAt ?? 0

/** Up to `limit` open escalations (of one level, if given), most overdue first. */
export const listEscalations = async (
  db: D1Database,
  f: { level?: number | undefined; after?: { dueAt: number; key: string } | undefined },
  limit: number
): Promise<ListedConversation[]> => {
  const w = conditions()
  w.add("level > 0 AND status = 'open'")
  if (f.level !== undefined) w.add('level = ?', f.level)
  if (f.after) {
    const { dueAt, key } = f.after
    w.add(`(${DUE_AT} > ? OR (${DUE_AT} = ? AND key > ?))`, dueAt, dueAt, key)
  }
  const { results } = await db
    .prepare(
      `SELECT ${SELECT_LISTED} FROM conversations ${w.where()}
       ORDER BY ${DUE_AT} ASC, key ASC LIMIT ${w.bind(limit)}`
    )
    .bind(...w.values)
    .all<ListedRow>()
  return results.map(toListed)
}

// ---- the console inbox ----

const INBOX_FIELDS = [
  'key',
  'channel',
  'status',
  'owner',
  'level',
  'intent',
  'customerName',
  'agent',
  'lastMessage',
  'lastMessageAt',
  'nextDueAt',
  'waitingSince',
  'breaches',
  'failedMessages',
  'updatedAt',
] as const satisfies readonly Field[]

/** One row of the console inbox. */
export type InboxRow = Pick<ConversationSummary, (typeof INBOX_FIELDS)[number]>

// Most urgent SLA first, then the customer who has waited longest, then the newest activity.
const INBOX_ORDER = `ORDER BY next_due_at IS NULL, next_due_at, waiting_since IS NULL, waiting_since, updated_at DESC, key`

/** Inbox rows matching `where` (built with `conditions`), in the inbox's order, from `offset`. */
export const listInboxRows = async (
  db: D1Database,
  where: { sql: string; values: unknown[] },
  limit: number,
  offset: number
): Promise<InboxRow[]> => {
  const { results } = await db
    .prepare(
      `SELECT ${selectList(COLUMNS, INBOX_FIELDS)}
       FROM conversations ${where.sql} ${INBOX_ORDER} LIMIT ${String(limit)} OFFSET ${String(offset)}`
    )
    .bind(...where.values)
    .all<InboxRow>()
  return results
}

/** Open conversations in all, assigned to `me`, waiting for a person unassigned, and escalated. */
export const countOpen = async (
  db: D1Database,
  me: string
): Promise<{ all: number; mine: number; unassigned: number; escalated: number }> => {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS all_, COALESCE(SUM(agent = ?1), 0) AS mine,
         COALESCE(SUM(owner = 'human' AND agent IS NULL), 0) AS unassigned, COALESCE(SUM(level > 0), 0) AS escalated
       FROM conversations WHERE status = 'open'`
    )
    .bind(me)
    .first<{ all_: number; mine: number; unassigned: number; escalated: number }>()
  return {
    all: row?.all_ ?? 0,
    mine: row?.mine ?? 0,
    unassigned: row?.unassigned ?? 0,
    escalated: row?.escalated ?? 0,
  }
}

/** The channels (up to 20) and intents (up to 50) seen in the index, sorted. */
export const readChannelsAndIntents = async (
  db: D1Database
): Promise<{ channels: string[]; intents: string[] }> => {
  const [channels, intents] = await db.batch<{ v: string }>([
    db.prepare('SELECT DISTINCT channel AS v FROM conversations ORDER BY v LIMIT 20'),
    db.prepare(
      'SELECT DISTINCT intent AS v FROM conversations WHERE intent IS NOT NULL ORDER BY v LIMIT 50'
    ),
  ])
  return {
    channels: (channels?.results ?? []).map((r) => r.v),
    intents: (intents?.results ?? []).map((r) => r.v),
  }
}
