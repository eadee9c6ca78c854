// The load generator, run in its own process (child_process.fork) so it never shares a thread with
// the Telegram stand-in or the harness. Receives one job over IPC, answers with a summary and the
// send time of every request (chat id + timestamp, for matching replies), then exits.
//
//  mode 'autocannon': closed loop, `connections` connections, at most `amount` requests and
//                     `maxSeconds` seconds (instance.stop()), optional `overallRate`.
//  mode 'paced':      open loop, one request every 1000/rate ms on a keep-alive agent, `amount`
//                     requests; for latency at a fixed arrival rate (autocannon's rate limiter
//                     sends each connection's quota in a burst at the start of every second).
import autocannon from 'autocannon'
import http from 'node:http'
import { chatOf, SECRET_HEADER, updateFor } from './telegram.mjs'

const now = () => performance.timeOrigin + performance.now()

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : null

const runAutocannon = (job) =>
  new Promise((resolve, reject) => {
    const sends = []
    let seq = 0
    const headers = { 'content-type': 'application/json', [SECRET_HEADER]: job.secret }
    const started = now()
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        amount: job.amount,
        pipelining: 1,
        timeout: job.timeoutSeconds ?? 10,
        ...(job.overallRate ? { overallRate: job.overallRate } : {}),
        requests: [
          {
            method: 'POST',
            path: job.path ?? '/webhooks/telegram',
            headers,
            setupRequest: (req) => {
              const i = seq++
              const chat = chatOf(job.chats, i)
              sends.push([chat, now()])
              return { ...req, body: JSON.stringify(updateFor(job, job.updateIdBase + i, chat)) }
            },
          },
        ],
      },
      (err, result) => {
        clearTimeout(timer)
        if (err) return reject(err)
        const seconds = (now() - started) / 1000
        const ok = result['2xx']
        resolve({
          seconds,
          requests: result.requests.total,
          ok,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          rps: ok / Math.max(seconds, 1e-9),
          latency: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
            mean: result.latency.mean,
          },
          statusCodes: result.statusCodeStats,
          sends,
        })
      }
    )
    const timer = setTimeout(() => instance.stop(), job.maxSeconds * 1000)
  })

const runPaced = (job) =>
  new Promise((resolve) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections ?? 64 })
    const target = new URL(job.path ?? '/webhooks/telegram', job.url)
    const interval = 1000 / job.rate
    const sends = []
    const latencies = []
    const statusCodes = {}
    let errors = 0
    let done = 0
    let sent = 0
    const started = now()
    const finish = () => {
      const seconds = (now() - started) / 1000
      latencies.sort((a, b) => a - b)
      const ok = Object.entries(statusCodes).reduce(
        (n, [code, c]) => n + (code.startsWith('2') ? c : 0),
        0
      )
      agent.destroy()
      resolve({
        seconds,
        requests: done,
        ok,
        non2xx: done - ok - errors,
        errors,
        timeouts: 0,
        rps: ok / Math.max(seconds, 1e-9),
        offeredRate: job.rate,
        latency: {
          p50: percentile(latencies, 50),
          p90: percentile(latencies, 90),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? null,
          mean: latencies.reduce((a, b) => a + b, 0) / Math.max(latencies.length, 1),
        },
        statusCodes,
        sends,
      })
    }
    const fire = () => {
      const i = sent++
      const chat = chatOf(job.chats, i)
      const body = JSON.stringify(updateFor(job, job.updateIdBase + i, chat))
      const t0 = now()
      sends.push([chat, t0])
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            [SECRET_HEADER]: job.secret,
          },
          timeout: 10_000,
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            latencies.push(now() - t0)
            statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1
            if (++done === job.amount) finish()
          })
        }
      )
      req.on('error', () => {
        errors++
        if (++done === job.amount) finish()
      })
      req.end(body)
    }
    // Drift-free schedule: request i leaves at started + i * interval.
    const tick = () => {
      const due = Math.floor((now() - started) / interval) + 1
      while (sent < Math.min(due, job.amount)) fire()
      if (sent < job.amount) setTimeout(tick, Math.max(0, started + sent * interval - now()))
    }
    tick()
    setTimeout(
      () => {
        if (done < job.amount) {
          errors += job.amount - done
          done = job.amount
          finish()
        }
      },
      (job.amount / job.rate + 15) * 1000
    ).unref()
  })

process.once('message', async (job) => {
  try {
    const result = job.mode === 'paced' ? await runPaced(job) : await runAutocannon(job)
    const usage = process.cpuUsage()
    result.cpuMs = (usage.user + usage.system) / 1000
    process.send({ ok: true, result }, () => process.exit(0))
  } catch (err) {
    process.send({ ok: false, error: String(err?.stack ?? err) }, () => process.exit(1))
  }
})
