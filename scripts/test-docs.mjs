// `npm run test:docs`: every shell example in the README, run in order as pasted, against a fresh
// engine on localhost:8787 (wrangler dev with throwaway state, Telegram pointed at a local
// stand-in), from a scratch folder holding a `.dev.vars` like the one `npm start` writes. Each
// `curl` fails on an HTTP error. Blocks after a `<!-- docs-test: skip (why) -->` line are not run
// (installing, starting, deploying). Exits 1 naming the first example that broke.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const ROOT = resolve('.')
const PORT = 8787 // the README's examples name it
const work = mkdtempSync(join(tmpdir(), 'docs-test-'))
const persist = join(work, 'state')
const devLog = join(work, 'wrangler.log')
const secrets = {
  ADMIN_TOKEN: randomBytes(24).toString('hex'),
  WEBCHAT_SECRET: randomBytes(32).toString('hex'),
  TELEGRAM_BOT_TOKEN: `424242:${randomBytes(12).toString('hex')}`,
  TELEGRAM_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
}
const groups = new Set()
const childEnv = {
  ...process.env,
  PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
  CI: '1',
  WRANGLER_SEND_METRICS: 'false',
}

/** The shell blocks of a markdown text, with the line each starts on; skipped ones marked. */
export const shellBlocks = (markdown) => {
  const lines = markdown.split('\n')
  const blocks = []
  let skip = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const marker = /<!--\s*docs-test:\s*skip\b(.*?)-->/.exec(line)
    if (marker) skip = marker[1].trim() || 'marked'
    if (/^\s*```sh\s*$/.test(line)) {
      const start = i + 1
      const body = []
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++)
        body.push(lines[i].replace(/^ {3}/, ''))
      blocks.push({ line: start, code: body.join('\n'), skip })
      skip = null
    }
  }
  return blocks
}

const run = (cmd, args, opts = {}) =>
  new Promise((done) => {
    const child = spawn(cmd, args, { env: childEnv, ...opts })
    let out = ''
    child.stdout?.on('data', (d) => (out += d))
    child.stderr?.on('data', (d) => (out += d))
    child.on('exit', (code) => done({ code, out }))
  })

const startEngine = async (apiPort) => {
  const out = createWriteStream(devLog)
  await new Promise((done) => out.on('open', done))
  const migrated = await run('npx', [
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--persist-to',
    persist,
  ])
  if (migrated.code !== 0) throw new Error(`migrations failed:\n${migrated.out}`)
  const envFile = join(work, '.dev.vars')
  writeFileSync(
    envFile,
    [
      ...Object.entries(secrets).map(([k, v]) => `${k}=${v}`),
      `TELEGRAM_API_BASE=http://127.0.0.1:${apiPort}`,
      '',
    ].join('\n'),
    { mode: 0o600 }
  )
  const dev = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--port',
      String(PORT),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      persist,
      '--env-file',
      envFile,
      '--show-interactive-dev-session=false',
    ],
    {
      env: childEnv,
      detached: true,
      stdio: ['ignore', out, out],
    }
  )
  groups.add(dev.pid)
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    if (dev.exitCode !== null) break
    const health = await fetch(`http://127.0.0.1:${PORT}/healthz`).catch(() => null)
    if (health?.ok) return
    await sleep(500)
  }
  throw new Error(
    `wrangler dev did not come up on port ${PORT} (is npm start running?); see ${devLog}:\n${readFileSync(devLog, 'utf8').slice(-2000)}`
  )
}

const main = async () => {
  // A Telegram Bot API stand-in, as the README's "Try it locally" paragraph describes.
  const standIn = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      res.end('{"ok":true,"result":{"message_id":1}}')
    })
  })
  const apiPort = await new Promise((done) =>
    standIn.listen(0, '127.0.0.1', () => done(standIn.address().port))
  )
  try {
    await startEngine(apiPort)
    const blocks = shellBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'))
    const runnable = blocks.filter((b) => !b.skip)
    console.log(
      `docs: ${runnable.length} README shell blocks to run, ${blocks.length - runnable.length} skipped`
    )
    // One shell for all blocks, so variables set in one (T, J, B) carry to the next, as when pasted.
    const script = [
      'set -eo pipefail',
      // Every example must succeed: an HTTP error fails it (the README's curls use -s only).
      'curl() { command curl --fail-with-body --max-time 60 "$@"; }',
      ...runnable.map((b) => `echo "::block README.md:${b.line}"\n${b.code}\necho`),
    ].join('\n')
    writeFileSync(join(work, 'readme.sh'), script)
    const env = { ...childEnv, TELEGRAM_WEBHOOK_SECRET: secrets.TELEGRAM_WEBHOOK_SECRET }
    const result = await run('bash', [join(work, 'readme.sh')], { cwd: work, env })
    const lastBlock =
      [...result.out.matchAll(/::block (README\.md:\d+)/g)].at(-1)?.[1] ?? 'the first block'
    if (result.code !== 0) {
      console.log(result.out.slice(-3000))
      console.log(`docs: FAILED in the example block at ${lastBlock} (exit ${result.code})`)
      return 1
    }
    if (process.env.DOCS_VERBOSE) console.log(result.out)
    console.log(`docs: all ${runnable.length} blocks ran as pasted`)
    console.log(`${runnable.length} passed, 0 failed`)
    return 0
  } finally {
    standIn.close()
  }
}

let code = 1
try {
  code = await main()
} catch (err) {
  console.error(`docs: ${err instanceof Error ? err.message : String(err)}`)
}
for (const pgid of groups) {
  try {
    process.kill(-pgid, 'SIGTERM')
  } catch {
    // already gone
  }
}
await sleep(500)
rmSync(work, { recursive: true, force: true })
process.exit(code)
