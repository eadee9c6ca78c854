// `npm run soak [-- --minutes N]`: mixed traffic against the engine running locally, then a tally.
//
// Starts `wrangler dev` on a free port with a throwaway --persist-to directory and its own env file
// (so .dev.vars is left alone), with TELEGRAM_API_BASE pointing at a local Bot API stand-in that
// answers with random faults (500, 429 retry_after 1, connection resets, a rare 400). Web chat and
// Telegram customers write, and platforms redeliver (duplicates). After the traffic the outbox is
// given a bounded time to drain, then every conversation is read back through the admin API.
// Beside them an abusive web chat client (60 sessions from one address, one session sending flat
// out, 12 sockets on it) must be throttled: sessions and messages refused with 429, sockets cut to 4.
//
// Exit 1 when a message acknowledged with 2xx was not stored (lost), a message was stored twice,
// the stand-in accepted a reply more often than the engine recorded it as sent (doubled), or the
// abusive client was not throttled.
// The whole run, start-up included, stays within --minutes (default 10).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

// ---- options ----

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback
}
const minutes = Number(option('minutes', '10'))
if (!(minutes > 0 && minutes <= 60)) {
  console.error(
    'usage: npm run soak -- [--minutes N] [--concurrency N] [--seed N] [--keep]  (0 < N <= 60)'
  )
  process.exit(2)
}
const concurrency = Math.max(1, Number(option('concurrency', '6')))
const keep = args.includes('--keep')
let seed = Number(option('seed', String(Date.now() % 1_000_000)))
const initialSeed = seed

/** Deterministic PRNG (mulberry32): a seed gives the same mix of traffic and faults. */
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (list) => list[Math.floor(random() * list.length)]

const started = Date.now()
const deadline = started + minutes * 60_000
const drainBudget = Math.min(120_000, Math.max(20_000, minutes * 60_000 * 0.25))
const trafficEnd = deadline - drainBudget
const log = (...parts) =>
  console.log(`[soak +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts)

// ---- the Telegram Bot API stand-in ----

const FAULTS = { server: 0.06, rateLimited: 0.06, reset: 0.04, rejected: 0.01 }
/** `${chat_id}\u0000${text}` -> how many times the stand-in accepted it. */
const delivered = new Map()
const standIn = { calls: 0, ok: 0, server: 0, rateLimited: 0, reset: 0, rejected: 0 }
let messageId = 0

const readBody = (req) =>
  new Promise((done, fail) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })

const telegramApi = createServer(async (req, res) => {
  const body = await readBody(req).catch(() => '')
  const method = (req.url ?? '').split('/').pop()
  const reply = (status, payload) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(payload))
  }
  if (method !== 'sendMessage') return reply(200, { ok: true, result: true })
  standIn.calls++
  let r = random()
  for (const [fault, p] of Object.entries(FAULTS)) {
    if (r < p) {
      standIn[fault]++
      if (fault === 'reset') return req.socket.destroy()
      if (fault === 'server')
        return reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' })
      if (fault === 'rateLimited') {
        return reply(429, {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        })
      }
      return reply(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' })
    }
    r -= p
  }
  let payload
  try {
    payload = JSON.parse(body)
  } catch {
    return reply(400, { ok: false, error_code: 400, description: 'Bad Request: not JSON' })
  }
  standIn.ok++
  const key = `${payload.chat_id}\u0000${payload.text}`
  delivered.set(key, (delivered.get(key) ?? 0) + 1)
  reply(200, {
    ok: true,
    result: {
      message_id: ++messageId,
      chat: { id: payload.chat_id },
      date: Math.floor(Date.now() / 1000),
      text: payload.text,
    },
  })
})

const listen = (server) =>
  new Promise((done) => server.listen(0, '127.0.0.1', () => done(server.address().port)))

const freePort = async () => {
  const probe = createServer()
  const port = await listen(probe)
  await new Promise((done) => probe.close(done))
  return port
}

// ---- the engine under wrangler dev ----

const work = mkdtempSync(join(tmpdir(), 'soak-'))
const persist = join(work, 'state')
const envFile = join(work, 'soak.env')
const devLog = join(work, 'wrangler.log')
const ADMIN_TOKEN = randomBytes(24).toString('hex')
const TELEGRAM_SECRET = randomBytes(16).toString('hex')
const BOT_TOKEN = `424242:${randomBytes(12).toString('hex')}`
const bin = resolve('node_modules/.bin')
const childEnv = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  CI: '1',
  WRANGLER_SEND_METRICS: 'false',
}
/** Process group ids of the children this script started (each child leads its own group). */
const groups = new Set()

/** Runs `npx wrangler ...` in its own process group, so stopping it stops its workerd too. */
const wrangler = (wranglerArgs, out) => {
  const child = spawn('npx', ['wrangler', ...wranglerArgs], {
    env: childEnv,
    detached: true,
    stdio: ['ignore', out, out],
  })
  groups.add(child.pid)
  return child
}

/** Sends a signal to one of our process groups; false when the group is gone. */
const signalGroup = (pgid, signal) => {
  try {
    process.kill(-pgid, signal)
    return true
  } catch {
    return false
  }
}

const exited = (child) =>
  new Promise((done) =>
    child.exitCode !== null || child.signalCode !== null
      ? done(child.exitCode)
      : child.on('exit', (code) => done(code))
  )

/** Stops the process groups this script started (wrangler, workerd), then removes the work dir. */
const cleanup = async () => {
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM')
  for (let i = 0; i < 50 && [...groups].some((pgid) => signalGroup(pgid, 0)); i++) await sleep(100)
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL')
  telegramApi.close()
  if (!keep) rmSync(work, { recursive: true, force: true })
}
process.on('SIGINT', async () => {
  await cleanup()
  process.exit(130)
})

const startEngine = async (apiPort) => {
  const out = createWriteStream(devLog)
  await new Promise((done) => out.on('open', done))
  const migrate = wrangler(
    ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist],
    out
  )
  const migrated = await exited(migrate)
  if (!signalGroup(migrate.pid, 0)) groups.delete(migrate.pid) // never signal a reused id later
  if (migrated !== 0) throw new Error(`migrations failed, see ${devLog}`)
  writeFileSync(
    envFile,
    [
      `ADMIN_TOKEN=${ADMIN_TOKEN}`,
      `WEBCHAT_SECRET=${randomBytes(32).toString('hex')}`,
      `TELEGRAM_BOT_TOKEN=${BOT_TOKEN}`,
      `TELEGRAM_WEBHOOK_SECRET=${TELEGRAM_SECRET}`,
      `TELEGRAM_API_BASE=http://127.0.0.1:${apiPort}`,
      'SHOP_NAME=Soak Shop',
      '',
    ].join('\n'),
    { mode: 0o600 }
  )
  const port = await freePort()
  const dev = wrangler(
    [
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      persist,
      '--env-file',
      envFile,
      '--show-interactive-dev-session=false',
    ],
    out
  )
  const base = `http://127.0.0.1:${port}`
  const ready = Math.min(deadline - drainBudget, Date.now() + 90_000)
  while (Date.now() < ready) {
    if (dev.exitCode !== null) break
    const health = await fetch(`${base}/healthz`).catch(() => null)
    if (health?.ok) {
      const body = await health.json()
      if (body.channels?.telegram !== 'enabled' || body.channels?.webchat !== 'enabled') {
        throw new Error(`channels not enabled: ${JSON.stringify(body.channels)}`)
      }
      return base
    }
    await sleep(500)
  }
  throw new Error(`wrangler dev did not come up, see ${devLog}`)
}

// ---- traffic ----

const TEXTS = [
  'hello',
  'Where is my order?',
  'I want to return this',
  'Do you ship to Canada?',
  'thanks',
  'The parcel is late',
  '你好',
  '我的订单到哪了',
  'can I talk to a person',
  'Is the blue one in stock?',
  '2',
  'ok',
]

const stats = {
  sent: 0,
  duplicates: 0,
  acked: 0,
  refused: 0,
  retried: 0,
  throttled: 0,
  ingressErrors: {},
}
/** The abusive web chat client running alongside (one address, one session hammering). */
const abuse = {
  sessions: 0,
  sessionsRefused: 0,
  messages: 0,
  messagesRefused: 0,
  stored: 0,
  sockets: 0,
  socketsEvicted: 0,
}
// Legitimate web chat customers write like people: at most one message every 4 s each.
const WEBCHAT_GAP_MS = 4000
let webchatCustomers = 0
/** key -> { channel, chatId?, token?, acked: Set(text), tried: Set(text), deliveries: [] } */
const customers = new Map()
let updateId = 1_000_000
let seq = 0

const addTelegramCustomer = () => {
  const chatId = 700_000_000 + customers.size
  const key = `telegram:${chatId}`
  customers.set(key, {
    key,
    channel: 'telegram',
    chatId,
    acked: new Set(),
    tried: new Set(),
    deliveries: [],
  })
}

const addWebchatCustomer = async (base) => {
  // Each customer from an address of their own (wrangler dev takes the header as given).
  const n = ++webchatCustomers
  const address = `198.18.${n >> 8}.${n & 255}`
  const res = await fetch(`${base}/chat/session`, {
    method: 'POST',
    headers: { 'CF-Connecting-IP': address },
  })
  if (!res.ok) throw new Error(`POST /chat/session: ${res.status}`)
  const { token, sessionId } = await res.json()
  const key = `webchat:${sessionId}`
  customers.set(key, {
    key,
    channel: 'webchat',
    token,
    nextAt: 0,
    acked: new Set(),
    tried: new Set(),
    deliveries: [],
  })
}

/** One delivery, redelivered like a platform on 5xx or a network error (3 tries). */
const deliver = async (base, customer, delivery) => {
  customer.tried.add(delivery.text)
  let throttles = 0
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) stats.retried++
    const headers =
      customer.channel === 'telegram'
        ? { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET }
        : { 'content-type': 'application/json', Authorization: `Bearer ${customer.token}` }
    const res = await fetch(`${base}/webhooks/${customer.channel}`, {
      method: 'POST',
      headers,
      body: delivery.body,
      signal: AbortSignal.timeout(30_000),
    }).catch((err) => ({ ok: false, status: `network ${err.name}` }))
    if (res.ok) {
      customer.acked.add(delivery.text)
      stats.acked++
      await res.body?.cancel()
      return
    }
    if (res.status === 429 && throttles++ < 10) {
      // Over the conversation's budget: the page keeps the message and sends it after the wait.
      stats.throttled++
      await res.body?.cancel?.()
      await sleep(Math.min(5, Number(res.headers.get('retry-after')) || 1) * 1000)
      attempt--
      continue
    }
    stats.ingressErrors[res.status] = (stats.ingressErrors[res.status] ?? 0) + 1
    await res.body?.cancel?.()
    if (typeof res.status === 'number' && res.status < 500) break
    await sleep(200 * (attempt + 1))
  }
  stats.refused++
}

const newDelivery = (customer) => {
  const text = `${pick(TEXTS)} · m${++seq}`
  const body =
    customer.channel === 'telegram'
      ? JSON.stringify({
          update_id: ++updateId,
          message: {
            message_id: updateId,
            from: {
              id: customer.chatId,
              is_bot: false,
              first_name: 'Soak',
              language_code: pick(['en', 'zh-hans']),
            },
            chat: { id: customer.chatId, first_name: 'Soak', type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text,
          },
        })
      : JSON.stringify({ id: `soak-${seq}-${randomBytes(3).toString('hex')}`, text })
  return { text, body }
}

const traffic = async (base) => {
  for (let i = 0; i < 40; i++) addTelegramCustomer()
  for (let i = 0; i < 20; i++) await addWebchatCustomer(base)
  const keys = () => [...customers.keys()]
  const worker = async () => {
    while (Date.now() < trafficEnd) {
      if (random() < 0.01) {
        if (random() < 0.5) addTelegramCustomer()
        else await addWebchatCustomer(base).catch(() => undefined)
      }
      const customer = customers.get(pick(keys()))
      if (customer.channel === 'webchat') {
        if (Date.now() < customer.nextAt) {
          await sleep(5)
          continue
        }
        customer.nextAt = Date.now() + WEBCHAT_GAP_MS
      }
      // Platforms redeliver: 15% of deliveries repeat an earlier one byte for byte.
      const again = customer.deliveries.length > 0 && random() < 0.15
      const delivery = again ? pick(customer.deliveries) : newDelivery(customer)
      if (again) stats.duplicates++
      else {
        stats.sent++
        customer.deliveries.push(delivery)
      }
      await deliver(base, customer, delivery)
      await sleep(Math.floor(random() * 60))
    }
  }
  let last = 0
  const progress = setInterval(() => {
    const acks = stats.acked - last
    last = stats.acked
    log(`traffic: ${stats.sent} messages, ${stats.duplicates} duplicates, ${acks} acks in 10 s`)
    log(`stand-in: ${JSON.stringify(standIn)}`)
  }, 10_000)
  await Promise.all([...Array.from({ length: concurrency }, worker), abuser(base)])
  clearInterval(progress)
}

/**
 * An abusive client beside the real ones: a burst of sessions from one address, one session
 * sending as fast as it can, and a pile of sockets on that session. It must be throttled while
 * every legitimate message is still stored and answered exactly once.
 */
const abuser = async (base) => {
  const from = { 'CF-Connecting-IP': '203.0.113.66' }
  let token = null
  let sessionId = null
  for (let i = 0; i < 60; i++) {
    const res = await fetch(`${base}/chat/session`, { method: 'POST', headers: from })
    if (res.status === 201) {
      abuse.sessions++
      const body = await res.json()
      token ??= body.token
      sessionId ??= body.sessionId
    } else {
      abuse.sessionsRefused++
      await res.body?.cancel()
    }
  }
  if (!token) return
  abuse.key = `webchat:${sessionId}`
  const sockets = []
  for (let i = 0; i < 12 && typeof WebSocket === 'function'; i++) {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/chat/ws`, [
      'webchat',
      `token.${token}`,
    ])
    ws.addEventListener('open', () => abuse.sockets++)
    ws.addEventListener('close', (e) => {
      if (e.code === 4008) abuse.socketsEvicted++
    })
    sockets.push(ws)
  }
  const until = Math.min(trafficEnd, Date.now() + 60_000)
  for (let i = 0; Date.now() < until && i < 400; i++) {
    const res = await fetch(`${base}/webhooks/webchat`, {
      method: 'POST',
      headers: { ...from, 'content-type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: `abuse-${String(i).padStart(6, '0')}`, text: `spam ${i}` }),
    }).catch(() => null)
    if (!res) continue
    if (res.ok) abuse.messages++
    else if (res.status === 429) abuse.messagesRefused++
    await res.body?.cancel?.()
  }
  await sleep(1000)
  for (const ws of sockets) ws.close()
}

// ---- read back ----

const transcript = async (base, key) => {
  const messages = []
  let before
  for (let page = 0; page < 1000; page++) {
    const query = new URLSearchParams({
      limit: '200',
      ...(before ? { before: String(before) } : {}),
    })
    const res = await fetch(`${base}/api/v1/conversations/${encodeURIComponent(key)}?${query}`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    if (res.status === 404) return messages
    if (!res.ok) throw new Error(`GET conversation ${key}: ${res.status} ${await res.text()}`)
    const view = await res.json()
    messages.unshift(...view.messages)
    if (view.nextBefore === null) return messages
    before = view.nextBefore
  }
  return messages
}

const hasQueued = (messages) => messages.some((m) => m.direction === 'out' && m.status === 'queued')

const drain = async (base) => {
  let open = [...customers.keys()]
  while (open.length > 0 && Date.now() < deadline) {
    const still = []
    for (const key of open) if (hasQueued(await transcript(base, key))) still.push(key)
    open = still
    if (open.length > 0) {
      log(`draining: ${open.length} conversations still have queued replies`)
      await sleep(2_000)
    }
  }
  return open.length
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const tally = async (base) => {
  const totals = {
    in: 0,
    stored: 0,
    lost: 0,
    storedTwice: 0,
    answered: 0,
    sent: 0,
    failed: 0,
    pending: 0,
    doubled: 0,
    unconfirmed: 0,
  }
  const lostExamples = []
  const doubledExamples = []
  for (const customer of customers.values()) {
    const messages = await transcript(base, customer.key)
    const inbound = messages.filter((m) => m.direction === 'in')
    totals.in += customer.acked.size
    totals.stored += inbound.length
    const storedTexts = new Map()
    for (const m of inbound) storedTexts.set(m.text, (storedTexts.get(m.text) ?? 0) + 1)
    for (const text of customer.acked) {
      if (!storedTexts.has(text)) {
        totals.lost++
        if (lostExamples.length < 5) lostExamples.push(`${customer.key}: ${text}`)
      }
    }
    for (const n of storedTexts.values()) totals.storedTwice += n - 1
    let waiting = false
    for (const m of messages) {
      if (m.direction === 'in') waiting = true
      else if (waiting) {
        totals.answered++
        waiting = false
      }
    }
    const out = messages.filter((m) => m.direction === 'out')
    totals.sent += out.filter((m) => m.status === 'sent').length
    totals.failed += out.filter((m) => m.status === 'failed').length
    totals.pending += out.filter((m) => m.status === 'queued').length
    if (customer.channel !== 'telegram') continue
    const sentRows = new Map()
    for (const m of out.filter((m) => m.status === 'sent')) {
      const key = `${customer.chatId}\u0000${escapeHtml(m.text)}`
      sentRows.set(key, (sentRows.get(key) ?? 0) + 1)
    }
    const keys = new Set([
      ...sentRows.keys(),
      ...[...delivered.keys()].filter((k) => k.startsWith(`${customer.chatId}\u0000`)),
    ])
    for (const key of keys) {
      const seen = delivered.get(key) ?? 0
      const rows = sentRows.get(key) ?? 0
      if (seen > rows) {
        totals.doubled += seen - rows
        if (doubledExamples.length < 5)
          doubledExamples.push(`${key.replace('\u0000', ': ')} x${seen} (${rows} sent rows)`)
      }
      if (rows > seen) totals.unconfirmed += rows - seen
    }
  }
  return { totals, lostExamples, doubledExamples }
}

// ---- main ----

const secondsFrom = (from, to = Date.now()) => ((to - from) / 1000).toFixed(0)

/** One line of the summary: label, number, explanation. */
const row = (label, value, note = '') =>
  console.log(`  ${label.padEnd(14)} ${String(value).padEnd(6)} ${note}`)

const main = async () => {
  const apiPort = await listen(telegramApi)
  log(`Bot API stand-in on 127.0.0.1:${apiPort}; work dir ${work}; seed ${initialSeed}`)
  const base = await startEngine(apiPort)
  log(`engine up at ${base}; traffic until +${secondsFrom(started, trafficEnd)}s`)
  await traffic(base)
  log(`traffic done; draining for at most ${secondsFrom(Date.now(), deadline)}s`)
  const undrained = await drain(base)
  const { totals, lostExamples, doubledExamples } = await tally(base)
  if (abuse.key)
    abuse.stored = (await transcript(base, abuse.key)).filter((m) => m.direction === 'in').length
  const errors = JSON.stringify(stats.ingressErrors)
  console.log('')
  console.log(`soak: ${minutes} min budget, ${secondsFrom(started)}s, seed ${initialSeed}`)
  row('conversations', customers.size, `(concurrency ${concurrency})`)
  row('deliveries', stats.sent + stats.duplicates, `(${stats.duplicates} platform duplicates)`)
  row(
    'redelivered',
    stats.retried,
    `(after a 5xx or network error; refused ${stats.refused} ${errors})`
  )
  row('messages in', totals.in, '(distinct messages acknowledged with 2xx)')
  row('stored', totals.stored, `(inbound rows; stored twice ${totals.storedTwice})`)
  row('lost', totals.lost, '(acknowledged but not stored)')
  row('answered', totals.answered, '(inbound messages followed by a reply)')
  row('sent', totals.sent, '(outbound rows sent)')
  row('failed', totals.failed, "(outbound rows failed for good: the stand-in's 400s)")
  row('pending', totals.pending, `(still queued when the drain bound ran out: ${undrained} chats)`)
  row('doubled', totals.doubled, `(stand-in took a reply more often than rows were sent)`)
  row('unconfirmed', totals.unconfirmed, '(sent rows the stand-in never took)')
  row('throttled', stats.throttled, '(legitimate web chat sends told to wait, then sent)')
  row(
    'abuse sessions',
    abuse.sessions,
    `(refused ${abuse.sessionsRefused}: one address, 60 at once)`
  )
  row(
    'abuse messages',
    abuse.messages,
    `(refused ${abuse.messagesRefused} with 429; stored ${abuse.stored})`
  )
  row(
    'abuse sockets',
    abuse.sockets,
    `(opened; ${abuse.socketsEvicted} closed by the server, which keeps at most 4)`
  )
  console.log(`  stand-in       ${JSON.stringify(standIn)}`)
  for (const line of lostExamples) console.log(`  lost: ${line}`)
  for (const line of doubledExamples) console.log(`  doubled: ${line}`)
  const abuseHeld =
    abuse.sessionsRefused > 0 &&
    abuse.messagesRefused > 0 &&
    abuse.stored <= abuse.messages &&
    abuse.sockets - abuse.socketsEvicted <= 4
  if (!abuseHeld) console.log('  the abusive client was not throttled')
  const ok = totals.lost === 0 && totals.doubled === 0 && totals.storedTwice === 0 && abuseHeld
  console.log(ok ? 'soak: OK' : 'soak: FAILED')
  return ok ? 0 : 1
}

let code = 1
try {
  code = await main()
} catch (err) {
  console.error(`soak: ${err instanceof Error ? err.message : String(err)}`)
  try {
    console.error(readFileSync(devLog, 'utf8').split('\n').slice(-30).join('\n'))
  } catch {
    // no log yet
  }
}
await cleanup()
process.exit(code)
