import { z } from 'zod'
import {
  countOpen,
  listInboxRows,
  readChannelsAndIntents,
  type InboxRow,
} from '../tables/conversations'
import { conditions } from '../tables/sql'

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

/** Open-conversation counts per tab. */
export type TabCounts = Record<Tab, number>

/** LIKE pattern for a search term, with LIKE's wildcards taken literally. */
export const likePattern = (term: string): string =>
  `%${term.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/** Pure: the WHERE clause (constant SQL) and its values for a view of the inbox. */
export const whereFor = (f: InboxFilters, me: string): { sql: string; values: unknown[] } => {
  const w = conditions()
  if (f.status !== 'any') w.add('status = ?', f.status)
  if (f.tab === 'mine') w.add('agent = ?', me)
  if (f.tab === 'unassigned') w.add("owner = 'human' AND agent IS NULL")
  if (f.tab === 'escalated') w.add('level > 0')
  if (f.channel) w.add('channel = ?', f.channel)
  if (f.level) w.add('level = ?', Number(f.level))
  if (f.intent) w.add('intent = ?', f.intent)
  if (f.q) w.add("search_text LIKE ? ESCAPE '\\'", likePattern(f.q))
  return { sql: w.where(), values: w.values }
}

/** One page of the inbox and whether another follows. */
export const listInbox = async (
  db: D1Database,
  f: InboxFilters,
  me: string
): Promise<{ rows: InboxRow[]; more: boolean }> => {
  const rows = await listInboxRows(db, whereFor(f, me), PAGE_SIZE + 1, f.page * PAGE_SIZE)
  return { rows: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}

/** Open conversations per tab, in one query. */
export const countTabs = (db: D1Database, me: string): Promise<TabCounts> => countOpen(db, me)

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
  const value = await readChannelsAndIntents(db)
  choicesCache = { db, at: now, value }
  return value
}
