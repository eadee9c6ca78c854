import type { Role } from '../api/auth'

/** An API token as listed (table `api_tokens`): never the token, whose hash alone is stored. */
export interface ApiToken {
  id: string
  name: string
  role: Role
  createdAt: number
  /** Who issued it: `root` (ADMIN_TOKEN), `token:<id>` or `agent:<account id>`. */
  createdBy: string
  revokedAt: number | null
  lastUsedAt: number | null
}

const isRole = (value: unknown): value is Role => value === 'admin' || value === 'agent'

/** The unrevoked token with this hash, if its role is one we know. */
export const findActiveToken = async (
  db: D1Database,
  tokenHash: string
): Promise<Pick<ApiToken, 'id' | 'name' | 'role'> | null> => {
  const row = await db
    .prepare('SELECT id, name, role FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL')
    .bind(tokenHash)
    .first<{ id: string; name: string; role: unknown }>()
  return row && isRole(row.role) ? { id: row.id, name: row.name, role: row.role } : null
}

/** Stamps `last_used_at`, unless a stamp at or after `since` is already there. */
export const stampLastUsed = async (
  db: D1Database,
  id: string,
  now: number,
  since: number
): Promise<void> => {
  await db
    .prepare(
      `UPDATE api_tokens SET last_used_at = ?1
       WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at <= ?3)`
    )
    .bind(now, id, since)
    .run()
}

/** Stores a new token by its hash. */
export const insertToken = async (
  db: D1Database,
  t: Pick<ApiToken, 'id' | 'name' | 'role' | 'createdAt' | 'createdBy'> & { tokenHash: string }
): Promise<void> => {
  await db
    .prepare(
      `INSERT INTO api_tokens (id, name, role, token_hash, created_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`
    )
    .bind(t.id, t.name, t.role, t.tokenHash, t.createdAt, t.createdBy)
    .run()
}

/** Every token, revoked ones included, newest first. */
export const listTokens = async (db: D1Database): Promise<ApiToken[]> => {
  const { results } = await db
    .prepare(
      `SELECT id, name, role, created_at AS createdAt, created_by AS createdBy,
         revoked_at AS revokedAt, last_used_at AS lastUsedAt
       FROM api_tokens ORDER BY created_at DESC, id DESC`
    )
    .all<ApiToken>()
  return results
}

/** Revokes a token (a second revocation keeps the first time); null when there is no such token. */
export const revokeToken = async (
  db: D1Database,
  id: string,
  now: number
): Promise<{ revokedAt: number; tokenHash: string } | null> =>
  db
    .prepare(
      `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?1) WHERE id = ?2
       RETURNING revoked_at AS revokedAt, token_hash AS tokenHash`
    )
    .bind(now, id)
    .first<{ revokedAt: number; tokenHash: string }>()
