import { randomId, sha256Hex } from '../lib/crypto'

/** Cookie that carries the console session. */
export const SESSION_COOKIE = 'cs_session'

/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 8 * 3600_000

/** And after this long in any case. */
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 3600_000

// Sliding the idle deadline costs a D1 write; once a minute per session is plenty.
const TOUCH_EVERY_MS = 60_000

/** A signed-in console session. */
export interface Session {
  idHash: string
  agentId: string
  csrf: string
  expiresAt: number
}

interface Row {
  id_hash: string
  agent_id: string
  csrf: string
  created_at: number
  last_seen_at: number
  expires_at: number
}

/** D1 access to console sessions. */
export const sessionStore = (db: D1Database) => ({
  /** Starts a session; returns the cookie value (shown once, stored only hashed). */
  async create(agentId: string, now: number): Promise<{ cookie: string; session: Session }> {
    const cookie = randomId(32)
    const session = {
      idHash: await sha256Hex(cookie),
      agentId,
      csrf: randomId(24),
      expiresAt: now + IDLE_TIMEOUT_MS,
    }
    await db
      .prepare(
        'INSERT INTO console_sessions (id_hash, agent_id, csrf, created_at, last_seen_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?4, ?5)'
      )
      .bind(session.idHash, agentId, session.csrf, now, session.expiresAt)
      .run()
    return { cookie, session }
  },

  /** The live session behind a cookie, its idle deadline slid forward; null when unknown or expired. */
  async read(cookie: string | undefined, now: number): Promise<Session | null> {
    if (!cookie || cookie.length > 128) return null
    const idHash = await sha256Hex(cookie)
    const row = await db
      .prepare('SELECT * FROM console_sessions WHERE id_hash = ?1')
      .bind(idHash)
      .first<Row>()
    if (!row) return null
    if (row.expires_at <= now || row.created_at + ABSOLUTE_TIMEOUT_MS <= now) {
      await db.prepare('DELETE FROM console_sessions WHERE id_hash = ?1').bind(idHash).run()
      return null
    }
    let expiresAt = row.expires_at
    if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
      expiresAt = now + IDLE_TIMEOUT_MS
      await db
        .prepare(
          'UPDATE console_sessions SET last_seen_at = ?2, expires_at = ?3 WHERE id_hash = ?1'
        )
        .bind(idHash, now, expiresAt)
        .run()
    }
    return { idHash, agentId: row.agent_id, csrf: row.csrf, expiresAt }
  },

  /** Ends one session. */
  async end(idHash: string): Promise<void> {
    await db.prepare('DELETE FROM console_sessions WHERE id_hash = ?1').bind(idHash).run()
  },
})
