import type { ChatBasics } from './basics'

// The customer's session token: kept across visits, created when missing or rejected, renewed
// while the page is open. Inlined by source like chat-client.ts: self-contained.

/** The page's session: its token, and how to get a new one. */
export const chatTokens = (deps: {
  base: string
  readJson: ChatBasics['readJson']
  showBanner: (on: boolean) => void
  /** A new session replaced the old one (its conversation is someone else's now). */
  fresh: () => void
}) => {
  const { base, readJson, showBanner, fresh } = deps
  const TOKEN_KEY = 'webchat.token'
  // Storage can be blocked (private mode, third-party iframes): fall back to memory.
  let memoryToken: string | null = null
  const store = {
    get(): string | null {
      try {
        return localStorage.getItem(TOKEN_KEY)
      } catch {
        return memoryToken
      }
    },
    set(value: string) {
      memoryToken = value
      try {
        localStorage.setItem(TOKEN_KEY, value)
      } catch {
        // Memory only.
      }
    },
  }

  let token = store.get()
  let sessionJob: Promise<string> | null = null
  const newSession = (): Promise<string> => {
    if (sessionJob) return sessionJob
    const job = (async () => {
      const res = await fetch(base + '/session', { method: 'POST' })
      if (!res.ok) throw new Error(`session ${res.status}`)
      const body = await readJson(res)
      const created = body.token as string
      token = created
      store.set(created)
      fresh()
      return created
    })()
    sessionJob = job
    void job
      .then(
        () => {
          showBanner(false)
        },
        () => {
          showBanner(true)
        }
      )
      .finally(() => {
        sessionJob = null
      })
    return job
  }
  const ensureToken = (): Promise<string> => (token ? Promise.resolve(token) : newSession())
  // Tokens expire after a week; while the page is open it renews them well before that.
  const expiryOf = (tk: string | null): number => {
    const parts = (tk ?? '').split('.')
    return parts.length === 3 ? parseInt(parts[1] ?? '', 36) || 0 : 0
  }
  const renew = async () => {
    if (!token || expiryOf(token) - Date.now() > 3.5 * 864e5) return
    try {
      const res = await fetch(base + '/session/renew', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      })
      if (!res.ok) return
      const body = await readJson(res)
      if (
        typeof body.sessionId === 'string' &&
        typeof body.token === 'string' &&
        body.sessionId &&
        body.token &&
        token.startsWith(`${body.sessionId}.`)
      ) {
        token = body.token
        store.set(token)
      }
    } catch {
      // Renewed on the next hour.
    }
  }
  setInterval(() => void renew(), 3600e3)
  // Only the first caller that saw a token rejected replaces it.
  const replaceSession = (rejected: string) => (token === rejected ? newSession() : ensureToken())
  const current = () => token
  return { current, ensureToken, renew, replaceSession }
}

/** The session `chatTokens` returns. */
export type ChatTokens = ReturnType<typeof chatTokens>
