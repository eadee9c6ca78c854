import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { listNotes } from '../src/conversation/notes'
import { ensureTable, hasTable, migrate, SCHEMA_VERSION } from '../src/conversation/schema'
import { appendInbound } from '../src/conversation/transcript'

describe('conversation schema migrations', () => {
  it('upgrades a version-1 conversation without losing its transcript or timers', async () => {
    const stub = env.CONVERSATION.getByName('schema:upgrade')
    await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql
      // A never-written object has no tables at all (reads create nothing); start from the current layout.
      migrate(sql)
      // Rebuild the version-1 layout by hand, with data in it.
      for (const table of ['messages', 'timers', 'receipts', 'notifications', 'sla_events'])
        sql.exec(`DROP TABLE IF EXISTS ${table}`)
      sql.exec(`CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, external_id TEXT UNIQUE,
        kind TEXT NOT NULL, direction TEXT NOT NULL, author TEXT NOT NULL, agent TEXT, text TEXT NOT NULL DEFAULT '',
        buttons TEXT, attachments TEXT, template TEXT, platform_id TEXT, ref_seq INTEGER, status TEXT NOT NULL,
        error TEXT, attempts INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL, sent_at INTEGER, edited_at INTEGER, raw TEXT)`)
      sql.exec('CREATE INDEX messages_outbox ON messages (status, seq)')
      sql.exec(`CREATE TABLE timers (id TEXT PRIMARY KEY, kind TEXT NOT NULL, due_at INTEGER NOT NULL, payload TEXT,
        attempts INTEGER NOT NULL DEFAULT 0)`)
      sql.exec(`INSERT INTO messages (external_id, kind, direction, author, text, status, at)
        VALUES ('update:1', 'message', 'in', 'customer', 'hello', 'received', 1), (NULL, 'message', 'out', 'bot', 'hi!', 'queued', 2)`)
      sql.exec("INSERT INTO timers (id, kind, due_at) VALUES ('outbox', 'outbox', 5)")
      sql.exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'")

      migrate(sql)

      expect(sql.exec("SELECT value FROM meta WHERE key = 'schema_version'").one().value).toBe(
        String(SCHEMA_VERSION)
      )
      expect(
        sql
          .exec('SELECT seq, external_id, text, status, delivery FROM messages ORDER BY seq')
          .toArray()
      ).toEqual([
        { seq: 1, external_id: 'update:1', text: 'hello', status: 'received', delivery: null },
        { seq: 2, external_id: null, text: 'hi!', status: 'queued', delivery: null },
      ])
      expect(sql.exec('SELECT id, due_at FROM timers').toArray()).toEqual([
        { id: 'outbox', due_at: 5 },
      ])
      // Dedupe still holds after the rebuild (by the transcript's own lookup, no unique index), and rows without an external id don't collide.
      const redelivered = {
        type: 'message',
        channel: 'telegram',
        conversationKey: 'telegram:1',
        externalId: 'update:1',
        sender: { id: '1', isBot: false },
        sentAt: 3,
        text: 'hello',
        attachments: [],
        raw: null,
      } as const
      expect(appendInbound(sql, { ...redelivered, attachments: [] }, 3)).toBeNull()
      expect(
        appendInbound(sql, { ...redelivered, externalId: 'update:2', attachments: [] }, 3)
      ).toBe(3)
      expect(
        sql
          .exec(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'messages_external'"
          )
          .toArray()
      ).toEqual([])
      sql.exec(
        "INSERT INTO messages (kind, direction, author, status, at) VALUES ('message', 'out', 'bot', 'queued', 4)"
      )
      migrate(sql) // idempotent
    })
  })
})

describe('replies an older version queued', () => {
  it('get the outbox timer that holds queued rows, so they are still sent', async () => {
    await runInDurableObject(env.CONVERSATION.getByName('schema:queued'), (_i, state) => {
      const sql = state.storage.sql
      migrate(sql)
      sql.exec(
        "INSERT INTO messages (seq, kind, direction, author, text, status, at) VALUES (1, 'message', 'in', 'customer', 'hi', 'received', 7), (2, 'message', 'out', 'bot', 'hello', 'queued', 8)"
      )
      sql.exec("UPDATE meta SET value = ? WHERE key = 'schema_version'", String(SCHEMA_VERSION - 1))
      migrate(sql)
      expect(sql.exec('SELECT id, kind, due_at FROM timers').toArray()).toEqual([
        { id: 'outbox', kind: 'outbox', due_at: 8 },
      ])
    })
  })

  it('leave an object without queued rows without a timer', async () => {
    await runInDurableObject(env.CONVERSATION.getByName('schema:none-queued'), (_i, state) => {
      const sql = state.storage.sql
      migrate(sql)
      sql.exec("UPDATE meta SET value = ? WHERE key = 'schema_version'", String(SCHEMA_VERSION - 1))
      migrate(sql)
      expect(sql.exec('SELECT id FROM timers').toArray()).toEqual([])
    })
  })
})

/** Every table and index as SQLite describes it, with the rename and IF NOT EXISTS forms normalised. */
const describeSchema = (sql: SqlStorage) =>
  sql
    .exec<{ type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_cf_KV' ORDER BY type, name"
    )
    .toArray()
    .map((r) => ({
      type: r.type,
      name: r.name,
      sql: (r.sql ?? '')
        .replace(/IF NOT EXISTS /g, '')
        .replace(/CREATE (TABLE|INDEX|UNIQUE INDEX) "?(\w+)"?/, 'CREATE $1 $2')
        .replace(/\s+/g, ' ')
        .replace(/\( /g, '(')
        .replace(/ \)/g, ')'),
      columns: r.type === 'table' ? sql.exec(`PRAGMA table_info(${r.name})`).toArray() : [],
    }))

describe('a new conversation object', () => {
  it('gets at once the schema the migration chain builds, optional tables on first use', async () => {
    const fresh = await runInDurableObject(
      env.CONVERSATION.getByName('schema:fresh'),
      (_i, state) => {
        const sql = state.storage.sql
        migrate(sql)
        const optional = ['receipts', 'notes', 'notifications'] as const
        // Nothing optional exists before its first write, and reads of it find nothing.
        expect(optional.map((name) => hasTable(sql, name))).toEqual([false, false, false])
        expect(listNotes(sql)).toEqual([])
        for (const name of optional) ensureTable(sql, name)
        ensureTable(sql, 'notes') // idempotent
        return {
          schema: describeSchema(state.storage.sql),
          version: state.storage.sql
            .exec("SELECT value FROM meta WHERE key = 'schema_version'")
            .one().value,
        }
      }
    )
    const replayed = await runInDurableObject(
      env.CONVERSATION.getByName('schema:replayed'),
      (_i, state) => {
        migrate(state.storage.sql, { replay: true })
        return describeSchema(state.storage.sql)
      }
    )
    expect(fresh.version).toBe(String(SCHEMA_VERSION))
    expect(fresh.schema.find((t) => t.name === 'meta')?.sql).toContain('WITHOUT ROWID')
    expect(fresh.schema.map((t) => t.name)).toEqual(replayed.map((t) => t.name))
    expect(fresh.schema).toEqual(replayed)
  })
})

/** The SQL storage with every statement's billed rows written added up. */
const counting = (sql: SqlStorage) => {
  const tally = { rowsWritten: 0 }
  const proxy = new Proxy(sql, {
    get(target, prop) {
      if (prop !== 'exec') return Reflect.get(target, prop) as unknown
      return (query: string, ...bindings: unknown[]) => {
        const cursor = target.exec(query, ...bindings)
        const rows = cursor.toArray()
        tally.rowsWritten += cursor.rowsWritten
        return { toArray: () => rows, one: () => rows[0] }
      }
    },
  })
  return { sql: proxy, tally }
}

describe('the schema of a new conversation', () => {
  it('costs seven billed rows: three tables and the version, each CREATE run on its own', async () => {
    const rows = await runInDurableObject(
      env.CONVERSATION.getByName('schema:cost'),
      (_i, state) => {
        const { sql, tally } = counting(state.storage.sql)
        migrate(sql)
        return tally.rowsWritten
      }
    )
    expect(rows).toBe(7)
  })
})
