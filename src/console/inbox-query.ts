import { z } from 'zod'

/** The inbox tabs. */
export const TABS = ['mine', 'unassigned', 'escalated', 'all'] as const
/** One inbox tab. */
export type Tab = (typeof TABS)[number]

/** Rows per inbox page. */
export const PAGE_SIZE = 50

/** The inbox's filters, as they appear in its URL (so views can be bookmarked). */
export const inboxFilters = z.object({
  tab: z.enum(TABS).catch('all'),
  status: z.enum(['open', 'resolved', 'any']).catch('open'),
  channel: z
    .string()
    .regex(/^[a-z]{1,16}$/)
    .optional()
    .catch(undefined),
  level: z.enum(['0', '1', '2']).optional().catch(undefined),
  intent: z
    .string()
    .regex(/^[a-z0-9_.-]{1,40}$/)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(0).max(1000).catch(0),
})

/** Parsed inbox filters; anything unreadable falls back to the default instead of failing. */
export type InboxFilters = z.output<typeof inboxFilters>

/** One inbox row. */
export interface InboxRow {
  key: string
  channel: string
  status: string
  owner: string
  level: number
  intent: string | null
  customerName: string | null
  agent: string | null
  lastMessage: string | null
  lastMessageAt: number | null
  nextDueAt: number | null
  waitingSince: number | null
  breaches: number
  failedMessages: number
  updatedAt: number
}

/** Open-conversation counts per tab. */
export type TabCounts = Record<Tab, number>

interface DbRow {
  key: string
  channel: string
  status: string
  owner: string
  level: number
  intent: string | null
  customer_name: string | null
  agent: string | null
  last_message: string | null
  last_message_at: number | null
  next_due_at: number | null
  waiting_since: number | null
  breaches: number
  failed_messages: number
  updated_at: number
}

const toRow = (r: DbRow): InboxRow => ({
  key: r.key,
  channel: r.channel,
  status: r.status,
  owner: r.owner,
  level: r.level,
  intent: r.intent,
  customerName: r.customer_name,
  agent: r.agent,
  lastMessage: r.last_message,
  lastMessageAt: r.last_message_at,
  nextDueAt: r.next_due_at,
  waitingSince: r.waiting_since,
  breaches: r.breaches,
  failedMessages: r.failed_messages,
  updatedAt: r.updated_at,
})

/** LIKE pattern for a search term, with LIKE's wildcards taken literally. */
export const likePattern = (term: string): string =>
  `%${term.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/** Pure: the WHERE clause (constant SQL) and its values for a view of the inbox. */
export const whereFor = (f: InboxFilters, me: string): { sql: string; values: unknown[] } => {
  const parts: string[] = []
  const values: unknown[] = []
  const push = (sql: string, value?: unknown) => {
    if (value === undefined) {
      parts.push(sql)
      return
    }
    values.push(value)
    parts.push(sql.replace('?', `?${values.length}`))
  }
  if (f.status !== 'any') push('status = ?', f.status)
  if (f.tab === 'mine') push('agent = ?', me)
  if (f.tab === 'unassigned') push("owner = 'human' AND agent IS NULL")
  if (f.tab === 'escalated') push('level > 0')
  if (f.channel) push('channel = ?', f.channel)
  if (f.level) push('level = ?', Number(f.level))
  if (f.intent) push('intent = ?', f.intent)
  if (f.q) push("search_text LIKE ? ESCAPE '\\'", likePattern(f.q))
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values }
}

// Most urgent SLA first, then the customer who has waited longest, then the newest activity.
const ORDER = `ORDER BY next_due_at IS NULL, next_due_at, waiting_since IS NULL, waiting_since, updated_at DESC, key`

/** One page of the inbox and whether another follows. */
export const listInbox = async (
  db: D1Database,
  f: InboxFilters,
  me: string
): Promise<{ rows: InboxRow[]; more: boolean }> => {
  const where = whereFor(f, me)
  const { results } = await db
    .prepare(
      `SELECT key, channel, status, owner, level, intent, customer_name, agent, last_message, last_message_at,
         next_due_at, waiting_since, breaches, failed_messages, updated_at
       FROM conversations ${where.sql} ${ORDER} LIMIT ${PAGE_SIZE + 1} OFFSET ${f.page * PAGE_SIZE}`
    )
    .bind(...where.values)
    .all<DbRow>()
  return { rows: results.slice(0, PAGE_SIZE).map(toRow), more: results.length > PAGE_SIZE }
}

/** Open conversations per tab, in one query. */
export const countTabs = async (db: D1Database, me: string): Promise<TabCounts> => {
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

// The filter menus' choices change when a shop adds a channel or a topic: a minute per isolate is
// fresh enough, and saves two scans of the whole index on every inbox page.
const CHOICES_TTL_MS = 60_000
let choicesCache: {
  db: D1Database
  at: number
  value: { channels: string[]; intents: string[] }
} | null = null

/** Channels and intents seen in the index, for the filter menus (cached for a minute per isolate). */
export const filterChoices = async (
  db: D1Database,
  now = Date.now()
): Promise<{ channels: string[]; intents: string[] }> => {
  if (choicesCache && choicesCache.db === db && now - choicesCache.at < CHOICES_TTL_MS)
    return choicesCache.value
  const value = await readChoices(db)
  choicesCache = { db, at: now, value }
  return value
}

const readChoices = async (db: D1Database): Promise<{ channels: string[]; intents: string[] }> => {
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

/** A resolved case of a conversation (from the case archive). */
export interface PastCase {
  id: string
  category: string | null
  problem: string
  solution: string | null
  handler: string | null
  resolvedAt: number
  rating: number | null
}

/** The conversation's earlier resolved cases, newest first (one conversation per customer and channel). */
export const pastCases = async (db: D1Database, key: string): Promise<PastCase[]> => {
  const { results } = await db
    .prepare(
      `SELECT id, category, problem, solution, handler, resolved_at, rating FROM cases
       WHERE conversation_key = ?1 ORDER BY resolved_at DESC LIMIT 10`
    )
    .bind(key)
    .all<{
      id: string
      category: string | null
      problem: string
      solution: string | null
      handler: string | null
      resolved_at: number
      rating: number | null
    }>()
  return results.map((r) => ({
    id: r.id,
    category: r.category,
    problem: r.problem,
    solution: r.solution,
    handler: r.handler,
    resolvedAt: r.resolved_at,
    rating: r.rating,
  }))
}
