/**
 * Bench-only entry: the real Worker (src/index.ts) with counters around every billable operation.
 * Nothing in src/ changes; this module wraps the bindings and the Durable Object classes:
 *
 * - Worker requests: every fetch into this entry (except the bench routes below).
 * - Durable Object calls made by the Worker: every method called on a CONVERSATION / SYNC stub.
 * - Durable Object requests (billed): every entry point the runtime invokes on an object
 *   (RPC methods, fetch, alarm), counted inside the object, plus their wall time.
 * - SQLite: every `ctx.storage.sql.exec`, with `rowsRead` / `rowsWritten` read from its cursor
 *   once the entry point finished; alarm API calls (set/get/delete) counted on the storage.
 * - KV: every method called on CONFIG (by name). D1: every statement run, with `meta.rows_read`
 *   / `meta.rows_written`. Subrequests: every call of the global `fetch`.
 *
 * `GET /__bench/counters` returns the totals; `POST /__bench/reset` zeroes them. The Worker and its
 * objects share one isolate under workerd, so one module-level record sees both sides.
 */
import app, {
  Conversation as RealConversation,
  InboxHub as RealInboxHub,
  SyncCursor as RealSyncCursor,
} from '../../src/index'

type Tally = Record<string, number>

const fresh = () => ({
  workerRequests: 0,
  workerRequestsByRoute: {} as Tally,
  doCallsFromWorker: 0,
  doCallsFromWorkerByMethod: {} as Tally,
  doCallsFromObjects: 0,
  doCallsFromObjectsByMethod: {} as Tally,
  doRequests: 0,
  doRequestsByEntry: {} as Tally,
  doConstructed: 0,
  doWallMs: 0,
  sqlExec: 0,
  sqlRowsRead: 0,
  sqlRowsWritten: 0,
  /** Per statement (whitespace-collapsed, first 90 chars): executions, rows read, rows written. */
  sqlByStatement: {} as Record<string, { execs: number; rowsRead: number; rowsWritten: number }>,
  storageOps: {} as Tally,
  kvOps: {} as Tally,
  d1Queries: 0,
  d1RowsRead: 0,
  d1RowsWritten: 0,
  /** Of those, rows of the report rollups (case_facts, order_facts). */
  d1ReportRowsWritten: 0,
  subrequests: 0,
  subrequestsByHost: {} as Tally,
  startedAt: Date.now(),
})

let counters = fresh()

const bump = (t: Tally, key: string, by = 1) => {
  t[key] = (t[key] ?? 0) + by
}

// ---- SQLite: cursors are settled (rows read/written summed) when an entry point finishes ----
let pending: { cursor: { rowsRead: number; rowsWritten: number }; key: string }[] = []

const statementKey = (query: string) => query.replace(/\s+/g, ' ').trim().slice(0, 90)

const settle = () => {
  for (const { cursor, key } of pending) {
    const read = cursor.rowsRead
    const written = cursor.rowsWritten
    counters.sqlRowsRead += read
    counters.sqlRowsWritten += written
    const row = (counters.sqlByStatement[key] ??= { execs: 0, rowsRead: 0, rowsWritten: 0 })
    row.execs++
    row.rowsRead += read
    row.rowsWritten += written
  }
  pending = []
}

let storagePatched = false
const instrumentStorage = (ctx: DurableObjectState) => {
  if (storagePatched) return
  storagePatched = true
  const sqlProto = Object.getPrototypeOf(ctx.storage.sql)
  const exec = sqlProto.exec as SqlStorage['exec']
  sqlProto.exec = function (this: SqlStorage, query: string, ...bindings: unknown[]) {
    const cursor = exec.call(this, query, ...(bindings as never[]))
    counters.sqlExec++
    pending.push({ cursor, key: statementKey(query) })
    return cursor
  }
  const storageProto = Object.getPrototypeOf(ctx.storage)
  for (const name of [
    'setAlarm',
    'getAlarm',
    'deleteAlarm',
    'get',
    'put',
    'delete',
    'list',
  ] as const) {
    const original = storageProto[name] as (...args: unknown[]) => unknown
    if (typeof original !== 'function') continue
    storageProto[name] = function (this: unknown, ...args: unknown[]) {
      bump(counters.storageOps, name)
      return original.apply(this, args)
    }
  }
}

// ---- subrequests: the adapters call the global fetch at call time ----
const realFetch = globalThis.fetch
globalThis.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
  counters.subrequests++
  try {
    const url = new URL(input instanceof Request ? input.url : String(input))
    bump(counters.subrequestsByHost, url.host)
  } catch {
    bump(counters.subrequestsByHost, '?')
  }
  return realFetch.call(globalThis, input, init)
} as typeof fetch

// ---- bindings ----
const countMethods = <T extends object>(target: T, tally: () => Tally): T =>
  new Proxy(target, {
    get(t, p) {
      const v = Reflect.get(t, p)
      if (typeof v !== 'function') return v
      return (...args: unknown[]) => {
        bump(tally(), String(p))
        return (v as (...a: unknown[]) => unknown).apply(t, args)
      }
    },
  })

const unwrap = new WeakMap<object, D1PreparedStatement>()
const queryOf = new WeakMap<object, string>()
const REPORT_TABLES = /\b(case_facts|order_facts)\b/
const countWritten = (query: string | undefined, written: number) => {
  counters.d1RowsWritten += written
  if (query && REPORT_TABLES.test(query)) counters.d1ReportRowsWritten += written
}
const countStatement = (stmt: D1PreparedStatement, query: string): D1PreparedStatement => {
  const proxy = new Proxy(stmt, {
    get(t, p) {
      if (p === 'bind') return (...args: unknown[]) => countStatement(t.bind(...args), query)
      if (p === 'run' || p === 'all' || p === 'first' || p === 'raw') {
        return async (...args: unknown[]) => {
          counters.d1Queries++
          const result = await (t[p] as (...a: unknown[]) => Promise<unknown>).apply(t, args)
          const meta = (result as { meta?: { rows_read?: number; rows_written?: number } } | null)
            ?.meta
          if (meta) {
            counters.d1RowsRead += meta.rows_read ?? 0
            countWritten(query, meta.rows_written ?? 0)
          }
          return result
        }
      }
      const v = Reflect.get(t, p)
      return typeof v === 'function' ? v.bind(t) : v
    },
  })
  unwrap.set(proxy, stmt)
  queryOf.set(proxy, query)
  return proxy
}

const countD1 = (db: D1Database): D1Database =>
  new Proxy(db, {
    get(t, p) {
      if (p === 'prepare') return (query: string) => countStatement(t.prepare(query), query)
      if (p === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          counters.d1Queries += statements.length
          const results = await t.batch(statements.map((s) => unwrap.get(s) ?? s))
          for (const [i, r] of results.entries()) {
            counters.d1RowsRead += r.meta?.rows_read ?? 0
            countWritten(queryOf.get(statements[i] as object), r.meta?.rows_written ?? 0)
          }
          return results
        }
      }
      if (p === 'exec') {
        return (query: string) => {
          counters.d1Queries++
          return t.exec(query)
        }
      }
      const v = Reflect.get(t, p)
      return typeof v === 'function' ? v.bind(t) : v
    },
  })

// The Worker and the objects share the wrapped env: calls on CONVERSATION and SYNC stubs come
// from the ingress (and the API), calls on the INBOX hub from conversation objects.
type Caller = 'worker' | 'object'

const countStub = <T extends object>(stub: T, caller: Caller): T =>
  new Proxy({} as T, {
    get(_, p) {
      if (p === 'then') return undefined
      const v = Reflect.get(stub, p)
      if (typeof v !== 'function') return v
      return (...args: unknown[]) => {
        if (caller === 'worker') {
          counters.doCallsFromWorker++
          bump(counters.doCallsFromWorkerByMethod, String(p))
        } else {
          counters.doCallsFromObjects++
          bump(counters.doCallsFromObjectsByMethod, String(p))
        }
        return (Reflect.get(stub, p) as (...a: unknown[]) => unknown)(...args)
      }
    },
  })

const countNamespace = <T extends object>(ns: T, caller: Caller = 'worker'): T =>
  new Proxy(ns, {
    get(t, p) {
      const v = Reflect.get(t, p)
      if (typeof v !== 'function') return v
      if (p === 'get' || p === 'getByName')
        return (...args: unknown[]) => countStub(v.apply(t, args), caller)
      return v.bind(t)
    },
  })

const wrapped = new WeakMap<object, Env>()
const wrapEnv = (env: Env): Env => {
  const hit = wrapped.get(env)
  if (hit) return hit
  const out = {
    ...env,
    CONFIG: countMethods(env.CONFIG, () => counters.kvOps),
    DB: countD1(env.DB),
    CONVERSATION: countNamespace(env.CONVERSATION),
    SYNC: countNamespace(env.SYNC),
    INBOX: countNamespace(env.INBOX, 'object'),
  } as Env
  wrapped.set(env, out)
  return out
}

// ---- Durable Object classes: count and time every entry point the runtime calls ----
const ENTRY_POINTS = [
  'ingest',
  'view',
  'customerHistory',
  'agentReply',
  'assign',
  'release',
  'escalate',
  'resolve',
  'close',
  'orderEvent',
  'alarm',
  'fetch',
  'webSocketMessage',
  'webSocketClose',
  'pull',
  'note',
  'publish',
  'online',
]

const instrumentClass = (
  Sub: { prototype: object },
  Real: { prototype: object },
  label: string
) => {
  for (const name of ENTRY_POINTS) {
    const original = (Real.prototype as Record<string, unknown>)[name]
    if (typeof original !== 'function') continue
    Object.defineProperty(Sub.prototype, name, {
      configurable: true,
      writable: true,
      value: async function (this: unknown, ...args: unknown[]) {
        counters.doRequests++
        bump(counters.doRequestsByEntry, `${label}.${name}`)
        const started = Date.now()
        try {
          return await (original as (...a: unknown[]) => unknown).apply(this, args)
        } finally {
          counters.doWallMs += Date.now() - started
          settle()
        }
      },
    })
  }
}

export class Conversation extends RealConversation {
  constructor(ctx: DurableObjectState, env: Env) {
    instrumentStorage(ctx)
    counters.doConstructed++
    super(ctx, wrapEnv(env))
  }
}
instrumentClass(Conversation, RealConversation, 'Conversation')

export class SyncCursor extends RealSyncCursor {
  constructor(ctx: DurableObjectState, env: Env) {
    instrumentStorage(ctx)
    counters.doConstructed++
    super(ctx, wrapEnv(env))
  }
}
instrumentClass(SyncCursor, RealSyncCursor, 'SyncCursor')

export class InboxHub extends RealInboxHub {
  constructor(ctx: DurableObjectState, env: Env) {
    instrumentStorage(ctx)
    counters.doConstructed++
    super(ctx, wrapEnv(env))
  }
}
instrumentClass(InboxHub, RealInboxHub, 'InboxHub')

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url)
    if (url.pathname === '/__bench/counters') {
      settle()
      return Response.json({ ...counters, at: Date.now() })
    }
    if (url.pathname === '/__bench/reset' && request.method === 'POST') {
      settle()
      counters = fresh()
      return Response.json({ ok: true })
    }
    counters.workerRequests++
    bump(
      counters.workerRequestsByRoute,
      `${request.method} ${url.pathname.split('/').slice(0, 3).join('/')}`
    )
    return app.fetch(request, wrapEnv(env), ctx)
  },
} satisfies ExportedHandler<Env>
