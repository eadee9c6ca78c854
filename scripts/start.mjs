// `npm start`: first-run setup, local D1 migrations, then `wrangler dev` with any extra flags, and
// once wrangler is ready a short block saying where things are and which channels are on.
// Runs on the project's own Node (the `node` dev dependency), so wrangler's version check passes.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ensureDevVars } from './dev-vars.mjs'

const shell = process.platform === 'win32'
const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code) => (text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
const bold = paint('1')
const dim = paint('2')
const yellow = paint('33')
// eslint-disable-next-line no-control-regex -- ESC starts the colour codes being removed
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')

// 1. .dev.vars: created on first run, repaired when a required secret is missing or empty, 0600.
const devVars = resolve('.dev.vars')
const vars = ensureDevVars(devVars, resolve('.dev.vars.example'))
if (vars.created) {
  console.log(`Created .dev.vars with a random ADMIN_TOKEN and WEBCHAT_SECRET (mode 600).`)
}
for (const { name, missing, without } of vars.repaired) {
  console.warn(
    yellow(`Warning: .dev.vars ${missing ? 'had no' : 'had an empty'} ${name}, so ${without};`) +
      ` wrote a random one to .dev.vars.`
  )
}
if (!vars.created && vars.oldMode !== 0o600 && process.platform !== 'win32') {
  console.warn(
    yellow(`Warning: .dev.vars was readable by others (mode ${vars.oldMode.toString(8)});`) +
      ` made it private (600).`
  )
}

// 2. Local D1 migrations: quiet when there is nothing to apply.
// A `--persist-to <dir>` given to npm start applies to the migrations too (the browser tests use one).
const persistAt = process.argv.findIndex((arg) => arg === '--persist-to')
const persist = persistAt >= 0 ? ['--persist-to', process.argv[persistAt + 1] ?? ''] : []
const migrated = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], {
  encoding: 'utf8',
  shell,
  env: { ...process.env, CI: process.env.CI ?? '1' },
})
const migrationLog = `${migrated.stdout ?? ''}${migrated.stderr ?? ''}`
if (migrated.status !== 0) {
  process.stderr.write(migrationLog)
  if (migrated.error) console.error(migrated.error.message)
  console.error('Applying the local D1 migrations failed (output above).')
  process.exit(migrated.status ?? 1)
}
if (!/No migrations to apply/i.test(migrationLog)) {
  // Names of the applied files, from wrangler's status table (`│ 0001_x.sql │ ✅ │`).
  const applied = [
    ...new Set(
      stripAnsi(migrationLog)
        .split('\n')
        .filter((line) => /✅|applied/i.test(line))
        .flatMap((line) => line.match(/\b[\w-]+\.sql\b/g) ?? [])
    ),
  ]
  if (applied.length > 0)
    console.log(`Applied ${applied.length} local D1 migration(s): ${applied.join(', ')}`)
  else process.stdout.write(migrationLog)
}

// 3. wrangler dev, its output passed through line by line, watched for "Ready on <url>".
const args = process.argv.slice(2)
const flag = (name) => {
  for (let i = args.length - 1; i >= 0; i -= 1) {
    const arg = args[i]
    if (arg === `--${name}`) return args[i + 1]
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
  }
  return undefined
}
/** The URL to print and to call: a wildcard listen address is reached through loopback. */
const reachable = (url) =>
  url.replace(/\/\/(0\.0\.0\.0|\[::\]|\*)(?=[:/]|$)/, '//127.0.0.1').replace(/\/+$/, '')
const fromFlags = () => {
  const protocol = flag('local-protocol') === 'https' ? 'https' : 'http'
  const ip = flag('ip') ?? 'localhost'
  const host = ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip
  return reachable(`${protocol}://${host}:${flag('port') ?? 8787}`)
}

const dev = spawn('wrangler', ['dev', ...args], {
  shell,
  stdio: ['inherit', 'pipe', 'pipe'],
  // wrangler sees pipes, not a terminal; keep its colours when ours is one.
  env: color ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : process.env,
})

let ready = false
let hideHealthLog = false
const pass = (stream, out) => {
  let pending = ''
  let timer
  const emit = (line) => {
    const plain = stripAnsi(line)
    // The one request this script makes is not the user's traffic.
    if (hideHealthLog && /\bGET \/healthz\b/.test(plain)) {
      hideHealthLog = false
      return
    }
    out.write(line)
    const match = /Ready on (\S+)/.exec(plain)
    if (match && !ready) {
      ready = true
      void announce(/^https?:\/\//.test(match[1] ?? '') ? reachable(match[1]) : fromFlags())
    }
  }
  stream.setEncoding('utf8')
  stream.on('data', (chunk) => {
    clearTimeout(timer)
    const lines = (pending + chunk).split(/(?<=\n)/)
    pending = lines.at(-1)?.endsWith('\n') ? '' : (lines.pop() ?? '')
    for (const line of lines) emit(line)
    // A prompt or progress text without a newline is shown after a moment anyway.
    if (pending)
      timer = setTimeout(() => {
        out.write(pending)
        pending = ''
      }, 150)
  })
  stream.on('end', () => pending && out.write(pending))
}
pass(dev.stdout, process.stdout)
pass(dev.stderr, process.stderr)

/** `GET /healthz` (the same rule the Worker uses for which channels are configured). */
const health = async (base) => {
  hideHealthLog = true
  try {
    const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return await response.json()
  } catch (error) {
    hideHealthLog = false
    return {
      error: error instanceof Error ? (error.cause?.message ?? error.message) : String(error),
    }
  } finally {
    // Let wrangler log the request (hidden above) before the block goes last.
    await new Promise((done) => setTimeout(done, 250))
    hideHealthLog = false
  }
}

const announce = async (base) => {
  const status = await health(base)
  const channels = Object.entries(status.channels ?? {})
  const enabled = channels.filter(([, state]) => state === 'enabled').map(([name]) => name)
  const disabled = channels.filter(([, state]) => state !== 'enabled').map(([name]) => name)
  const token = `$(sed -n 's/^ADMIN_TOKEN=//p' .dev.vars)`
  // The local sign-in is printed in full: it is this machine's own development secret.
  const adminToken = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(devVars, 'utf8'))?.[1]?.trim() ?? ''
  const lines = [
    '',
    bold('Service engine is running'),
    `  Web chat   ${bold(`${base}/chat`)}`,
    `  Console    ${bold(`${base}/console`)}  sign in with email ${bold('admin')} and password ${bold(adminToken)}`,
    `  Admin API  bearer token = ADMIN_TOKEN in .dev.vars; try:`,
    `             curl -H "Authorization: Bearer ${token}" ${base}/api/v1/conversations`,
  ]
  if (status.error) {
    lines.push(`  Channels   unknown (${base}/healthz did not answer: ${status.error})`)
  } else {
    lines.push(`  Channels   enabled: ${enabled.join(', ') || 'none'}`)
    if (disabled.length > 0)
      lines.push(
        `             no secrets in .dev.vars (off, 404): ${disabled.join(', ')}`,
        dim(
          `             each channel's secrets: README "Configuration" and bots/<channel>/README.md`
        )
      )
    if (status.adminApi && status.adminApi !== 'configured')
      lines.push(yellow(`  Admin API is ${status.adminApi}: check ADMIN_TOKEN in .dev.vars`))
  }
  lines.push(dim('  Stop with Ctrl-C.'), '')
  process.stdout.write(`${lines.join('\n')}\n`)
}

// Ctrl-C reaches wrangler too (same process group); pass on signals sent to this script alone.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (dev.exitCode === null && dev.signalCode === null) dev.kill(signal)
  })
}
dev.on('error', (error) => {
  console.error(`Could not start wrangler dev: ${error.message}`)
  process.exit(1)
})
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
