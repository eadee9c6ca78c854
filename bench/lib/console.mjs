// The console's read path: the inbox page rendered from D1 with 1,000 conversations in the index,
// measured serially against /healthz on the same worker, plus the console's client bytes.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { cpuMs } from './runtime.mjs'
import { round, summarize } from './stats.mjs'

const CHANNELS = ['telegram', 'whatsapp', 'webchat', 'line', 'wechat']

/** Inserts `count` index rows: a mix of bot-handled, waiting, assigned, escalated and resolved. */
export const seedIndex = async (db, count, now) => {
  const rows = []
  for (let i = 0; i < count; i++) {
    const waiting = i % 4 === 1
    const assigned = i % 4 === 2
    const resolved = i % 10 === 9
    rows.push(
      db
        .prepare(
          `INSERT INTO conversations (key, channel, status, owner, level, stage, intent, locale, customer_name, agent,
             last_message, last_message_at, failed_messages, next_due_at, breaches, created_at, updated_at, waiting_since, search_text)
           VALUES (?1, ?2, ?3, ?4, ?5, 'intake', 'order', 'zh-CN', ?6, ?7, ?8, ?9, 0, ?10, 0, ?9, ?9, ?11, ?12)`
        )
        .bind(
          `${CHANNELS[i % CHANNELS.length]}:${100000 + i}`,
          CHANNELS[i % CHANNELS.length],
          resolved ? 'resolved' : 'open',
          waiting || assigned ? 'human' : 'bot',
          i % 25 === 0 ? 1 : 0,
          `客户${i}`,
          assigned ? 'Mia' : null,
          `我的订单 2026112300${String(i).padStart(4, '0')} 什么时候发货？`,
          now - i * 60_000,
          waiting || assigned ? now + ((i * 37) % 3600) * 1000 : null,
          waiting ? now - i * 1000 : null,
          `客户${i}\n2026112300${String(i).padStart(4, '0')}\n1380000${String(i).padStart(4, '0')}`
        )
    )
  }
  for (let i = 0; i < rows.length; i += 100) await db.batch(rows.slice(i, i + 100))
}

const timeSerial = async (worker, path, headers, n) => {
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
  return { ...summarize(wall), workerdCpuMsPerRequest: cpuBefore === null || cpuAfter === null ? null : round((cpuAfter - cpuBefore) / n, 2) }
}

/** Runs the console scenario on a fresh real worker; `adminToken` signs in as the owner. */
export const consoleRun = async (worker, { adminToken, conversations = 1000, requests = 200, root }) => {
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
  const script = await readFile(join(root, 'public/console/console.js'))
  const css = await readFile(join(root, 'public/console/console.css'))
  return {
    conversations,
    requests,
    baseline,
    inbox,
    search,
    rows,
    inboxOverBaseline: round(inbox.p50 / baseline.p50, 2),
    clientBytes: { script: script.length, scriptGzip: gzipSync(script, { level: 9 }).length, css: css.length, cssGzip: gzipSync(css, { level: 9 }).length },
  }
}
