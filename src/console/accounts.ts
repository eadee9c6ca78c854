import { randomId } from '../lib/crypto'
import { hashPassword, type PasswordHash } from './passwords'

/** Who may use the console: admins reach every page, agents the inbox and conversations. */
export type AccountRole = 'admin' | 'agent'

/** UI languages of the console (independent of the customer's language). */
export type UiLocale = 'en' | 'zh-CN'

/** A console account as the API and pages show it (never with its password). */
export interface Account {
  id: string
  name: string
  email: string
  role: AccountRole
  locale: UiLocale
  createdAt: number
  updatedAt: number
}

interface Row {
  id: string
  name: string
  email: string
  role: string
  locale: string
  password_hash: string | null
  password_salt: string | null
  password_iterations: number | null
  created_at: number
  updated_at: number
}

/** The built-in owner account, signed in with the ADMIN_TOKEN secret as its password. */
export const OWNER_ID = 'owner'
/** The sign-in name of the built-in owner. */
export const OWNER_EMAIL = 'admin'

const COLUMNS =
  'id, name, email, role, locale, password_hash, password_salt, password_iterations, created_at, updated_at'

const toAccount = (row: Row): Account => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role === 'admin' ? 'admin' : 'agent',
  locale: row.locale === 'zh-CN' ? 'zh-CN' : 'en',
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const toHash = (row: Row): PasswordHash | null =>
  row.password_hash && row.password_salt && row.password_iterations
    ? { hash: row.password_hash, salt: row.password_salt, iterations: row.password_iterations }
    : null

/** Emails are compared without case or surrounding space. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase()

/** Outcome of creating or changing an account. */
export type AccountResult =
  { ok: true; account: Account } | { ok: false; code: 'conflict' | 'not_found'; message: string }

const conflict = (err: unknown): AccountResult | null => {
  const text = String(err)
  if (!text.includes('UNIQUE')) return null
  const field = text.includes('agents.email') ? 'email' : 'name'
  return { ok: false, code: 'conflict', message: `an account with this ${field} already exists` }
}

/** D1 access to console accounts. */
export const accountStore = (db: D1Database) => ({
  /** Every account, oldest first. */
  async list(): Promise<Account[]> {
    const { results } = await db
      .prepare(`SELECT ${COLUMNS} FROM agents ORDER BY created_at, id`)
      .all<Row>()
    return results.map(toAccount)
  },

  /** One account by id. */
  async get(id: string): Promise<Account | null> {
    const row = await db
      .prepare(`SELECT ${COLUMNS} FROM agents WHERE id = ?1`)
      .bind(id)
      .first<Row>()
    return row ? toAccount(row) : null
  },

  /** An account and its stored password, by sign-in email. */
  async byEmail(
    email: string
  ): Promise<{ account: Account; password: PasswordHash | null } | null> {
    const row = await db
      .prepare(`SELECT ${COLUMNS} FROM agents WHERE email = ?1`)
      .bind(normalizeEmail(email))
      .first<Row>()
    return row ? { account: toAccount(row), password: toHash(row) } : null
  },

  /** A new account; 'conflict' when the email or display name is taken. */
  async create(
    input: { name: string; email: string; role: AccountRole; password: string; locale?: UiLocale },
    now: number
  ): Promise<AccountResult> {
    const id = `agt_${randomId(9)}`
    const pw = await hashPassword(input.password)
    return this.write(
      id,
      db
        .prepare(
          `INSERT INTO agents (id, name, email, role, password_hash, password_salt, password_iterations, locale, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)`
        )
        .bind(
          id,
          input.name.trim(),
          normalizeEmail(input.email),
          input.role,
          pw.hash,
          pw.salt,
          pw.iterations,
          input.locale ?? 'en',
          now
        )
    )
  },

  /** Runs an insert or update of one account; a taken email or name is a conflict, not a throw. */
  async write(id: string, statement: D1PreparedStatement): Promise<AccountResult> {
    try {
      await statement.run()
    } catch (err) {
      const taken = conflict(err)
      if (taken) return taken
      throw err
    }
    const account = await this.get(id)
    return account
      ? { ok: true, account }
      : { ok: false, code: 'not_found', message: 'no such account' }
  },

  /** Changes name, email, role, locale or password; unchanged fields stay. */
  async update(
    id: string,
    patch: {
      name?: string
      email?: string
      role?: AccountRole
      password?: string
      locale?: UiLocale
    },
    now: number
  ): Promise<AccountResult> {
    const current = await this.get(id)
    if (!current) return { ok: false, code: 'not_found', message: 'no such account' }
    const pw = patch.password ? await hashPassword(patch.password) : null
    // A new password ends every session of the account (a stolen one included).
    if (pw) await db.prepare('DELETE FROM console_sessions WHERE agent_id = ?1').bind(id).run()
    return this.write(
      id,
      db
        .prepare(
          `UPDATE agents SET name = ?2, email = ?3, role = ?4, locale = ?5, updated_at = ?6,
             password_hash = COALESCE(?7, password_hash), password_salt = COALESCE(?8, password_salt),
             password_iterations = COALESCE(?9, password_iterations)
           WHERE id = ?1`
        )
        .bind(
          id,
          patch.name?.trim() ?? current.name,
          patch.email ? normalizeEmail(patch.email) : current.email,
          patch.role ?? current.role,
          patch.locale ?? current.locale,
          now,
          pw?.hash ?? null,
          pw?.salt ?? null,
          pw?.iterations ?? null
        )
    )
  },

  /** Deletes an account and signs it out everywhere; false when there was none. */
  async remove(id: string): Promise<boolean> {
    const [deleted] = await db.batch([
      db.prepare('DELETE FROM agents WHERE id = ?1').bind(id),
      db.prepare('DELETE FROM console_sessions WHERE agent_id = ?1').bind(id),
    ])
    return (deleted?.meta.changes ?? 0) > 0
  },

  /** The built-in owner row (created on its first sign-in); it has no password of its own. */
  async ensureOwner(now: number): Promise<Account> {
    await db
      .prepare(
        `INSERT OR IGNORE INTO agents (id, name, email, role, locale, created_at, updated_at)
         VALUES (?1, 'Owner', ?2, 'admin', 'en', ?3, ?3)`
      )
      .bind(OWNER_ID, OWNER_EMAIL, now)
      .run()
    const owner = await this.get(OWNER_ID)
    if (!owner) throw new Error('owner account missing after insert')
    return owner
  },
})
