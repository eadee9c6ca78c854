import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { maskPersonalData } from '../../escalation/mask'
import { documentRoute } from '../../api/openapi'
import { readQuery } from '../../api/validate'
import { fromBase64, toBase64Url, utf8 } from '../../lib/encoding'
import type { AppEnv } from '../../env'

const DAY_MS = 24 * 3600 * 1000
// The spec order is COALESCE(expected_resolution_at, next_due_at, escalated_at); the trailing 0
// keeps the same order (NULLs sort first in SQLite) but makes keyset comparisons well defined.
const DUE_AT = 'COALESCE(expected_resolution_at, next_due_at, escalated_at, 0)'

const SUMMARY_COLUMNS = `key, channel, status, owner, level, stage, intent, locale, customer_name,
  agent, last_message, last_message_at, failed_messages, next_due_at, breaches, csat, escalated_at,
  escalation_reasons, expected_resolution_at, created_at, updated_at`

// ---- cursors: opaque base64url JSON of the last row's sort keys ----

const encodeCursor = (value: Record<string, unknown>): string =>
  toBase64Url(utf8(JSON.stringify(value)))

const decodeJson = (text: string): unknown => {
  const bytes = fromBase64(text)
  if (!bytes) return null
  try {
    return JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return null
  }
}

const cursorParam = <T extends z.ZodType>(shape: T) =>
  z
    .string()
    .max(1024)
    .describe('opaque: `nextCursor` of the previous page')
    .transform((text, ctx): z.output<T> => {
      const parsed = shape.safeParse(decodeJson(text))
      if (parsed.success) return parsed.data
      ctx.addIssue({ code: 'custom', message: 'invalid cursor' })
      return z.NEVER
    })

const conversationCursor = z.object({ updatedAt: z.number().int(), key: z.string() })
const escalationCursor = z.object({ dueAt: z.number().int(), key: z.string() })
const caseCursor = z.object({ resolvedAt: z.number().int(), id: z.string() })

/** One page of rows (fetched with one extra to know whether more follow). */
const paginate = <R, T>(
  rows: R[],
  limit: number,
  toItem: (row: R) => T,
  cursorOf: (row: R) => Record<string, unknown>
) => {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items: items.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  }
}

/** WHERE fragments (constant SQL only) with their bound values, in placeholder order. */
const conditions = () => {
  const parts: string[] = []
  const values: unknown[] = []
  return {
    add(sql: string, ...bound: unknown[]) {
      parts.push(sql)
      values.push(...bound)
    },
    where: () => (parts.length ? `WHERE ${parts.join(' AND ')}` : ''),
    values,
  }
}

// ---- query schemas ----

const limitParam = z.coerce.number().int().min(1).max(200).default(50)
const levelParam = z.enum(['0', '1', '2']).transform(Number)
const isoDate = z.iso.date().describe('YYYY-MM-DD (UTC)')
const isoDateTime = z.iso.datetime({ offset: true })

const conversationQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  owner: z.enum(['bot', 'human']).optional(),
  level: levelParam.optional(),
  channel: z.string().min(1).max(64).optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .describe('true: at least one SLA breach')
    .optional(),
  q: z
    .string()
    .min(1)
    .max(100)
    .describe('case-insensitive substring of customer name or last message')
    .optional(),
  limit: limitParam,
  cursor: cursorParam(conversationCursor).optional(),
})

const escalationQuery = z.object({
  level: z.enum(['1', '2']).transform(Number).optional(),
  limit: limitParam,
  cursor: cursorParam(escalationCursor).optional(),
})

const caseQuery = z
  .object({
    category: z.string().min(1).max(64).optional(),
    rating: z.enum(['1', '2', '3', '4', '5']).transform(Number).optional(),
    from: z
      .union([isoDate, isoDateTime])
      .transform((v) => Date.parse(v))
      .describe('resolved at or after; ISO date or date-time')
      .optional(),
    // A date means the whole day; a date-time is inclusive. Stored as an exclusive bound.
    to: z
      .union([
        isoDate.transform((v) => Date.parse(v) + DAY_MS),
        isoDateTime.transform((v) => Date.parse(v) + 1),
      ])
      .describe('resolved on or before; ISO date (whole day) or date-time')
      .optional(),
    limit: limitParam,
    cursor: cursorParam(caseCursor).optional(),
  })
  .superRefine(({ from, to }, ctx) => {
    if (from !== undefined && to !== undefined && from >= to) {
      ctx.addIssue({ code: 'custom', message: '`to` must not be before `from`', path: ['to'] })
    }
  })

// ---- rows and response schemas ----

const summarySchema = z.object({
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
  lastMessageAt: z.number().int().nullable(),
  failedMessages: z.number().int(),
  nextDueAt: z.number().int().nullable(),
  breaches: z.number().int(),
  csat: z.number().int().nullable(),
  escalatedAt: z.number().int().nullable(),
  escalationReasons: z.array(z.string()),
  expectedResolutionAt: z.number().int().nullable(),
  createdAt: z.number().int().describe('ms since epoch, like every time here'),
  updatedAt: z.number().int(),
})
type Summary = z.output<typeof summarySchema>

const caseSchema = z.object({
  id: z.string(),
  conversationKey: z.string(),
  channel: z.string(),
  category: z.string().nullable(),
  level: z.number().int(),
  problem: z.string(),
  solution: z.string().nullable(),
  handler: z.string().nullable(),
  openedAt: z.number().int(),
  resolvedAt: z.number().int(),
  resolveMs: z.number().int(),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  qaScore: z
    .number()
    .int()
    .nullable()
    .describe("automatic inspection, 0-100 (the people's turns when a person answered)"),
  qa: z
    .unknown()
    .nullable()
    .describe(
      'the inspection breakdown: bot and human sides, speed, the five stages, wording, promises, red lines'
    ),
})
type Case = z.output<typeof caseSchema>

const nextCursor = z
  .string()
  .nullable()
  .describe('pass as `cursor` for the next page; null at the end')
const conversationPage = z.object({ conversations: z.array(summarySchema), nextCursor })
const escalationPage = z.object({ escalations: z.array(summarySchema), nextCursor })
const casePage = z.object({ cases: z.array(caseSchema), nextCursor })

interface SummaryRow {
  key: string
  channel: string
  status: Summary['status']
  owner: Summary['owner']
  level: number
  stage: string
  intent: string | null
  locale: string
  customer_name: string | null
  agent: string | null
  last_message: string | null
  last_message_at: number | null
  failed_messages: number
  next_due_at: number | null
  breaches: number
  csat: number | null
  escalated_at: number | null
  escalation_reasons: string | null
  expected_resolution_at: number | null
  created_at: number
  updated_at: number
}

interface CaseRow {
  id: string
  conversation_key: string
  channel: string
  category: string | null
  level: number
  problem: string
  solution: string | null
  handler: string | null
  opened_at: number
  resolved_at: number
  resolve_ms: number
  rating: number | null
  comment: string | null
  qa_score: number | null
  qa_detail: string | null
}

const parseJson = (text: string | null): unknown => {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

const parseReasons = (text: string | null): string[] => {
  if (!text) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : []
  } catch {
    return []
  }
}

const toSummary = (row: SummaryRow): Summary => ({
  key: row.key,
  channel: row.channel,
  status: row.status,
  owner: row.owner,
  level: row.level,
  stage: row.stage,
  intent: row.intent,
  locale: row.locale,
  customerName: row.customer_name,
  agent: row.agent,
  lastMessage: row.last_message,
  lastMessageAt: row.last_message_at,
  failedMessages: row.failed_messages,
  nextDueAt: row.next_due_at,
  breaches: row.breaches,
  csat: row.csat,
  escalatedAt: row.escalated_at,
  escalationReasons: parseReasons(row.escalation_reasons),
  expectedResolutionAt: row.expected_resolution_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/**
 * What a caller may see of a row in a list: admins and the conversation's own agent everything;
 * other agents the customer's personal data masked (names and texts), as DOMAIN.md §7 asks.
 */
const forViewer =
  (role: string, actor: string) =>
  (s: Summary): Summary =>
    role === 'admin' || (s.agent !== null && s.agent === actor)
      ? s
      : {
          ...s,
          customerName: s.customerName === null ? null : maskPersonalData(s.customerName),
          lastMessage: s.lastMessage === null ? null : maskPersonalData(s.lastMessage),
        }

const caseForViewer =
  (role: string, actor: string) =>
  (k: Case): Case =>
    role === 'admin' || k.handler === actor
      ? k
      : {
          ...k,
          problem: maskPersonalData(k.problem),
          solution: k.solution === null ? null : maskPersonalData(k.solution),
          comment: k.comment === null ? null : maskPersonalData(k.comment),
        }

const toCase = (row: CaseRow): Case => ({
  id: row.id,
  conversationKey: row.conversation_key,
  channel: row.channel,
  category: row.category,
  level: row.level,
  problem: row.problem,
  solution: row.solution,
  handler: row.handler,
  openedAt: row.opened_at,
  resolvedAt: row.resolved_at,
  resolveMs: row.resolve_ms,
  rating: row.rating,
  comment: row.comment,
  qaScore: row.qa_score,
  qa: parseJson(row.qa_detail),
})

// ---- routes ----

documentRoute({
  method: 'get',
  path: '/api/v1/conversations',
  summary: 'List conversations, most recently updated first (keyset pages)',
  tag: 'conversations',
  access: 'agent',
  query: conversationQuery,
  responses: {
    200: { description: 'a page of conversation summaries', schema: conversationPage },
  },
})

/** `GET /api/v1/conversations`: filtered, paged conversation summaries (agents and admins). */
export const conversationList = new Hono<AppEnv>().get('/', requireRole('agent'), async (c) => {
  const query = readQuery(c, conversationQuery)
  const w = conditions()
  if (query.status) w.add('status = ?', query.status)
  if (query.owner) w.add('owner = ?', query.owner)
  if (query.level !== undefined) w.add('level = ?', query.level)
  if (query.channel) w.add('channel = ?', query.channel)
  if (query.breached !== undefined) w.add(query.breached ? 'breaches > 0' : 'breaches = 0')
  if (query.q) {
    // instr, not LIKE: `%` and `_` in the search text stay literal. lower() folds ASCII only.
    w.add(
      '(instr(lower(customer_name), lower(?)) > 0 OR instr(lower(last_message), lower(?)) > 0)',
      query.q,
      query.q
    )
  }
  if (query.cursor) {
    const { updatedAt, key } = query.cursor
    w.add('(updated_at < ? OR (updated_at = ? AND key < ?))', updatedAt, updatedAt, key)
  }
  const { results } = await c.env.DB.prepare(
    `SELECT ${SUMMARY_COLUMNS} FROM conversations ${w.where()}
     ORDER BY updated_at DESC, key DESC LIMIT ?`
  )
    .bind(...w.values, query.limit + 1)
    .all<SummaryRow>()
  const page = paginate(results, query.limit, toSummary, (r) => ({
    updatedAt: r.updated_at,
    key: r.key,
  }))
  return c.json({
    conversations: page.items.map(forViewer(c.get('role'), c.get('actor'))),
    nextCursor: page.nextCursor,
  })
})

documentRoute({
  method: 'get',
  path: '/api/v1/escalations',
  summary: 'Open escalations, oldest due first (expected resolution, next due, escalated at)',
  tag: 'escalations',
  access: 'agent',
  query: escalationQuery,
  responses: { 200: { description: 'a page of escalated conversations', schema: escalationPage } },
})

/** `GET /api/v1/escalations`: open conversations above level 0, most overdue first. */
export const escalations = new Hono<AppEnv>().get('/', requireRole('agent'), async (c) => {
  const query = readQuery(c, escalationQuery)
  const w = conditions()
  w.add("level > 0 AND status = 'open'")
  if (query.level !== undefined) w.add('level = ?', query.level)
  if (query.cursor) {
    const { dueAt, key } = query.cursor
    w.add(`(${DUE_AT} > ? OR (${DUE_AT} = ? AND key > ?))`, dueAt, dueAt, key)
  }
  const { results } = await c.env.DB.prepare(
    `SELECT ${SUMMARY_COLUMNS}, ${DUE_AT} AS due_at FROM conversations ${w.where()}
     ORDER BY due_at ASC, key ASC LIMIT ?`
  )
    .bind(...w.values, query.limit + 1)
    .all<SummaryRow & { due_at: number }>()
  const page = paginate(results, query.limit, toSummary, (r) => ({ dueAt: r.due_at, key: r.key }))
  return c.json({
    escalations: page.items.map(forViewer(c.get('role'), c.get('actor'))),
    nextCursor: page.nextCursor,
  })
})

documentRoute({
  method: 'get',
  path: '/api/v1/cases',
  summary: 'Archived cases (knowledge base), newest resolution first',
  tag: 'cases',
  access: 'agent',
  query: caseQuery,
  responses: { 200: { description: 'a page of cases', schema: casePage } },
})

/** `GET /api/v1/cases`: resolved cases, filtered by category, rating and resolution date. */
export const cases = new Hono<AppEnv>().get('/', requireRole('agent'), async (c) => {
  const query = readQuery(c, caseQuery)
  const w = conditions()
  if (query.category) w.add('category = ?', query.category)
  if (query.rating !== undefined) w.add('rating = ?', query.rating)
  if (query.from !== undefined) w.add('resolved_at >= ?', query.from)
  if (query.to !== undefined) w.add('resolved_at < ?', query.to)
  if (query.cursor) {
    const { resolvedAt, id } = query.cursor
    w.add('(resolved_at < ? OR (resolved_at = ? AND id < ?))', resolvedAt, resolvedAt, id)
  }
  const { results } = await c.env.DB.prepare(
    `SELECT id, conversation_key, channel, category, level, problem, solution, handler, opened_at,
       resolved_at, resolve_ms, rating, comment, qa_score, qa_detail
     FROM cases ${w.where()} ORDER BY resolved_at DESC, id DESC LIMIT ?`
  )
    .bind(...w.values, query.limit + 1)
    .all<CaseRow>()
  const page = paginate(results, query.limit, toCase, (r) => ({
    resolvedAt: r.resolved_at,
    id: r.id,
  }))
  return c.json({
    cases: page.items.map(caseForViewer(c.get('role'), c.get('actor'))),
    nextCursor: page.nextCursor,
  })
})
