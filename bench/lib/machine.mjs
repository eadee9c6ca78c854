// Machine description and CPU accounting (to tell our processes' CPU from everyone else's).
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'

export const describeMachine = async (root) => {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '')
  const model =
    /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
  const require = createRequire(`${root}/package.json`)
  const version = (pkg, from = require) => {
    try {
      return from(`${pkg}/package.json`).version
    } catch {
      return null
    }
  }
  const miniflareRequire = createRequire(require.resolve('miniflare/package.json'))
  return {
    cpu: model,
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    workerd: version('workerd', miniflareRequire),
    miniflare: version('miniflare'),
    autocannon: version('autocannon'),
    esbuild: version('esbuild'),
    hono: version('hono'),
    ittyDurable: version('itty-durable'),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  }
}

/** Busy and total CPU milliseconds of the whole machine (all cores), from /proc/stat. */
export const machineCpu = async () => {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]
  const [, ...fields] = line.trim().split(/\s+/)
  const v = fields.map(Number)
  const idle = (v[3] ?? 0) + (v[4] ?? 0)
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0)
  return { busyMs: (total - idle) * 10, totalMs: total * 10 }
}
