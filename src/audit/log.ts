/** Whether an entry records reading customer data or changing something. */
export type AuditAction = 'read' | 'change'

/** One audit entry. */
export interface AuditEntry {
  id: number
  at: number
  actor: string
  actorName: string
  role: string
  action: AuditAction
  method: string
  path: string
  target: string | null
  ip: string | null
  status: number
}

/** How long entries are kept unless AUDIT_RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 180

/** The retention period in days from the environment (1..3650), else the default. */
export const retentionDays = (value: string | undefined): number => {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : DEFAULT_RETENTION_DAYS
}

const READS = [
  /^\/api\/v1\/conversations(\/[^/]+)?$/,
  /^\/api\/v1\/escalations$/,
  /^\/api\/v1\/cases$/,
  /^\/api\/v1\/events$/,
  /^\/api\/v1\/audit$/,
  /^\/console$/,
  /^\/console\/c\/[^/]+(\/transcript)?$/,
  // Work orders carry the customer's contact and order numbers.
  /^\/api\/v1\/tickets(\/[^/]+)?$/,
  /^\/console\/tickets(\/[^/]+)?$/,
  // Attachments: issuing a download link is a read of what the customer sent.
  /^\/api\/v1\/files\/[^/]+$/,
  /^\/api\/v1\/tickets\/[^/]+\/files$/,
  /^\/console\/files\/[^/]+$/,
]

/**
 * Pure: what a request is for the audit log, or null when it is neither a read of customer data
 * nor a change. Failed sign-ins and anonymous calls never reach here (they have no actor).
 */
export const classify = (
  method: string,
  path: string
): { action: AuditAction; target: string | null } | null => {
  const target = targetOf(path)
  if (method === 'GET' || method === 'HEAD')
    return READS.some((re) => re.test(path)) ? { action: 'read', target } : null
  // Checks and previews change nothing (the composer and the template editor call them as people type).
  if (/\/(check|preview)$/.test(path)) return null
  return { action: 'change', target }
}

/** Pure: the conversation key or resource id a path names. */
export const targetOf = (path: string): string | null => {
  const m =
    /^\/(?:api\/v1\/conversations|console\/c)\/([^/]+)/.exec(path) ??
    /^\/(?:api\/v1|console)\/(?:templates|flows|agents|tokens|knowledge\/entries|tickets|files)\/([^/]+)/.exec(
      path
    )
  if (!m?.[1]) return null
  try {
    return decodeURIComponent(m[1]).slice(0, 200)
  } catch {
    return m[1].slice(0, 200)
  }
}

/** Appends one entry. */
export const writeAudit = async (db: D1Database, e: Omit<AuditEntry, 'id'>): Promise<void> => {
  await db
    .prepare(
      `INSERT INTO audit_log (at, actor, actor_name, role, action, method, path, target, ip, status)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`
    )
    .bind(
      e.at,
      e.actor,
      e.actorName.slice(0, 64),
      e.role,
      e.action,
      e.method,
      e.path.slice(0, 500),
      e.target,
      e.ip,
      e.status
    )
    .run()
}

/** Deletes entries older than the retention period; returns how many went. */
export const purgeAudit = async (db: D1Database, now: number, days: number): Promise<number> => {
  const result = await db
    .prepare('DELETE FROM audit_log WHERE at < ?1')
    .bind(now - days * 86_400_000)
    .run()
  return result.meta.changes
}

/** Filters of the audit listing. */
export interface AuditQuery {
  actor?: string
  action?: AuditAction
  target?: string
  since?: number
  until?: number
  before?: number
  limit: number
}

// Named as AuditEntry names them, in its order, so rows are entries as they come.
const ENTRY_COLUMNS =
  'id, at, actor, actor_name AS actorName, role, action, method, path, target, ip, status'

/** Newest first; `before` is the id of the last entry of the previous page. */
export const listAudit = async (
  db: D1Database,
  q: AuditQuery
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> => {
  const parts: string[] = []
  const values: unknown[] = []
  const add = (sql: string, value: unknown) => {
    values.push(value)
    parts.push(sql.replace('?', `?${values.length}`))
  }
  if (q.actor) add('actor = ?', q.actor)
  if (q.action) add('action = ?', q.action)
  if (q.target) add('target = ?', q.target)
  if (q.since !== undefined) add('at >= ?', q.since)
  if (q.until !== undefined) add('at < ?', q.until)
  if (q.before !== undefined) add('id < ?', q.before)
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : ''
  const { results } = await db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT ${q.limit + 1}`
    )
    .bind(...values)
    .all<AuditEntry>()
  const page = results.slice(0, q.limit)
  return {
    entries: page,
    nextBefore: results.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  }
}
