/** A case in the review queue (or reviewed), as the supervisor sees it. */
export interface ReviewItem {
  id: string
  conversationKey: string
  channel: string
  handler: string | null
  resolvedAt: number
  rating: number | null
  qaScore: number | null
  redLines: { kind: string; match: string }[]
  state: 'queued' | 'reviewed'
  reviewScore: number | null
  reviewComment: string | null
  reviewer: string | null
  reviewedAt: number | null
}

interface Row {
  id: string
  conversation_key: string
  channel: string
  handler: string | null
  resolved_at: number
  rating: number | null
  qa_score: number | null
  qa_detail: string | null
  review_state: 'queued' | 'reviewed'
  review_score: number | null
  review_comment: string | null
  reviewer: string | null
  reviewed_at: number | null
}

const redLinesOf = (detail: string | null): { kind: string; match: string }[] => {
  try {
    const parsed = JSON.parse(detail ?? 'null') as {
      bot?: { redLines?: unknown[] }
      human?: { redLines?: unknown[] }
    } | null
    return [...(parsed?.bot?.redLines ?? []), ...(parsed?.human?.redLines ?? [])] as {
      kind: string
      match: string
    }[]
  } catch {
    return []
  }
}

/** Queued (oldest first) or reviewed (newest first) cases. */
export const listReviews = async (
  db: D1Database,
  state: 'queued' | 'reviewed',
  limit = 100
): Promise<ReviewItem[]> => {
  const { results } = await db
    .prepare(
      `SELECT id, conversation_key, channel, handler, resolved_at, rating, qa_score, qa_detail, review_state, review_score,
         review_comment, reviewer, reviewed_at
       FROM cases WHERE review_state = ?1 ORDER BY resolved_at ${state === 'queued' ? 'ASC' : 'DESC'} LIMIT ?2`
    )
    .bind(state, limit)
    .all<Row>()
  return results.map((r) => ({
    id: r.id,
    conversationKey: r.conversation_key,
    channel: r.channel,
    handler: r.handler,
    resolvedAt: r.resolved_at,
    rating: r.rating,
    qaScore: r.qa_score,
    redLines: redLinesOf(r.qa_detail),
    state: r.review_state,
    reviewScore: r.review_score,
    reviewComment: r.review_comment,
    reviewer: r.reviewer,
    reviewedAt: r.reviewed_at,
  }))
}

/** A supervisor's score and comment on a sampled case; false when the case was not sampled. */
export const saveReview = async (
  db: D1Database,
  id: string,
  review: { score: number; comment: string },
  reviewer: string,
  now: number
): Promise<boolean> => {
  const result = await db
    .prepare(
      `UPDATE cases SET review_state = 'reviewed', review_score = ?2, review_comment = ?3, reviewer = ?4, reviewed_at = ?5
       WHERE id = ?1 AND review_state IS NOT NULL`
    )
    .bind(id, review.score, review.comment, reviewer, now)
    .run()
  return result.meta.changes > 0
}

/** One agent's week: how many cases, the automatic and the supervisors' average scores. */
export interface WeeklyResult {
  handler: string
  week: string
  cases: number
  qaAverage: number | null
  reviewed: number
  reviewAverage: number | null
}

/** Results per agent and per ISO-like week (weeks start on Monday, UTC) since a time. */
export const weeklyResults = async (db: D1Database, since: number): Promise<WeeklyResult[]> => {
  const { results } = await db
    .prepare(
      `SELECT COALESCE(handler, 'bot') AS handler,
         strftime('%Y-%m-%d', resolved_at / 1000, 'unixepoch', 'weekday 0', '-6 days') AS week,
         COUNT(*) AS cases, ROUND(AVG(qa_score), 1) AS qa_average,
         SUM(review_state = 'reviewed') AS reviewed, ROUND(AVG(review_score), 1) AS review_average
       FROM cases WHERE resolved_at >= ?1 GROUP BY 1, 2 ORDER BY week DESC, handler`
    )
    .bind(since)
    .all<{
      handler: string
      week: string
      cases: number
      qa_average: number | null
      reviewed: number
      review_average: number | null
    }>()
  return results.map((r) => ({
    handler: r.handler,
    week: r.week,
    cases: r.cases,
    qaAverage: r.qa_average,
    reviewed: r.reviewed,
    reviewAverage: r.review_average,
  }))
}
