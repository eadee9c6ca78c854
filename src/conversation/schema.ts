// Table shapes shared by the migration that introduced them and the one-shot schema of a new object.
const MESSAGES = `(
     seq INTEGER PRIMARY KEY,
     external_id TEXT,
     kind TEXT NOT NULL CHECK (kind IN ('message', 'action', 'edit')),
     direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
     author TEXT NOT NULL,
     agent TEXT,
     text TEXT NOT NULL DEFAULT '',
     buttons TEXT,
     attachments TEXT,
     template TEXT,
     platform_id TEXT,
     ref_seq INTEGER,
     status TEXT NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'failed')),
     error TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     at INTEGER NOT NULL,
     sent_at INTEGER,
     edited_at INTEGER,
     raw TEXT,
     delivery TEXT
   )`
const TIMERS = `(
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     due_at INTEGER NOT NULL,
     payload TEXT,
     attempts INTEGER NOT NULL DEFAULT 0
   ) WITHOUT ROWID`
const RECEIPTS = `(
     external_id TEXT PRIMARY KEY,
     platform_id TEXT NOT NULL,
     status TEXT NOT NULL,
     at INTEGER NOT NULL
   )`
const NOTES = `(
     id INTEGER PRIMARY KEY,
     agent TEXT NOT NULL,
     text TEXT NOT NULL,
     at INTEGER NOT NULL
   )`
const META = `(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`
const NOTIFICATIONS = `(
     id TEXT PRIMARY KEY,
     team TEXT NOT NULL,
     level INTEGER NOT NULL,
     reasons TEXT NOT NULL,
     summary TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'no_target', 'digested')),
     delivered TEXT NOT NULL DEFAULT '[]',
     attempts INTEGER NOT NULL DEFAULT 0,
     error TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   )`

/** Ordered schema migrations of a conversation's SQLite; index + 1 is the schema version. */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     external_id TEXT UNIQUE,
     kind TEXT NOT NULL CHECK (kind IN ('message', 'action', 'edit')),
     direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
     author TEXT NOT NULL,
     agent TEXT,
     text TEXT NOT NULL DEFAULT '',
     buttons TEXT,
     attachments TEXT,
     template TEXT,
     platform_id TEXT,
     ref_seq INTEGER,
     status TEXT NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'failed')),
     error TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     at INTEGER NOT NULL,
     sent_at INTEGER,
     edited_at INTEGER,
     raw TEXT
   );
   CREATE INDEX IF NOT EXISTS messages_outbox ON messages (status, seq);
   CREATE INDEX IF NOT EXISTS messages_platform ON messages (platform_id);
   CREATE TABLE IF NOT EXISTS timers (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     due_at INTEGER NOT NULL,
     payload TEXT,
     attempts INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX IF NOT EXISTS timers_due ON timers (due_at);`,
  `ALTER TABLE messages ADD COLUMN delivery TEXT;
   CREATE TABLE IF NOT EXISTS receipts ${RECEIPTS};`,
  `CREATE TABLE IF NOT EXISTS sla_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     target TEXT NOT NULL,
     event TEXT NOT NULL,
     at INTEGER NOT NULL,
     due_at INTEGER
   );
   CREATE TABLE IF NOT EXISTS notifications (
     id TEXT PRIMARY KEY,
     team TEXT NOT NULL,
     level INTEGER NOT NULL,
     reasons TEXT NOT NULL,
     summary TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'no_target')),
     delivered TEXT NOT NULL DEFAULT '[]',
     attempts INTEGER NOT NULL DEFAULT 0,
     error TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  // Each index entry is a billed row write on every insert and update, while a conversation's
  // tables stay small enough that a scan in primary-key order is cheap (reads cost 1/1000).
  `DROP INDEX IF EXISTS messages_outbox;
   DROP INDEX IF EXISTS messages_platform;
   DROP INDEX IF EXISTS timers_due;`,
  // SLA events now live in the state row (see apply.ts).
  `DROP TABLE IF EXISTS sla_events;`,
  // Fewer billed writes per row: no AUTOINCREMENT bookkeeping (rows are never deleted, so ids are
  // never reused), a unique index only where an external id exists, timers keyed by their id alone.
  `CREATE TABLE messages_v2 ${MESSAGES};
   INSERT INTO messages_v2 (seq, external_id, kind, direction, author, agent, text, buttons, attachments,
     template, platform_id, ref_seq, status, error, attempts, at, sent_at, edited_at, raw, delivery)
   SELECT seq, external_id, kind, direction, author, agent, text, buttons, attachments,
     template, platform_id, ref_seq, status, error, attempts, at, sent_at, edited_at, raw, delivery
   FROM messages;
   DROP TABLE messages;
   ALTER TABLE messages_v2 RENAME TO messages;
   CREATE UNIQUE INDEX messages_external ON messages (external_id) WHERE external_id IS NOT NULL;
   CREATE TABLE timers_v2 ${TIMERS};
   INSERT INTO timers_v2 (id, kind, due_at, payload, attempts) SELECT id, kind, due_at, payload, attempts FROM timers;
   DROP TABLE timers;
   ALTER TABLE timers_v2 RENAME TO timers;`,
  // Private notes live apart from the transcript, so no path that sends or shows messages to the
  // customer can ever pick one up.
  `CREATE TABLE IF NOT EXISTS notes ${NOTES};`,
  // A notification from an anonymous channel may be folded into the shop's digest instead.
  `CREATE TABLE notifications_v2 ${NOTIFICATIONS};
   INSERT INTO notifications_v2 (id, team, level, reasons, summary, status, delivered, attempts, error, created_at, updated_at)
     SELECT id, team, level, reasons, summary, status, delivered, attempts, error, created_at, updated_at FROM notifications;
   DROP TABLE notifications;
   ALTER TABLE notifications_v2 RENAME TO notifications;`,
  // Dedupe scans instead (transcript.ts): the unique index cost a billed write per inbound message.
  `DROP INDEX IF EXISTS messages_external;`,
  // Keyed by the text key alone: a rowid table wrote its row and an index entry (two billed rows)
  // for every new key, such as a new conversation's state.
  `CREATE TABLE meta_v2 ${META};
   INSERT INTO meta_v2 (key, value) SELECT key, value FROM meta;
   DROP TABLE meta;
   ALTER TABLE meta_v2 RENAME TO meta;`,
  // Queued replies now wait in the state row, and a row is only queued while an `outbox` timer
  // holds the queue (timers.ts): replies an older version queued get that timer.
  `INSERT OR IGNORE INTO timers (id, kind, due_at)
     SELECT 'outbox', 'outbox', MIN(at) FROM messages WHERE direction = 'out' AND status = 'queued'
     HAVING COUNT(*) > 0;`,
]

/** Current schema version (the number of migrations). */
export const SCHEMA_VERSION = MIGRATIONS.length

/**
 * The tables every conversation uses, as the migrations above leave them, created at once for a
 * new object: replaying the chain wrote about 35 billed rows per new conversation (tables later
 * dropped or rebuilt, a version row per step). Each CREATE is billed two or three rows, so tables
 * most conversations never use wait for their first write ({@link ensureTable}). Run one statement
 * per call: a cursor reports the rows of its last statement only, and the bench counts cursors.
 * test/schema.test.ts checks that this plus the optional tables is the schema the chain builds; a
 * new migration changes this list too.
 */
const CURRENT = [`CREATE TABLE messages ${MESSAGES}`, `CREATE TABLE timers ${TIMERS}`]

/** Tables a conversation creates on their first write; reads of a missing one find nothing. */
export type OptionalTable = 'receipts' | 'notes' | 'notifications'

const OPTIONAL: Record<OptionalTable, string> = {
  receipts: RECEIPTS,
  notes: NOTES,
  notifications: NOTIFICATIONS,
}

/** Whether the table exists (a read of the schema; creates nothing). */
export const hasTable = (sql: SqlStorage, name: OptionalTable | 'meta'): boolean =>
  sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length >
  0

/** Creates an optional table before its first write (inside the writer's transaction). */
export const ensureTable = (sql: SqlStorage, name: OptionalTable): void => {
  if (!hasTable(sql, name)) sql.exec(`CREATE TABLE ${name} ${OPTIONAL[name]}`)
}

/** Whether this object ever stored anything (a read: it creates nothing). */
export const hasSchema = (sql: SqlStorage): boolean => hasTable(sql, 'meta')

const setVersion = (sql: SqlStorage, version: number): void => {
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    String(version)
  )
}

/**
 * Brings the object's SQLite up to {@link SCHEMA_VERSION}; cheap when already current. A new
 * object gets the current tables in one script; `replay` (tests) runs the whole chain instead.
 */
export const migrate = (sql: SqlStorage, opts: { replay?: boolean } = {}): void => {
  // An object from before the meta rebuild already has its rowid table; the chain converts it.
  sql.exec(`CREATE TABLE IF NOT EXISTS meta ${META}`)
  const row = sql
    .exec<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")
    .toArray()[0]
  const from = row ? Number(row.value) : 0
  const fresh =
    from === 0 &&
    sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'messages'").toArray().length === 0
  if (fresh && !opts.replay) {
    for (const statement of CURRENT) sql.exec(statement)
    setVersion(sql, MIGRATIONS.length)
    return
  }
  for (let v = from; v < MIGRATIONS.length; v++) {
    sql.exec(MIGRATIONS[v] as string)
    setVersion(sql, v + 1)
  }
}
