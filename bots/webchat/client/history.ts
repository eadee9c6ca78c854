import type { ChatBasics } from './basics'
import type { ChatTokens } from './tokens'
import type { Message, Pending } from './types'

// The conversation's history from the server: the latest page (after a reconnect, back to what
// the page already had) and earlier pages as the customer scrolls up. Inlined by source like
// chat-client.ts: self-contained.

/** Loads and merges the server's messages; a message echoing a pending one settles it. */
export const chatHistory = (deps: {
  base: string
  server: Map<number, Message>
  pending: Map<string, Pending>
  tokens: Pick<ChatTokens, 'ensureToken' | 'replaceSession'>
  basics: Pick<ChatBasics, 'isRecord' | 'readJson'>
  render: (keepScroll?: boolean) => void
  showBanner: (on: boolean) => void
  log: HTMLElement
  more: HTMLElement
}) => {
  const { base, server, pending, tokens, render, showBanner, log, more } = deps
  const { isRecord, readJson } = deps.basics
  const PAGE = 50
  let hasMore = false
  let loadingOlder = false

  const fetchPage = async (before?: number): Promise<unknown[]> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const tk = await tokens.ensureToken()
      const q = `?limit=${PAGE}${before ? `&before=${before}` : ''}`
      const res = await fetch(base + '/history' + q, {
        headers: { Authorization: `Bearer ${tk}` },
        cache: 'no-store',
      })
      if (res.status === 404) {
        // A session that has not written yet has no conversation: nothing to show.
        const body = await readJson(res).catch((): Record<string, unknown> => ({}))
        if (isRecord(body.error) && body.error.code === 'not_found') return []
      }
      if (res.status === 401 || res.status === 404) {
        await tokens.replaceSession(tk)
        continue
      }
      if (!res.ok) throw new Error(`history ${res.status}`)
      const body = await readJson(res)
      return Array.isArray(body.messages) ? (body.messages as unknown[]) : []
    }
    return []
  }
  const maxId = () => Math.max(0, ...server.keys())
  const minId = () => Math.min(...server.keys())
  const idOf = (m: unknown): number => (isRecord(m) && typeof m.id === 'number' ? m.id : NaN)
  const clientIdOf = (m: Message): string =>
    typeof m.clientId === 'string' ? m.clientId.replace(/^client:/, '') : ''

  const accept = (m: unknown): boolean => {
    if (!isRecord(m) || typeof m.id !== 'number' || typeof m.text !== 'string') return false
    const message = m as unknown as Message
    server.set(message.id, message)
    const cid = clientIdOf(message)
    if (cid) pending.delete(cid)
    return true
  }
  const merge = (list: unknown[], keepScroll?: boolean) => {
    let changed = false
    for (const m of list) changed = accept(m) || changed
    if (changed) render(keepScroll)
  }

  let latestJob: Promise<void> | null = null
  const loadLatest = (): Promise<void> => {
    latestJob ??= (async () => {
      try {
        const first = server.size === 0
        const known = maxId()
        let page = await fetchPage()
        merge(page)
        if (first) hasMore = page.length >= PAGE
        // Long disconnect: page back until the gap to what we already had is closed.
        for (let i = 0; i < 5 && known && page.length >= PAGE && idOf(page[0]) > known; i++) {
          page = await fetchPage(idOf(page[0]))
          merge(page)
        }
        render()
        showBanner(false)
      } catch {
        // The socket or the next send tries again.
      }
    })().finally(() => {
      latestJob = null
    })
    return latestJob
  }
  const loadOlder = async () => {
    if (!hasMore || loadingOlder || server.size === 0) return
    loadingOlder = true
    more.hidden = false
    try {
      const page = await fetchPage(minId())
      const height = log.scrollHeight
      hasMore = page.length >= PAGE
      merge(page, true)
      log.scrollTop += log.scrollHeight - height
    } catch {
      // Scrolling up again retries.
    } finally {
      loadingOlder = false
      more.hidden = true
    }
  }
  log.addEventListener(
    'scroll',
    () => {
      if (log.scrollTop < 80) void loadOlder()
    },
    { passive: true }
  )

  // A new session starts an empty conversation.
  const forget = () => {
    server.clear()
    hasMore = false
  }
  return { loadLatest, merge, forget, hasMore: () => hasMore }
}
