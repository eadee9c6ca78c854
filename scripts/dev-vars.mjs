// `.dev.vars` for `npm start`: create it from `.dev.vars.example`, and repair the two secrets the
// local Worker cannot run without. Everything else in the file is left byte for byte as it was.
import { randomBytes } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'

/** The secrets `npm start` fills in, what they are for, and how long a random value it writes. */
export const REQUIRED = [
  { name: 'ADMIN_TOKEN', bytes: 24, without: 'the admin API answers 503 admin_not_configured' },
  { name: 'WEBCHAT_SECRET', bytes: 32, without: 'the web chat (/chat) is off' },
]

/** A dotenv value as wrangler reads it: quotes removed, an unquoted ` # comment` dropped. */
const valueOf = (raw) => {
  const text = raw.trim()
  const quoted = /^(['"`])([\s\S]*)\1(\s+#.*)?$/.exec(text)
  if (quoted) return quoted[2]
  return text.replace(/(^|\s)#.*$/, '').trim()
}

/**
 * Fills each REQUIRED name whose value is missing or empty: an empty definition line is replaced
 * in place (the last one, which is the one dotenv keeps), a missing one is appended. Returns the
 * new text and what was repaired.
 */
export const repairDevVars = (text, random = (bytes) => randomBytes(bytes).toString('hex')) => {
  let out = text
  const repaired = []
  for (const { name, bytes, without } of REQUIRED) {
    const line = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=(.*)$`, 'gm')
    const matches = [...out.matchAll(line)]
    const last = matches.at(-1)
    if (last && valueOf(last[1]) !== '') continue
    const definition = `${name}=${random(bytes)}`
    if (last) {
      // `.` and `$` stop before \r as well as \n, so a CRLF line keeps its ending.
      out = out.slice(0, last.index) + definition + out.slice(last.index + last[0].length)
    } else {
      const eol = out.includes('\r\n') ? '\r\n' : '\n'
      out += (out === '' || out.endsWith('\n') ? '' : eol) + definition + eol
    }
    repaired.push({ name, missing: !last, without })
  }
  return { text: out, repaired }
}

/**
 * Makes sure `path` exists (copied from `example`), has both secrets and is private (0600, set
 * explicitly: the mode given to writeFileSync only applies to a new file and goes through the
 * umask, and copyFileSync keeps the example's world-readable mode). Returns what it did.
 */
export const ensureDevVars = (path, example) => {
  const created = !existsSync(path)
  if (created) copyFileSync(example, path)
  const before = readFileSync(path, 'utf8')
  const { text, repaired } = repairDevVars(before)
  if (text !== before) writeFileSync(path, text, { mode: 0o600 })
  const oldMode = statSync(path).mode & 0o777
  if (process.platform !== 'win32' && oldMode !== 0o600) chmodSync(path, 0o600)
  return { created, repaired: created ? [] : repaired, oldMode: created ? 0o600 : oldMode }
}
