// Starts a Worker bundle under workerd through miniflare's API (no wrangler dev proxy).
import { Miniflare } from 'miniflare'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

export const COMPATIBILITY_DATE = '2026-07-01'

/** Splits a migration file into statements (comments dropped; no semicolons inside strings here). */
export const sqlStatements = (text) =>
  text
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)

/** Applies migrations/*.sql in name order, one statement at a time. */
export const applyMigrations = async (mf, root) => {
  const dir = join(root, 'migrations')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()
  const db = await mf.getD1Database('DB')
  let statements = 0
  for (const file of files) {
    for (const statement of sqlStatements(await readFile(join(dir, file), 'utf8'))) {
      await db.prepare(statement).run()
      statements++
    }
  }
  return { files, statements }
}

/**
 * Starts one worker. `durableObjects` as miniflare takes them; returns { mf, url, pid, inspectorUrl }.
 * The workerd process id is found among this process's children so its CPU time can be read.
 */
export const startWorker = async ({
  scriptPath,
  durableObjects = {},
  kvNamespaces = [],
  d1Databases = [],
  bindings = {},
  inspector = false,
  handleRuntimeStdio,
}) => {
  const before = new Set(await childPids('workerd'))
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: [],
    durableObjects,
    kvNamespaces,
    d1Databases,
    bindings,
    host: '127.0.0.1',
    port: 0,
    ...(inspector ? { inspectorPort: 0 } : {}),
    ...(handleRuntimeStdio ? { handleRuntimeStdio } : {}),
  })
  const url = await mf.ready
  const inspectorUrl = inspector ? (await mf.getInspectorURL()).href : null
  const after = await childPids('workerd')
  const pid = after.find((p) => !before.has(p)) ?? null
  return { mf, url: url.href.replace(/\/$/, ''), pid, inspectorUrl }
}

/** Pids of processes whose parent is this process, optionally filtered by command name. */
export const childPids = async (name) => {
  const out = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      const fields = stat.slice(close + 2).split(' ')
      if (Number(fields[1]) === process.pid && (!name || comm.includes(name)))
        out.push(Number(entry))
    } catch {
      // the process ended meanwhile
    }
  }
  return out
}

/** User + system CPU milliseconds of a process (clock ticks of 10 ms). */
export const cpuMs = async (pid) => {
  if (!pid) return null
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[11] = utime, fields[12] = stime (fields counted from `state` = index 0)
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/** Resident memory of a process in MB. */
export const rssMb = async (pid) => {
  if (!pid) return null
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 1024)
  } catch {
    return null
  }
}
