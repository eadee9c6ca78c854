import { z } from 'zod'
import { conditions, parseJsonColumn, selectList } from './sql'

/** An archived case (table `cases`): one resolution of a conversation, with its inspection. */
export const caseSchema = z.object({
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

/** An archived case. */
export type Case = z.output<typeof caseSchema>

const COLUMNS = {
  id: 'id',
  conversationKey: 'conversation_key',
  channel: 'channel',
  category: 'category',
  level: 'level',
  problem: 'problem',
  solution: 'solution',
  handler: 'handler',
  openedAt: 'opened_at',
  resolvedAt: 'resolved_at',
  resolveMs: 'resolve_ms',
  rating: 'rating',
  comment: 'comment',
  qaScore: 'qa_score',
  qa: 'qa_detail',
} as const satisfies Record<keyof Case, string>

/** What archiving a case writes: the case, and whether it waits in the review queue. */
export type ArchivedCase = Case & { reviewState: 'queued' | null }

/**
 * Archives a case; archiving it again updates what can change after a resolution (solution,
 * rating, comment, level, handler, inspection) and keeps a review already under way.
 */
export const archiveCase = async (db: D1Database, c: ArchivedCase): Promise<void> => {
  await db
    .prepare(
      `INSERT INTO cases (id, conversation_key, channel, category, level, problem, solution, handler, opened_at, resolved_at, resolve_ms, rating, comment, qa_score, qa_detail, review_state)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
       ON CONFLICT (id) DO UPDATE SET solution = excluded.solution, rating = excluded.rating, comment = excluded.comment,
         level = excluded.level, handler = excluded.handler, qa_score = excluded.qa_score, qa_detail = excluded.qa_detail,
         review_state = COALESCE(cases.review_state, excluded.review_state)`
    )
    .bind(
      c.id,
      c.conversationKey,
      c.channel,
      c.category,
      c.level,
      c.problem,
      c.solution,
      c.handler,
      c.openedAt,
      c.resolvedAt,
      c.resolveMs,
      c.rating,
      c.comment,
      c.qaScore,
      JSON.stringify(c.qa),
      c.reviewState
    )
    .run()
}

/** Filters of the API's case list, each narrowing it, and where the page starts. */
export interface CaseFilter {
  category?: string | undefined
  rating?: number | undefined
  /** Resolved at or after (ms). */
  from?: number | undefined
  /** Resolved before (ms, exclusive). */
  to?: number | undefined
  after?: { resolvedAt: number; id: string } | undefined
}

/** Up to `limit` cases, newest resolution first. */
export const listCases = async (db: D1Database, f: CaseFilter, limit: number): Promise<Case[]> => {
  const w = conditions()
  if (f.category) w.add('category = ?', f.category)
  if (f.rating !== undefined) w.add('rating = ?', f.rating)
  if (f.from !== undefined) w.add('resolved_at >= ?', f.from)
  if (f.to !== undefined) w.add('resolved_at < ?', f.to)
  if (f.after) {
    const { resolvedAt, id } = f.after
    w.add('(resolved_at < ? OR (resolved_at = ? AND id < ?))', resolvedAt, resolvedAt, id)
  }
  const { results } = await db
    .prepare(
      `SELECT ${selectList(COLUMNS, Object.keys(COLUMNS) as (keyof Case)[])}
       FROM cases ${w.where()} ORDER BY resolved_at DESC, id DESC LIMIT ${w.bind(limit)}`
    )
    .bind(...w.values)
    .all<Omit<Case, 'qa'> & { qa: string | null }>()
  return results.map((row) => ({ ...row, qa: parseJsonColumn(row.qa) }))
}

const PAST_FIELDS = [
  'id',
  'category',
  'problem',
  'solution',
  'handler',
  'resolvedAt',
  'rating',
] as const satisfies readonly (keyof Case)[]

/** A resolved case of a conversation, as the console shows it beside the conversation. */
export type PastCase = Pick<Case, (typeof PAST_FIELDS)[number]>

/** The conversation's earlier resolved cases, newest first (one conversation per customer and channel). */
export const pastCases = async (db: D1Database, key: string): Promise<PastCase[]> => {
  const { results } = await db
    .prepare(
      `SELECT ${selectList(COLUMNS, PAST_FIELDS)} FROM cases
       WHERE conversation_key = ?1 ORDER BY resolved_at DESC LIMIT 10`
    )
    .bind(key)
    .all<PastCase>()
  return results
}
