import type { ChatBasics } from './basics'
import type { ChatText } from './copy'
import type { ChatTokens } from './tokens'
import type { Outgoing, Pending } from './types'

// The customer's messages and button presses on their way to the server: shown at once, posted
// one at a time in order, retried with the same id (the conversation dedupes), and offered for
// a retry by tap when they fail. Inlined by source like chat-client.ts: self-contained.

/** Queues what the customer sends and posts it. */
export const chatSending = (deps: {
  t: ChatText
  fromPage: { page?: string }
  pending: Map<string, Pending>
  tokens: Pick<ChatTokens, 'ensureToken' | 'replaceSession'>
  basics: Pick<ChatBasics, 'sleep' | 'retryAfter'>
  render: () => void
  toBottom: () => void
  showNotice: (text: string) => void
  showTyping: (name: string) => void
  /** Whether the live socket is open (then the answer arrives on it). */
  live: () => boolean
  loadLatest: () => Promise<void>
  upload: (p: Pending, file: File) => Promise<boolean | 'refused'>
  msgs: HTMLElement
}) => {
  const { t, fromPage, pending, tokens, render, toBottom, showNotice, showTyping } = deps
  const { live, loadLatest, upload, msgs } = deps
  const { sleep, retryAfter } = deps.basics
  const WEBHOOK = '/webhooks/webchat'
  const outbox: string[] = [] // client ids waiting to be posted, in order
  let seq = 0
  let pumping = false

  const newClientId = (): string => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- older browsers lack it
    if (crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '')
    const bytes = crypto.getRandomValues(new Uint8Array(16))
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  }

  const enqueue = (fields: Outgoing) => {
    const p: Pending = {
      clientId: newClientId(),
      at: Date.now(),
      seq: ++seq,
      state: 'sending',
      ...fields,
    }
    pending.set(p.clientId, p)
    outbox.push(p.clientId)
    render()
    toBottom()
    void pump()
  }

  const deliver = async (p: Pending): Promise<boolean | 'refused'> => {
    if (p.file) return upload(p, p.file)
    const body = JSON.stringify(
      p.action
        ? { id: p.clientId, action: p.action, label: p.label, ...fromPage }
        : { id: p.clientId, text: p.text, ...fromPage }
    )
    // One try plus up to five retries, always with the same id: the conversation dedupes.
    let wait = 0
    for (let attempt = 0; attempt <= 5; attempt++) {
      if (attempt) await sleep(wait || Math.min(1000 * 2 ** (attempt - 1), 4000))
      wait = 0
      if (!pending.has(p.clientId)) return true
      try {
        const tk = await tokens.ensureToken()
        const res = await fetch(WEBHOOK, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tk}` },
          body,
        })
        if (res.ok) return true
        if (res.status === 401) {
          await tokens.replaceSession(tk)
          continue
        }
        if (res.status === 429) {
          // Too fast: say so kindly, keep the message, and send it when the budget allows.
          wait = retryAfter(res) * 1000
          showNotice(t.slowDown)
          attempt = Math.min(attempt, 3)
          continue
        }
        if (res.status < 500 && res.status !== 408) return false
      } catch {
        // Offline or reset: the next attempt.
      }
    }
    return false
  }

  const pump = async () => {
    if (pumping) return
    pumping = true
    try {
      while (outbox.length) {
        const p = pending.get(outbox[0] ?? '')
        if (p?.state === 'sending') {
          const ok = await deliver(p)
          // A file the shop can't take: the notice says why, and there is nothing to retry.
          if (ok === 'refused') {
            pending.delete(p.clientId)
            render()
            outbox.shift()
            continue
          }
          if (pending.get(p.clientId) === p) {
            p.state = ok ? 'posted' : 'failed'
            // The assistant answers in a moment: say so until its reply arrives.
            if (ok) showTyping(t.assistant)
            render()
            if (ok && !live()) void loadLatest()
          }
        }
        outbox.shift()
      }
    } finally {
      pumping = false
    }
  }

  const retry = (clientId: string | undefined) => {
    const p = pending.get(clientId ?? '')
    if (p?.state !== 'failed') return
    p.state = 'sending'
    outbox.push(p.clientId)
    render()
    void pump()
  }
  const retryRow = (target: EventTarget | null) =>
    target instanceof Element ? target.closest<HTMLElement>('[data-retry]') : null
  msgs.addEventListener('click', (e) => {
    const row = retryRow(e.target)
    if (row) retry(row.dataset.retry)
  })
  msgs.addEventListener('keydown', (e) => {
    const row = retryRow(e.target)
    if (!row || (e.key !== 'Enter' && e.key !== ' ')) return
    e.preventDefault()
    retry(row.dataset.retry)
  })
  return { enqueue }
}
