// Points the Telegram bot at this Worker: `npm run telegram:webhook -- https://<public-host>`.
// Reads TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and TELEGRAM_API_BASE from the environment,
// else from ./.dev.vars. No dependencies (Node's global fetch).
// API: https://core.telegram.org/bots/api#setwebhook
import { existsSync, readFileSync } from 'node:fs'

const ROUTE = '/webhooks/telegram'
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query']
// secret_token: 1-256 characters, only A-Z, a-z, 0-9, _ and -
const SECRET_CHARSET = /^[A-Za-z0-9_-]{1,256}$/

const fail = (message) => {
  console.error(`telegram:webhook: ${message}`)
  process.exit(1)
}

/** KEY=VALUE lines; blank lines and # comments ignored, optional quotes stripped. */
const readDevVars = (path) => {
  if (!existsSync(path)) return {}
  const vars = {}
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed)
    if (!match) continue
    const [, key, raw] = match
    const quoted = /^(['"])(.*)\1$/.exec(raw)
    vars[key] = quoted ? quoted[2] : raw
  }
  return vars
}

const publicUrl = process.argv[2]
if (!publicUrl) {
  fail('missing public URL.\nUsage: npm run telegram:webhook -- https://<your-worker-host>')
}
let parsed
try {
  parsed = new URL(publicUrl)
} catch {
  fail(`not a URL: ${publicUrl}`)
}
if (parsed.protocol !== 'https:') fail(`Telegram only calls https:// webhooks, got ${publicUrl}`)

const devVars = readDevVars('.dev.vars')
const setting = (name) => process.env[name] || devVars[name] || ''
const token = setting('TELEGRAM_BOT_TOKEN')
const secret = setting('TELEGRAM_WEBHOOK_SECRET')
const base = (setting('TELEGRAM_API_BASE') || 'https://api.telegram.org').replace(/\/+$/, '')

if (!token) fail('TELEGRAM_BOT_TOKEN is not set (environment or .dev.vars); get it from @BotFather')
if (!secret) fail('TELEGRAM_WEBHOOK_SECRET is not set (environment or .dev.vars)')
if (!SECRET_CHARSET.test(secret)) {
  fail('TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ - (Telegram rule)')
}

const redact = (text) => String(text).split(token).join('<token>')

const call = async (method, payload) => {
  let response
  try {
    response = await fetch(`${base}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload ?? {}),
    })
  } catch (error) {
    fail(`cannot reach ${base}: ${redact(error instanceof Error ? error.message : error)}`)
  }
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    fail(`${method}: HTTP ${response.status}, not JSON: ${redact(text.slice(0, 200))}`)
  }
}

const url = publicUrl.replace(/\/+$/, '') + ROUTE
console.log(`setWebhook -> ${url}`)
const answer = await call('setWebhook', {
  url,
  secret_token: secret,
  allowed_updates: ALLOWED_UPDATES,
  drop_pending_updates: false,
})
console.log(JSON.stringify(answer, null, 2))
if (answer?.ok !== true) fail(`Telegram refused the webhook: ${answer?.description ?? 'no reason'}`)

console.log('getWebhookInfo')
const info = await call('getWebhookInfo')
console.log(JSON.stringify(info, null, 2))
if (info?.ok !== true) fail(`getWebhookInfo failed: ${info?.description ?? 'no reason'}`)
