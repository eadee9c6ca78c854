// `npm run bench`: load and cost benchmark of the Telegram path (see bench/README.md).
//
// Builds the Worker and three baselines with esbuild, runs each under workerd through miniflare's
// API on 127.0.0.1, drives them with autocannon (or a paced sender) from a child process, records
// every outbound Bot API call on a local stand-in, counts billable operations with an
// instrumented build, and writes bench/results/<date>.json plus a markdown table.
// Exits non-zero only when the harness itself fails; a missed target is a result, not an error.
import { rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildAll } from './lib/build.mjs'
import { consoleRun } from './lib/console.mjs'
import { liveChildren, runLoad } from './lib/load.mjs'
import { describeMachine, machineCpu } from './lib/machine.mjs'
import { profileWhile } from './lib/profile.mjs'
import { renderMarkdown, updateReadme } from './lib/report.mjs'
import { applyMigrations, cpuMs, rssMb, startWorker } from './lib/runtime.mjs'
import { matchReplies, round, summarize } from './lib/stats.mjs'
import { startTelegramStub } from './lib/stub.mjs'
import { SECRET_HEADER, telegramText } from './lib/telegram.mjs'
import { costPerMillion, PRICES } from './prices.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const env = (name, fallback) =>
  process.env[name] === undefined ? fallback : Number(process.env[name])
const QUICK = process.env.BENCH_QUICK === '1'
// BENCH_ONLY=console,timers runs those steps alone and prints them without touching the saved results.
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : null

/** Every knob, bounded so the whole run stays within about six minutes on two cores. */
const CONFIG = {
  connections: env('BENCH_CONNECTIONS', 10),
  seconds: env('BENCH_SECONDS', QUICK ? 3 : 8),
  manyConversations: env('BENCH_MANY_CONVERSATIONS', 10_000),
  manySeconds: env('BENCH_MANY_SECONDS', QUICK ? 5 : 20),
  pacedRate: env('BENCH_PACED_RATE', 50),
  pacedSeconds: env('BENCH_PACED_SECONDS', QUICK ? 4 : 10),
  profileSeconds: env('BENCH_PROFILE_SECONDS', QUICK ? 2 : 4),
  costConversations: env('BENCH_COST_CONVERSATIONS', QUICK ? 50 : 200),
  costWarmPerConversation: 2,
  timerConversations: env('BENCH_TIMER_CONVERSATIONS', 10_000),
  timerIngestSeconds: env('BENCH_TIMER_INGEST_SECONDS', QUICK ? 5 : 30),
  timerDueSeconds: env('BENCH_TIMER_DUE_SECONDS', QUICK ? 10 : 40),
  timerGraceSeconds: env('BENCH_TIMER_GRACE_SECONDS', QUICK ? 10 : 20),
  drainSeconds: env('BENCH_DRAIN_SECONDS', 30),
  /** Before each measured run, wait (at most this long) for other processes to use < quietCores. */
  quietMaxSeconds: env('BENCH_QUIET_MAX_SECONDS', QUICK ? 0 : 8),
  quietCores: env('BENCH_QUIET_CORES', 0.35),
}

/** The text every full-path scenario sends: an intent the bot answers with exactly one reply. */
const ANSWERED_TEXT = 'how do I pay with paypal'
/**
 * The timer scenario's event: the customer taps "Talk to a person" (callback data `human`) on a new
 * conversation. The bot greets and hands over; nobody answers, so the first-response clock runs
 * out and the breach escalates with a message to the customer. (A typed first message cannot do
 * this: one the bot does not understand gets the greeting, which counts as answered and meets
 * first_response; a typed "talk to a person" trips the escalation rules and is escalated at once,
 * so its breach sends nothing.)
 */
const TIMER_PRESS = 'human'

const SECRETS = {
  ADMIN_TOKEN: 'bench-admin-token',
  WEBCHAT_SECRET: 'bench-webchat-secret',
  TELEGRAM_BOT_TOKEN: '123456:BENCH-TOKEN',
  TELEGRAM_WEBHOOK_SECRET: 'bench-telegram-secret',
  SHOP_NAME: 'Bench Shop',
}
const ADMIN = { Authorization: `Bearer ${SECRETS.ADMIN_TOKEN}` }

const REAL_BINDINGS = {
  durableObjects: {
    CONVERSATION: { className: 'Conversation', useSQLite: true },
    SYNC: { className: 'SyncCursor', useSQLite: true },
    INBOX: { className: 'InboxHub', useSQLite: true },
  },
  kvNamespaces: ['CONFIG'],
  d1Databases: ['DB'],
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args)

// ---------------------------------------------------------------------------------------------
// Process lifetime: everything started is tracked and torn down on any exit path.

const liveWorkers = new Set()
let stub = null
let cleaning = null

// Miniflare keeps each instance's storage in a temporary directory it removes in the background
// on dispose; the bench gives it a directory of its own and removes that at the end.
const scratch = await mkdtemp(join(os.tmpdir(), 'edge-bench-'))
process.env.TMPDIR = scratch

const cleanup = async () => {
  cleaning ??= (async () => {
    for (const child of liveChildren) child.kill('SIGKILL')
    for (const w of liveWorkers) await w.mf.dispose().catch(() => {})
    liveWorkers.clear()
    if (stub) await stub.close().catch(() => {})
    await rm(scratch, { recursive: true, force: true }).catch(() => {})
  })()
  return cleaning
}

// Last resort, synchronous: miniflare's own exit hook may end the process on a signal first.
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL')
  rmSync(scratch, { recursive: true, force: true })
})

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`)
    cleanup().finally(() => process.exit(130))
  })
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Runtime output (workerd warnings) is collected rather than printed; counted per scenario. */
const runtimeLog = { lines: 0, warnings: 0, samples: [] }
const collectStdio = (stdout, stderr) => {
  for (const stream of [stdout, stderr]) {
    let rest = ''
    stream.on('data', (chunk) => {
      const text = rest + chunk.toString('utf8')
      const lines = text.split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.trim()) continue
        runtimeLog.lines++
        if (/warn|error/i.test(line)) runtimeLog.warnings++
        if (runtimeLog.samples.length < 20) runtimeLog.samples.push(line.slice(0, 300))
      }
    })
  }
}

const launch = async (script, extra = {}, options = {}) => {
  const worker = await startWorker({
    scriptPath: builds[script].path,
    bindings: { ...SECRETS, TELEGRAM_API_BASE: stub.base },
    handleRuntimeStdio: collectStdio,
    ...extra,
    ...options,
  })
  liveWorkers.add(worker)
  if (extra.d1Databases?.includes('DB')) worker.migrations = await applyMigrations(worker.mf, ROOT)
  return worker
}

const stop = async (worker) => {
  liveWorkers.delete(worker)
  await worker.mf.dispose()
}

/** CPU seconds of our processes and of everything else on the machine over one scenario. */
const cpuWindow = async (worker) => {
  const start = {
    machine: await machineCpu(),
    workerd: await cpuMs(worker.pid),
    self: process.cpuUsage(),
    at: performance.now(),
  }
  return async (loadCpuMs = 0) => {
    const machine = await machineCpu()
    const workerd = await cpuMs(worker.pid)
    if (worker.pid && workerd === null) worker.lost = true
    const self = process.cpuUsage(start.self)
    const wallMs = performance.now() - start.at
    const workerdMs = workerd !== null && start.workerd !== null ? workerd - start.workerd : null
    const selfMs = (self.user + self.system) / 1000
    const busy = machine.busyMs - start.machine.busyMs
    const others = Math.max(0, busy - (workerdMs ?? 0) - selfMs - loadCpuMs)
    return {
      wallSeconds: round(wallMs / 1000, 2),
      workerdCpuMs: workerdMs,
      workerdCores: workerdMs === null ? null : round(workerdMs / wallMs, 2),
      harnessCpuMs: round(selfMs, 0),
      loadGeneratorCpuMs: round(loadCpuMs, 0),
      otherProcessesCores: round(others / wallMs, 2),
      workerdRssMb: await rssMb(worker.pid),
    }
  }
}

/**
 * The machine is shared: before a measured run, wait a few seconds for other processes (test
 * runs of other people) to go quiet. Bounded; what was seen is recorded with the results.
 */
const quietLog = []
const quietGate = async (label) => {
  const started = performance.now()
  let others
  for (;;) {
    const m0 = await machineCpu()
    const ours0 = await ourCpuMs()
    await sleep(1000)
    const m1 = await machineCpu()
    const ours1 = await ourCpuMs()
    others = Math.max(0, (m1.busyMs - m0.busyMs - (ours1 - ours0)) / 1000)
    if (
      others < CONFIG.quietCores ||
      (performance.now() - started) / 1000 >= CONFIG.quietMaxSeconds
    )
      break
  }
  quietLog.push({
    label,
    waitedSeconds: round((performance.now() - started) / 1000, 1),
    otherProcessesCores: round(others, 2),
  })
}
const ourCpuMs = async () => {
  const self = process.cpuUsage()
  let total = (self.user + self.system) / 1000
  for (const w of liveWorkers) total += (await cpuMs(w.pid)) ?? 0
  return total
}

/** POSTs updates from this process (warm-ups, small phases), `concurrency` at a time. */
const postUpdates = async (url, updates, concurrency = 8) => {
  let next = 0
  let failed = 0
  const sends = []
  const lane = async () => {
    while (next < updates.length) {
      const { chat, updateId, text } = updates[next++]
      sends.push([chat, performance.timeOrigin + performance.now()])
      const res = await fetch(`${url}/webhooks/telegram`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SECRET_HEADER]: SECRETS.TELEGRAM_WEBHOOK_SECRET,
        },
        body: JSON.stringify(telegramText(updateId, chat, text)),
      })
      await res.arrayBuffer()
      if (!res.ok) failed++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  return { sends, failed }
}

/**
 * Waits until every inbound message has a reply on the stand-in, or until no new call arrived
 * for `quietMs`, or `limitMs` passed. Returns the seconds waited after the load ended.
 */
const drainReplies = async (
  sends,
  { limitMs = CONFIG.drainSeconds * 1000, quietMs = 3000 } = {}
) => {
  const started = performance.now()
  let last = stub.calls.length
  let lastChange = performance.now()
  while (performance.now() - started < limitMs) {
    await sleep(250)
    if (stub.calls.length !== last) {
      last = stub.calls.length
      lastChange = performance.now()
    }
    if (matchReplies(sends, stub.calls).unanswered === 0) break
    if (performance.now() - lastChange > quietMs) break
  }
  return round((performance.now() - started) / 1000, 2)
}

const ackOf = (r) => ({
  p50: round(r.latency.p50, 1),
  p99: round(r.latency.p99, 1),
  max: round(r.latency.max, 1),
})

const replyOf = (sends, drainSeconds) => {
  const m = matchReplies(sends, stub.calls)
  const s = summarize(m.latencies)
  return {
    matched: s.n,
    p50: round(s.p50, 1),
    p99: round(s.p99, 1),
    max: round(s.max, 1),
    unanswered: m.unanswered,
    extraReplies: m.extra,
    drainSeconds,
  }
}

/** One closed-loop autocannon run against `worker`, plus reply matching when `replies`. */
const closedLoop = async (
  worker,
  {
    label = '',
    chats,
    text,
    updateIdBase,
    amount = 1_000_000,
    seconds = CONFIG.seconds,
    replies = false,
    drainLimitSeconds = CONFIG.drainSeconds,
  }
) => {
  await quietGate(label)
  stub.reset()
  const measure = await cpuWindow(worker)
  const r = await runLoad(
    {
      mode: 'autocannon',
      url: worker.url,
      connections: CONFIG.connections,
      amount,
      maxSeconds: seconds,
      secret: SECRETS.TELEGRAM_WEBHOOK_SECRET,
      chats,
      text,
      updateIdBase,
    },
    { hardLimitSeconds: seconds + 30 }
  )
  const cpu = await measure(r.cpuMs)
  const drainSeconds = replies
    ? await drainReplies(r.sends, { limitMs: drainLimitSeconds * 1000 })
    : null
  return {
    connections: CONFIG.connections,
    requests: r.requests,
    ok: r.ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds: round(r.seconds, 2),
    rps: round(r.rps, 1),
    ack: ackOf(r),
    reply: replies ? replyOf(r.sends, drainSeconds) : null,
    cpu,
    workerdCpuMsPerRequest:
      cpu.workerdCpuMs === null ? null : round(cpu.workerdCpuMs / Math.max(r.ok, 1), 2),
    sends: r.sends,
  }
}

const strip = ({ sends: _sends, ...rest }) => rest

let updateIds = 1_000_000
const nextIds = (n) => {
  const base = updateIds
  updateIds += n + 1000
  return base
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const results = { scenarios: {}, cost: null, timers: null, profile: null, targets: [], notes: [] }
let builds = null

/** 1: bare Hono route. */
const scenarioBare = () =>
  onFreshWorker('1 bare', 'bare', {}, async (w) => {
    log('1  bare Hono route')
    return strip(
      await closedLoop(w, {
        label: '1 bare',
        chats: { mode: 'cycle', base: 10_000, count: 100 },
        text: ANSWERED_TEXT,
        updateIdBase: nextIds(1e6),
      })
    )
  })

/** Sanity: one update must come back 200 with one event before a baseline is measured. */
const probe = async (worker) => {
  const res = await fetch(`${worker.url}/webhooks/telegram`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SECRET_HEADER]: SECRETS.TELEGRAM_WEBHOOK_SECRET,
    },
    body: JSON.stringify(telegramText(nextIds(1), 1, 'probe')),
  })
  const text = await res.text()
  return { status: res.status, body: text.slice(0, 300) }
}

/** 2 and 3: minimal ingest, native RPC or itty-durable, over 1 and 100 conversations. */
const scenarioMinimal = async (
  name,
  script,
  className,
  binding,
  { firstMessages = false } = {}
) => {
  const bindings = { durableObjects: { [binding]: { className, useSQLite: true } } }
  const out = {}
  for (const [label, chats, bounds] of [
    ['1 conversation', { mode: 'fixed', base: 20_000 }, {}],
    ['100 conversations', { mode: 'cycle', base: 30_000, count: 100 }, {}],
    // The floor under a first message: creating an object and its SQLite costs the runtime
    // something whatever the object then does (scenario 4c divides by this row).
    ...(firstMessages
      ? [
          [
            'new conversations',
            { mode: 'unique', base: 2_000_000 },
            { amount: CONFIG.manyConversations, seconds: CONFIG.manySeconds },
          ],
        ]
      : []),
  ]) {
    const run = await onFreshWorker(`${name} ${label}`, script, bindings, async (w) => {
      const check = await probe(w)
      if (check.status !== 200)
        return { runs: false, reason: `probe answered ${check.status}: ${check.body}` }
      out.probe = check
      log(`${name}: ${label}`)
      return strip(
        await closedLoop(w, {
          label: `${name} ${label}`,
          chats,
          text: ANSWERED_TEXT,
          updateIdBase: nextIds(1e6),
          ...bounds,
        })
      )
    })
    if (run.runs === false) return run
    if (run.ok === 0)
      return {
        runs: false,
        reason: `no 2xx answers (non2xx ${run.non2xx}, errors ${run.errors})`,
        run,
      }
    out[label] = run
  }
  return { runs: true, ...out }
}

/** Warm-up: one message per conversation, replies drained, so measured messages hit warm objects. */
const warmUp = async (worker, chatIds) => {
  const base = nextIds(chatIds.length)
  const { sends, failed } = await postUpdates(
    worker.url,
    chatIds.map((chat, i) => ({ chat, updateId: base + i, text: ANSWERED_TEXT }))
  )
  await drainReplies(sends, { quietMs: 1500 })
  await sleep(500)
  stub.reset()
  return failed
}

/** 4: the full Telegram path through the real Worker. */
/**
 * Runs `fn(worker)` on a fresh instance of `script`. If the workerd process vanished during the
 * run (the machine is shared: someone else's cleanup may kill it), the run is worthless and is
 * repeated once on a new instance; the result says so.
 */
const onFreshWorker = async (label, script, bindings, fn, options = {}) => {
  for (let attempt = 1; ; attempt++) {
    const w = await launch(script, bindings, options)
    let result
    try {
      result = await fn(w)
    } finally {
      await stop(w)
    }
    if (!w.lost) return attempt > 1 ? { ...result, retriedAfterRuntimeExit: true } : result
    const note = `${label}: the workerd process exited during the run (not stopped by the bench)`
    results.notes.push(note)
    log(note)
    if (attempt >= 2) return { ...result, runtimeExited: true }
  }
}

/** 4: the full Telegram path through the real Worker; each run on its own instance. */
const scenarioFullPath = async () => {
  const out = {}
  const hundred = (base) => Array.from({ length: 100 }, (_, i) => base + i)

  // One conversation takes every message in order, so its outbox falls behind a closed loop; the
  // drain wait is capped and what is still queued then is reported as unanswered. Its own
  // instance keeps that backlog out of the other runs.
  out['1 conversation'] = await onFreshWorker('4a', 'real', REAL_BINDINGS, async (w) => {
    log('4a full path: 1 conversation')
    await warmUp(w, [40_000])
    return strip(
      await closedLoop(w, {
        label: '4a',
        chats: { mode: 'fixed', base: 40_000 },
        text: ANSWERED_TEXT,
        updateIdBase: nextIds(1e6),
        replies: true,
        drainLimitSeconds: 15,
      })
    )
  })

  out['100 conversations'] = await onFreshWorker('4b', 'real', REAL_BINDINGS, async (w) => {
    log('4b full path: 100 conversations')
    await warmUp(w, hundred(50_000))
    return strip(
      await closedLoop(w, {
        label: '4b',
        chats: { mode: 'cycle', base: 50_000, count: 100 },
        text: ANSWERED_TEXT,
        updateIdBase: nextIds(1e6),
        replies: true,
      })
    )
  })

  out[`paced ${CONFIG.pacedRate}/s`] = await onFreshWorker(
    '4d',
    'real',
    REAL_BINDINGS,
    async (w) => {
      log(`4d full path: paced ${CONFIG.pacedRate} msg/s over 100 warm conversations`)
      await warmUp(w, hundred(55_000))
      await quietGate('4d')
      stub.reset()
      const amount = CONFIG.pacedRate * CONFIG.pacedSeconds
      const measure = await cpuWindow(w)
      const r = await runLoad(
        {
          mode: 'paced',
          url: w.url,
          rate: CONFIG.pacedRate,
          amount,
          connections: 64,
          secret: SECRETS.TELEGRAM_WEBHOOK_SECRET,
          chats: { mode: 'cycle', base: 55_000, count: 100 },
          text: ANSWERED_TEXT,
          updateIdBase: nextIds(amount),
        },
        { hardLimitSeconds: CONFIG.pacedSeconds + 40 }
      )
      const cpu = await measure(r.cpuMs)
      const drainSeconds = await drainReplies(r.sends)
      return {
        offeredRate: CONFIG.pacedRate,
        requests: r.requests,
        ok: r.ok,
        non2xx: r.non2xx,
        errors: r.errors,
        seconds: round(r.seconds, 2),
        rps: round(r.rps, 1),
        ack: ackOf(r),
        reply: replyOf(r.sends, drainSeconds),
        cpu,
        workerdCpuMsPerRequest:
          cpu.workerdCpuMs === null ? null : round(cpu.workerdCpuMs / Math.max(r.ok, 1), 2),
      }
    }
  )

  out[`${CONFIG.manyConversations} conversations`] = await onFreshWorker(
    '4c',
    'real',
    REAL_BINDINGS,
    async (w) => {
      log(
        `4c full path: up to ${CONFIG.manyConversations} new conversations, 1 message each, ≤ ${CONFIG.manySeconds} s`
      )
      const run = strip(
        await closedLoop(w, {
          label: '4c',
          chats: { mode: 'unique', base: 1_000_000 },
          text: ANSWERED_TEXT,
          updateIdBase: nextIds(CONFIG.manyConversations),
          amount: CONFIG.manyConversations,
          seconds: CONFIG.manySeconds,
          replies: true,
        })
      )
      run.conversationsRequested = CONFIG.manyConversations
      run.conversationsSent = run.requests
      return run
    }
  )
  return out
}

/**
 * A DevTools profile of the Worker isolate while the closed loop sends `chats` for
 * `CONFIG.profileSeconds`, after warming up `warm` conversations; the raw profile is kept in
 * bench/.build/<name>.cpuprofile.
 */
const profileRun = (name, what, warm, chats) =>
  onFreshWorker(
    name,
    'real',
    REAL_BINDINGS,
    async (w) => {
      log(`${name}: ${what}, ${CONFIG.profileSeconds} s under the inspector`)
      await warmUp(w, warm)
      const bundle = await readFile(builds.real.path, 'utf8')
      await quietGate(name)
      const measure = await cpuWindow(w)
      const profile = await profileWhile(
        w.inspectorUrl,
        bundle,
        async () => {
          const r = await runLoad(
            {
              mode: 'autocannon',
              url: w.url,
              connections: CONFIG.connections,
              amount: 1_000_000,
              maxSeconds: CONFIG.profileSeconds,
              secret: SECRETS.TELEGRAM_WEBHOOK_SECRET,
              chats,
              text: ANSWERED_TEXT,
              updateIdBase: nextIds(1e6),
            },
            { hardLimitSeconds: CONFIG.profileSeconds + 30 }
          )
          await drainReplies(r.sends, { quietMs: 1500, limitMs: 10_000 })
          return { messages: r.ok, rps: round(r.rps, 1) }
        },
        { rawFile: join(ROOT, 'bench', '.build', `${name}.cpuprofile`) }
      )
      await measure()
      return profile
    },
    { inspector: true }
  )

/** Where the full path spends its CPU: 100 warm conversations. */
const scenarioProfile = () =>
  profileRun(
    'profile',
    'full path, 100 conversations',
    Array.from({ length: 100 }, (_, i) => 60_000 + i),
    { mode: 'cycle', base: 60_000, count: 100 }
  )

/** What a first message costs: new conversations arriving, one message each. */
const scenarioProfileFirst = () =>
  profileRun('profile-first', 'first messages of new conversations', [65_000], {
    mode: 'unique',
    base: 3_000_000,
  })

/** Cost: the instrumented build counts every billable operation per message. */
const scenarioCost = () => onFreshWorker('cost', 'instrumented', REAL_BINDINGS, costRun)

const costRun = async (w) => {
  const counters = async () => (await fetch(`${w.url}/__bench/counters`)).json()
  const reset = async () =>
    (await fetch(`${w.url}/__bench/reset`, { method: 'POST' })).arrayBuffer()
  const phase = async (label, updates) => {
    await quietGate(`cost ${label}`)
    await reset()
    stub.reset()
    const cpuStart = await cpuMs(w.pid)
    const started = performance.now()
    // Paced so that replies are not batched by load: one message per conversation at a time.
    const r = await runLoad(
      {
        mode: 'paced',
        url: w.url,
        rate: CONFIG.pacedRate,
        amount: updates.count,
        connections: 16,
        secret: SECRETS.TELEGRAM_WEBHOOK_SECRET,
        chats: updates.chats,
        text: ANSWERED_TEXT,
        updateIdBase: nextIds(updates.count),
      },
      { hardLimitSeconds: updates.count / CONFIG.pacedRate + 40 }
    )
    await drainReplies(r.sends, { quietMs: 2000 })
    await sleep(1500) // index timers due right after each send
    const c = await counters()
    const cpuEnd = await cpuMs(w.pid)
    if (cpuEnd === null) w.lost = true
    const cpu = (cpuEnd ?? 0) - cpuStart
    const n = r.ok
    const per = (x) => round(x / Math.max(n, 1), 3)
    const reply = matchReplies(r.sends, stub.calls)
    return {
      label,
      messages: n,
      seconds: round((performance.now() - started) / 1000, 1),
      repliesSent: stub.sends().length,
      unanswered: reply.unanswered,
      raw: c,
      perMessage: {
        workerRequests: per(c.workerRequests),
        doCallsFromWorker: per(c.doCallsFromWorker),
        doCallsFromObjects: per(c.doCallsFromObjects ?? 0),
        doRequests: per(c.doRequests),
        doRequestsByEntry: Object.fromEntries(
          Object.entries(c.doRequestsByEntry).map(([k, v]) => [k, per(v)])
        ),
        doWallMs: per(c.doWallMs),
        sqlExec: per(c.sqlExec),
        sqlRowsRead: per(c.sqlRowsRead),
        sqlRowsWritten: per(c.sqlRowsWritten),
        setAlarm: per(c.storageOps.setAlarm ?? 0),
        getAlarm: per(c.storageOps.getAlarm ?? 0),
        deleteAlarm: per(c.storageOps.deleteAlarm ?? 0),
        kvReads: per((c.kvOps.get ?? 0) + (c.kvOps.getWithMetadata ?? 0)),
        d1Queries: per(c.d1Queries),
        d1RowsRead: per(c.d1RowsRead),
        d1RowsWritten: per(c.d1RowsWritten),
        d1ReportRowsWritten: per(c.d1ReportRowsWritten ?? 0),
        subrequests: per(c.subrequests),
        workerdCpuMs: per(cpu),
      },
      sqlByStatement: Object.entries(c.sqlByStatement)
        .map(([statement, s]) => ({
          statement,
          execsPerMessage: per(s.execs),
          rowsWrittenPerMessage: per(s.rowsWritten),
          rowsReadPerMessage: per(s.rowsRead),
        }))
        .sort((a, b) => b.rowsWrittenPerMessage - a.rowsWrittenPerMessage),
    }
  }
  {
    const n = CONFIG.costConversations
    log(`cost: ${n} new conversations (first message each), instrumented build`)
    const fresh = await phase('new conversation (first message, greeting + answer)', {
      count: n,
      chats: { mode: 'cycle', base: 70_000, count: n },
    })
    log(`cost: the same ${n} conversations, ${CONFIG.costWarmPerConversation} more messages each`)
    const warm = await phase('warm conversation (message + reply)', {
      count: n * CONFIG.costWarmPerConversation,
      chats: { mode: 'cycle', base: 70_000, count: n },
    })
    const dollars = (p) =>
      costPerMillion({
        workersRequests: p.workerRequests,
        workersCpuMs: p.workerdCpuMs,
        doRequests: p.doRequests,
        // Active time: the entry points' wall time (I/O waits; the clock stands still while JS runs)
        // plus all of workerd's CPU per message, an upper bound for the objects' own CPU.
        doDurationGbS: ((p.doWallMs + p.workerdCpuMs) / 1000) * PRICES.doMemoryGb,
        sqliteRowsRead: p.sqlRowsRead,
        sqliteRowsWritten: p.sqlRowsWritten + p.setAlarm,
        kvReads: p.kvReads,
        d1RowsRead: p.d1RowsRead,
        d1RowsWritten: p.d1RowsWritten,
        subrequests: p.subrequests,
      })
    const warmCost = dollars(warm.perMessage)
    const newCost = dollars(fresh.perMessage)
    const blended = (newCost.total + 4 * warmCost.total) / 5
    return {
      new: fresh,
      warm,
      dollarsPerMillion: {
        warm: warmCost,
        new: newCost,
        blendedFiveMessagesPerConversation: round(blended, 2),
      },
    }
  }
}

/** 5: SLA timers through the real Worker: many conversations, first-response targets due together. */
const scenarioTimers = async () => {
  const w = await launch('real', REAL_BINDINGS)
  try {
    const policy = await (await fetch(`${w.url}/api/v1/policies/sla`, { headers: ADMIN })).json()
    // Around the clock: the bench measures timers, not the shop's staffed hours.
    policy.businessHoursOnly = false
    policy.scenarios.default = {
      ...policy.scenarios.default,
      firstResponse: CONFIG.timerDueSeconds,
    }
    const put = await fetch(`${w.url}/api/v1/policies/sla`, {
      method: 'PUT',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify(policy),
    })
    if (!put.ok)
      throw new Error(`PUT /api/v1/policies/sla answered ${put.status}: ${await put.text()}`)

    log(
      `5  timers: up to ${CONFIG.timerConversations} conversations in ≤ ${CONFIG.timerIngestSeconds} s, first response due after ${CONFIG.timerDueSeconds} s`
    )
    await quietGate('5 timers')
    stub.reset()
    const base = 2_000_000
    const measure = await cpuWindow(w)
    const r = await runLoad(
      {
        mode: 'autocannon',
        url: w.url,
        connections: CONFIG.connections,
        amount: CONFIG.timerConversations,
        maxSeconds: CONFIG.timerIngestSeconds,
        secret: SECRETS.TELEGRAM_WEBHOOK_SECRET,
        chats: { mode: 'unique', base },
        press: TIMER_PRESS,
        updateIdBase: nextIds(CONFIG.timerConversations),
      },
      { hardLimitSeconds: CONFIG.timerIngestSeconds + 30 }
    )
    const ingestEnded = performance.timeOrigin + performance.now()
    await sleep(2000) // index rows are written by a timer due right after each ingest

    // Due times as the system itself recorded them: the D1 index's next_due_at (the running
    // first-response target is the earliest live target of a handed-over conversation).
    const db = await w.mf.getD1Database('DB')
    const rows = (
      await db
        .prepare("SELECT key, next_due_at FROM conversations WHERE key LIKE 'telegram:2%'")
        .all()
    ).results
    const due = new Map(
      rows
        .filter((row) => row.next_due_at !== null)
        .map((row) => [row.key.slice('telegram:'.length), row.next_due_at])
    )
    const lastDue = Math.max(...due.values())
    const firstDue = Math.min(...due.values())
    log(
      `5  timers: ${due.size} conversations with a due time; dues span ${round((lastDue - firstDue) / 1000, 1)} s; waiting for breaches`
    )

    // Breach escalations reach the stand-in as each conversation's first call after its due time.
    const fired = () => {
      const firstAfter = new Map()
      for (const call of stub.calls) {
        if (call.method !== 'sendMessage') continue
        const chat = String(call.chatId)
        const d = due.get(chat)
        if (d === undefined || call.at < d) continue
        const seen = firstAfter.get(chat)
        if (seen === undefined || call.at < seen) firstAfter.set(chat, call.at)
      }
      return firstAfter
    }
    const deadline = lastDue + CONFIG.timerGraceSeconds * 1000
    while (performance.timeOrigin + performance.now() < deadline) {
      if (fired().size >= due.size) break
      await sleep(500)
    }
    const cpu = await measure(r.cpuMs)
    const firstAfter = fired()
    const lateness = [...firstAfter].map(([chat, at]) => at - due.get(chat))
    const s = summarize(lateness)

    // A sample of conversations through the API: the SLA events as the objects recorded them.
    const sampleKeys = [...due.keys()]
      .filter((_, i) => i % Math.max(1, Math.floor(due.size / 200)) === 0)
      .slice(0, 200)
    const objectLateness = []
    const warnLateness = []
    for (const chat of sampleKeys) {
      const v = await (
        await fetch(`${w.url}/api/v1/conversations/telegram:${chat}?limit=5`, { headers: ADMIN })
      ).json()
      for (const e of v.sla?.events ?? []) {
        if (e.target !== 'first_response' || e.dueAt === undefined) continue
        if (e.event === 'breached') objectLateness.push(e.at - e.dueAt)
        if (e.event === 'warned')
          warnLateness.push(
            e.at - (e.dueAt - CONFIG.timerDueSeconds * 1000 * (1 - (policy.warnAt ?? 0.8)))
          )
      }
    }
    // Conversations whose breach never reached the stand-in: what their object recorded.
    const missedChats = [...due.keys()].filter((chat) => !firstAfter.has(chat))
    const missedDetail = []
    const missedKinds = {}
    for (const [i, chat] of missedChats.slice(0, 200).entries()) {
      const v = await (
        await fetch(`${w.url}/api/v1/conversations/telegram:${chat}?limit=10`, { headers: ADMIN })
      ).json()
      const events = (v.sla?.events ?? [])
        .filter((e) => e.target === 'first_response')
        .map((e) => e.event)
      const queued = (v.messages ?? []).filter(
        (m) => m.direction === 'out' && m.status === 'queued'
      ).length
      const kind = events.includes('breached')
        ? queued > 0
          ? 'breached, escalation reply still queued'
          : 'breached, escalation reply sent after the wait'
        : events.includes('warned')
          ? 'warned, breach timer never ran'
          : 'neither warned nor breached'
      missedKinds[kind] = (missedKinds[kind] ?? 0) + 1
      if (i < 5) {
        missedDetail.push({
          chat,
          dueAt: due.get(chat),
          kind,
          calls: stub.calls
            .filter((c) => String(c.chatId) === chat)
            .map((c) => ({ method: c.method, at: round(c.at, 0), text: c.text.slice(0, 40) })),
          events: v.sla?.events,
          messages: v.messages?.map((m) => ({
            direction: m.direction,
            status: m.status,
            at: m.at,
            sentAt: m.sentAt,
            text: m.text.slice(0, 40),
          })),
        })
      }
    }
    const o = summarize(objectLateness)
    const wl = summarize(warnLateness)
    return {
      conversationsRequested: CONFIG.timerConversations,
      conversationsIngested: r.ok,
      ingestSeconds: round(r.seconds, 1),
      ingestRps: round(r.rps, 1),
      ingestNon2xx: r.non2xx,
      ingestErrors: r.errors,
      withDueTime: due.size,
      firstResponseSeconds: CONFIG.timerDueSeconds,
      duesSpanSeconds: round((lastDue - firstDue) / 1000, 1),
      waitedAfterIngestSeconds: round(
        (performance.timeOrigin + performance.now() - ingestEnded) / 1000,
        1
      ),
      lateness: {
        measuredAt: 'breach escalation message arriving at the Bot API stand-in minus dueAt',
        n: s.n,
        p50: round(s.p50, 0),
        p99: round(s.p99, 0),
        max: round(s.max, 0),
      },
      missed: due.size - firstAfter.size,
      missedKinds,
      missedDetail,
      runtimeExited: Boolean(w.lost),
      objectClock: {
        measuredAt: "sla.events 'breached' at minus dueAt, GET /api/v1/conversations/:key, sample",
        n: o.n,
        p50: round(o.p50, 0),
        p99: round(o.p99, 0),
        max: round(o.max, 0),
        warnedN: wl.n,
        warnedP99: round(wl.p99, 0),
      },
      cpu,
    }
  } finally {
    await stop(w)
  }
}

// ---------------------------------------------------------------------------------------------
// Targets

const evaluateTargets = () => {
  const t = []
  const s2 = results.scenarios.minimal
  const s4 = results.scenarios.fullPath
  const add = (target, met, value, why) => t.push({ target, met, value, why })
  const warm = results.cost?.warm
  const perWarm = warm?.perMessage
  const topWrites = (side) =>
    side
      ? side.sqlByStatement
          .filter((x) => x.rowsWrittenPerMessage > 0)
          .slice(0, 6)
          .map((x) => `${x.statement.split(' ').slice(0, 3).join(' ')} ${x.rowsWrittenPerMessage}`)
          .join('; ')
      : ''
  const top = (profile) =>
    profile?.functions
      ? profile.functions
          .filter((f) => !/^\((idle|program|garbage collector)\)/.test(f.key))
          .slice(0, 4)
          .map((f) => `${f.key} ${f.share}%`)
          .join('; ')
      : ''
  const perMessageWork = perWarm
    ? `per message the full path runs ${perWarm.sqlExec} SQL statements, ${perWarm.doRequests} object invocations (${Object.entries(
        perWarm.doRequestsByEntry
      )
        .map(([k, v]) => `${k.split('.').pop()} ${v}`)
        .join(
          ', '
        )}), ${perWarm.d1Queries} D1 statements, ${perWarm.getAlarm + perWarm.setAlarm + perWarm.deleteAlarm} alarm API calls and a Bot API call; the minimal ingest runs 1 statement in 1 RPC`
    : ''

  // The issue's targets (write path at the platform's floor), in its order.
  const hundred = s4?.['100 conversations']
  const minimal100 = s2?.['100 conversations']
  if (hundred?.rps && minimal100?.rps) {
    const ratio = round(hundred.rps / minimal100.rps, 2)
    add(
      'full path ÷ minimal ingest, 100 conversations (req/s) ≥ 0.5',
      ratio >= 0.5,
      `${hundred.rps} / ${minimal100.rps} req/s = ${ratio}`,
      ratio >= 0.5 ? '' : `${perMessageWork}. Profile top: ${top(results.profile)}`
    )
    add(
      'workerd CPU per warm message ≤ 1.3 ms',
      hundred.workerdCpuMsPerRequest <= 1.3,
      `${hundred.workerdCpuMsPerRequest} ms (minimal ingest: ${minimal100.workerdCpuMsPerRequest} ms)`,
      ''
    )
  }
  const manyKey =
    s4 && Object.keys(s4).find((k) => /^\d+ conversations$/.test(k) && k !== '100 conversations')
  const many = manyKey ? s4[manyKey] : null
  const minimalNew = s2?.['new conversations']
  if (many?.rps) {
    add(
      'workerd CPU per first message of a new conversation ≤ 4 ms',
      many.workerdCpuMsPerRequest <= 4,
      `${many.workerdCpuMsPerRequest} ms${minimalNew ? ` (the minimal ingest's first message: ${minimalNew.workerdCpuMsPerRequest} ms)` : ''}`,
      `Profile top: ${top(results.profileFirst)}`
    )
  }
  const cost = results.cost
  if (cost) {
    const w = cost.warm.perMessage
    const f = cost.new.perMessage
    add(
      'SQLite rows written per warm message incl. its reply ≤ 3 + setAlarm',
      w.sqlRowsWritten <= 3,
      `${w.sqlRowsWritten} + ${w.setAlarm} setAlarm`,
      `by statement: ${topWrites(cost.warm)}`
    )
    add(
      'SQLite rows written per first message ≤ 10',
      f.sqlRowsWritten <= 10,
      `${f.sqlRowsWritten} + ${f.setAlarm} setAlarm`,
      `by statement: ${topWrites(cost.new)}`
    )
    add(
      'D1 rows written per warm message ≤ 1',
      w.d1RowsWritten <= 1,
      `${w.d1RowsWritten} (${w.d1ReportRowsWritten ?? 0} report rollup rows); none for an unchanged summary (test/write-path.test.ts)`,
      ''
    )
    const lines = (side) =>
      Object.entries(cost.dollarsPerMillion[side].lines)
        .sort((a, b) => b[1].dollarsPerMillion - a[1].dollarsPerMillion)
        .slice(0, 4)
        .map(([k, v]) => `${k} $${round(v.dollarsPerMillion, 2)}`)
        .join(', ')
    add(
      '$ per million warm messages (with reply) ≤ $4',
      cost.dollarsPerMillion.warm.total <= 4,
      `$${round(cost.dollarsPerMillion.warm.total, 2)}`,
      `largest: ${lines('warm')}`
    )
    add(
      '$ per million first messages ≤ $12',
      cost.dollarsPerMillion.new.total <= 12,
      `$${round(cost.dollarsPerMillion.new.total, 2)}`,
      `largest: ${lines('new')}`
    )
    add(
      'ingress does exactly one Durable Object call per event',
      w.doCallsFromWorker === 1 && f.doCallsFromWorker === 1,
      `${w.doCallsFromWorker} call(s) per webhook (warm), ${f.doCallsFromWorker} (new); ${w.doRequests} billed object requests per message incl. the alarm and the conversation's ${w.doCallsFromObjects} call(s) to the inbox hub`,
      ''
    )
    add(
      'no KV read per message on a warm isolate',
      w.kvReads === 0,
      `${w.kvReads} KV reads per warm message (${cost.warm.raw.kvOps.get ?? 0} in ${cost.warm.messages} messages); ${f.kvReads} per new conversation`,
      ''
    )
  }
  if (many?.rps) {
    add(
      'new conversations ingested per second here ≥ 250',
      many.rps >= 250,
      `${many.rps} req/s${minimalNew?.rps ? ` (the minimal ingest: ${minimalNew.rps} req/s, ${round(many.rps / minimalNew.rps, 2)} ×)` : ''}`,
      ''
    )
  }
  const paced = s4?.[`paced ${CONFIG.pacedRate}/s`]
  if (paced) {
    const p99 = paced.reply.p99
    add(
      `reply latency p99 ≤ 20 ms at ${CONFIG.pacedRate} messages/s (quiet run)`,
      p99 !== null && p99 <= 20 && paced.reply.unanswered === 0,
      `p99 ${p99} ms (p50 ${paced.reply.p50} ms, ${paced.reply.unanswered} unanswered; other processes ${paced.cpu?.otherProcessesCores ?? '?'} cores)`,
      ''
    )
  }
  const con = results.console
  if (con?.inbox) {
    add(
      `console inbox over ${con.conversations} conversations: p50 ≤ 50 ms`,
      con.inbox.p50 <= 50,
      `p50 ${round(con.inbox.p50, 1)} ms, p99 ${round(con.inbox.p99, 1)} ms; workerd CPU ${con.inbox.workerdCpuMsPerRequest} ms/request (includes D1); ${con.inboxOverBaseline} × /healthz (${round(con.baseline.p50, 1)} ms); search p50 ${round(con.search.p50, 1)} ms`,
      ''
    )
    add(
      'console script ≤ 60 KB gzip per page',
      con.clientBytes.scriptGzip <= 60 * 1024,
      `${round(con.clientBytes.scriptGzip / 1024, 1)} KB gzip script + ${round(con.clientBytes.cssGzip / 1024, 1)} KB gzip CSS`,
      ''
    )
  }
  const timers = results.timers
  if (timers && !timers.error) {
    const ok =
      timers.lateness.p99 !== null &&
      timers.lateness.p99 <= 1000 &&
      timers.missed === 0 &&
      timers.conversationsIngested >= CONFIG.timerConversations
    add(
      `timer lateness p99 ≤ 1 s, none missed (${timers.withDueTime} conversations)`,
      ok,
      `p50 ${timers.lateness.p50} ms, p99 ${timers.lateness.p99} ms, max ${timers.lateness.max} ms, missed ${timers.missed}${timers.conversationsIngested < CONFIG.timerConversations ? `; only ${timers.conversationsIngested} of ${CONFIG.timerConversations} conversations fit in ${CONFIG.timerIngestSeconds} s` : ''}`,
      ''
    )
  }
  return t
}

// ---------------------------------------------------------------------------------------------

const main = async () => {
  const started = Date.now()
  const machine = await describeMachine(ROOT)
  log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, node ${machine.node}, workerd ${machine.workerd}, load ${machine.loadAverageAtStart.join(' ')}`
  )
  log('building bundles with esbuild')
  builds = await buildAll(ROOT)
  stub = await startTelegramStub()

  const step = async (name, fn) => {
    if (ONLY && !ONLY.includes(name)) return null
    try {
      return await fn()
    } catch (err) {
      // One failing scenario is reported; the others still run. A harness bug still fails the run
      // at the end (exit code 1), since a scenario that cannot run is not a result.
      log(`${name} failed: ${err?.stack ?? err}`)
      results.notes.push(`${name} failed: ${String(err?.message ?? err)}`)
      results.failed = true
      return { error: String(err?.message ?? err) }
    }
  }

  results.scenarios.bare = await step('bare', scenarioBare)
  log('2  minimal ingest (native RPC + SQLite)')
  results.scenarios.minimal = await step('minimal', () =>
    scenarioMinimal('2  minimal', 'minimal', 'MinimalIngest', 'INGEST', { firstMessages: true })
  )
  log('3  minimal ingest with itty-durable')
  results.scenarios.itty = await step('itty', () =>
    scenarioMinimal('3  itty-durable', 'itty', 'IttyIngest', 'ITTY')
  )
  results.scenarios.fullPath = await step('full path', scenarioFullPath)
  results.profile = await step('profile', scenarioProfile)
  results.profileFirst = await step('profile', scenarioProfileFirst)
  results.cost = await step('cost', scenarioCost)
  results.timers = await step('timers', scenarioTimers)
  log('6  console: the inbox over 1,000 conversations')
  results.console = await step('console', () =>
    onFreshWorker('console', 'instrumented', REAL_BINDINGS, (w) =>
      consoleRun(w, { adminToken: SECRETS.ADMIN_TOKEN, root: ROOT, requests: QUICK ? 50 : 200 })
    )
  )
  log('6b console: the inbox over 100,000 conversations')
  results.consoleLarge = await step('console', () =>
    onFreshWorker('console', 'instrumented', REAL_BINDINGS, (w) =>
      consoleRun(w, {
        adminToken: SECRETS.ADMIN_TOKEN,
        root: ROOT,
        conversations: 100_000,
        requests: QUICK ? 10 : 30,
      })
    )
  )
  results.targets = evaluateTargets()

  const date = new Date().toISOString().slice(0, 10)
  const doc = {
    date,
    startedAt: new Date(started).toISOString(),
    durationSeconds: round((Date.now() - started) / 1000, 1),
    machine,
    config: {
      ...CONFIG,
      compatibilityDate: '2026-07-01',
      answeredText: ANSWERED_TEXT,
      timerButton: TIMER_PRESS,
    },
    builds: Object.fromEntries(Object.entries(builds).map(([k, v]) => [k, { bytes: v.bytes }])),
    prices: PRICES,
    runtimeLog,
    quietGate: quietLog,
    ...results,
  }
  if (ONLY) {
    // The whole document too, for comparing runs without touching the saved results.
    await writeFile(join(ROOT, 'bench', '.build', 'only.json'), `${JSON.stringify(doc, null, 2)}\n`)
    const perMessage =
      doc.cost && !doc.cost.error
        ? {
            warm: doc.cost.warm.perMessage,
            new: doc.cost.new.perMessage,
            newWrites: doc.cost.new.sqlByStatement.filter((x) => x.rowsWrittenPerMessage > 0),
          }
        : doc.cost
    console.log(
      JSON.stringify(
        {
          console: doc.console,
          consoleLarge: doc.consoleLarge,
          timers: doc.timers,
          profile: doc.profile,
          profileFirst: doc.profileFirst,
          cost: perMessage,
          targets: doc.targets,
        },
        null,
        2
      )
    )
    return doc
  }
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true })
  const file = join(ROOT, 'bench', 'results', `${date}.json`)
  await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`)
  const markdown = renderMarkdown(doc)
  await updateReadme(join(ROOT, 'bench', 'README.md'), markdown)
  console.log(`\n${markdown}\n`)
  log(`results: ${file} (${doc.durationSeconds} s)`)
  return doc
}

main()
  .then(async (doc) => {
    await cleanup()
    process.exit(doc.failed ? 1 : 0)
  })
  .catch(async (err) => {
    console.error('[bench] harness error:', err?.stack ?? err)
    await cleanup()
    process.exit(1)
  })
