// The console's read path: the inbox page rendered from D1 with 1,000 conversations in the index,
// measured serially against /healthz on the same worker, plus the console's client bytes.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { cpuMs } from './runtime.mjs'
import { round, summarize } from './stats.mjs'

const CHANNELS = ['telegram', 'whatsapp', 'webchat', 'line', 'wechat']

/**
 * Inserts `count` index rows: a mix of bot-handled, waiting, assigned, escalated and resolved. One
 * statement with a recursive CTE, so 100,000 rows take a second, not minutes of batches.
 */
export const seedIndex = async (db, count, now) => {
  const channels = `CASE i % 5 ${CHANNELS.map((c, k) => `WHEN ${k} THEN '${c}'`).join(' ')} END`
  const pad = `substr('0000' || i, -4)`
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)
       INSERT INTO conversations (key, channel, status, owner, level, stage, intent, locale, customer_name, agent,
         last_message, last_message_at, failed_messages, next_due_at, breaches, created_at, updated_at, waiting_since, search_text)
       SELECT ${channels} || ':' || (100000 + i), ${channels},
         CASE WHEN i % 10 = 9 THEN 'resolved' ELSE 'open' END,
         CASE WHEN i % 4 IN (1, 2) THEN 'human' ELSE 'bot' END,
         CASE WHEN i % 25 = 0 THEN 1 ELSE 0 END,
         'intake', 'order', 'zh-CN', '客户' || i,
         CASE WHEN i % 4 = 2 THEN 'Mia' END,
         '我的订单 2026112300' || ${pad} || ' 什么时候发货？',
         ?2 - i * 60000, 0,
         CASE WHEN i % 4 IN (1, 2) THEN ?2 + ((i * 37) % 3600) * 1000 END,
         0, ?2 - i * 60000, ?2 - i * 60000,
         CASE WHEN i % 4 = 1 THEN ?2 - i * 1000 END,
         '客户' || i || char(10) || '2026112300' || ${pad} || char(10) || '1380000' || ${pad}
       FROM n`
    )
    .bind(count, now)
    .run()
}

/** The instrumented build's D1 counters, or null on a build without them. */
const d1Counters = async (worker) => {
  const res = await fetch(`${worker.url}/__bench/counters`).catch(() => null)
  if (!res?.ok) return null
  const c = await res.json()
  return { queries: c.d1Queries, rowsRead: c.d1RowsRead }
}

const timeSerial = async (worker, path, headers, n) => {
  const d1Before = await d1Counters(worker)
  const cpuBefore = await cpuMs(worker.pid)
  const wall = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const res = await fetch(worker.url + path, { headers })
    const body = await res.text()
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${body.slice(0, 200)}`)
    wall.push(performance.now() - t0)
  }
  const cpuAfter = await cpuMs(worker.pid)
  const d1After = d1Before && (await d1Counters(worker))
  return {
    ...summarize(wall),
    workerdCpuMsPerRequest:
      cpuBefore === null || cpuAfter === null ? null : round((cpuAfter - cpuBefore) / n, 2),
    ...(d1Before && d1After
      ? {
          d1QueriesPerRequest: round((d1After.queries - d1Before.queries) / n, 2),
          d1RowsReadPerRequest: round((d1After.rowsRead - d1Before.rowsRead) / n, 1),
        }
      : {}),
  }
}

/**
 * Runs the console scenario on a fresh worker (the instrumented build, so D1 rows read per page
 * are counted); `adminToken` signs in as the owner.
 */
export const consoleRun = async (
  worker,
  { adminToken, conversations = 1000, requests = 200, root }
) => {
  const db = await worker.mf.getD1Database('DB')
  await seedIndex(db, conversations, Date.now())
  const login = await fetch(`${worker.url}/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'admin', password: adminToken }),
    redirect: 'manual',
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
  if (!cookie) throw new Error(`console sign-in failed: HTTP ${login.status}`)
  const headers = { cookie }
  // Warm the isolate, the KV settings cache and D1's page cache first.
  await timeSerial(worker, '/console', headers, 10)
  const baseline = await timeSerial(worker, '/healthz', {}, requests)
  const inbox = await timeSerial(worker, '/console', headers, requests)
  const search = await timeSerial(worker, '/console?q=0777&status=any', headers, requests)
  const rows = await timeSerial(worker, '/console/rows?tab=unassigned', headers, requests)
  // The API list sorted by recent activity (what integrations and the CSV export page through).
  const api = await timeSerial(
    worker,
    '/api/v1/conversations?status=open&limit=50',
    { authorization: `Bearer ${adminToken}` },
    requests
  )
  const script = await readFile(join(root, 'public/console/console.js'))
  const css = await readFile(join(root, 'public/console/console.css'))
  return {
    conversations,
    requests,
    baseline,
    inbox,
    search,
    rows,
    api,
    inboxOverBaseline: round(inbox.p50 / baseline.p50, 2),
    clientBytes: {
      script: script.length,
      scriptGzip: gzipSync(script, { level: 9 }).length,
      css: css.length,
      cssGzip: gzipSync(css, { level: 9 }).length,
    },
  }
}
