// `npm start`: first-run setup, local D1 migrations, then `wrangler dev` with any extra flags.
// Runs on the project's own Node (the `node` dev dependency), so wrangler's version check passes.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

const devVars = resolve('.dev.vars')
if (!existsSync(devVars)) {
  copyFileSync(resolve('.dev.vars.example'), devVars)
  const filled = readFileSync(devVars, 'utf8')
    .replace(/^ADMIN_TOKEN=$/m, `ADMIN_TOKEN=${randomBytes(24).toString('hex')}`)
    .replace(/^WEBCHAT_SECRET=$/m, `WEBCHAT_SECRET=${randomBytes(32).toString('hex')}`)
  writeFileSync(devVars, filled, { mode: 0o600 })
  console.log(`Created ${devVars} with a random ADMIN_TOKEN (use it as the API's bearer token).`)
} else {
  console.log(`Using ${devVars} (ADMIN_TOKEN is the API's bearer token).`)
}

const wrangler = (args) =>
  spawnSync('wrangler', args, { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, CI: process.env.CI ?? '1' } })

const migrated = wrangler(['d1', 'migrations', 'apply', 'DB', '--local'])
if (migrated.status !== 0) process.exit(migrated.status ?? 1)

const dev = spawnSync('wrangler', ['dev', ...process.argv.slice(2)], { stdio: 'inherit', shell: process.platform === 'win32' })
process.exit(dev.status ?? 0)
