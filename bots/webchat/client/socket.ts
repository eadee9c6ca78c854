import type { ChatBasics } from './basics'
import type { ChatText } from './copy'
import type { ChatTokens } from './tokens'
import type { Pending } from './types'

// The live socket: messages, typing and read signals as they happen, a ping to notice a dead
// line, reconnects with backoff, and the status in the header. Inlined by source like
// chat-client.ts: self-contained.

/** Keeps the page's live socket open while it can. */
export const chatSocket = (deps: {
  t: ChatText
  base: string
  tokens: Pick<ChatTokens, 'current' | 'ensureToken'>
  basics: Pick<ChatBasics, 'isRecord'>
  pending: ReadonlyMap<string, Pending>
  loadLatest: () => Promise<void>
  merge: (list: unknown[]) => void
  markRead: (upTo: number) => void
  showTyping: (name: string) => void
  dot: HTMLElement
  statusEl: HTMLElement
}) => {
  const { t, base, tokens, pending, loadLatest, merge, markRead, showTyping, dot, statusEl } = deps
  const { isRecord } = deps.basics
  let ws: WebSocket | null = null
  let attempts = 0
  let reconnectTimer = 0
  let pingTimer = 0
  let pongTimer = 0
  const setStatus = (state: 'online' | 'connecting' | 'offline') => {
    dot.className = `dot ${state}`
    statusEl.textContent = t[state]
  }
  const schedule = () => {
    clearTimeout(reconnectTimer)
    const delay = Math.min(1000 * 2 ** attempts, 15000)
    attempts++
    reconnectTimer = setTimeout(connect, delay)
  }
  const connect = () => {
    clearTimeout(reconnectTimer)
    if (ws) return
    const token = tokens.current()
    if (!token) {
      void tokens.ensureToken().then(connect, schedule)
      return
    }
    setStatus('connecting')
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://'
    const url = scheme + location.host + base + '/ws'
    // The token goes as a subprotocol, not in the URL; the server answers with 'webchat'.
    const sock = new WebSocket(url, ['webchat', 'token.' + token])
    ws = sock
    let opened = false
    const lost = () => {
      if (ws !== sock) return
      ws = null
      clearInterval(pingTimer)
      clearTimeout(pongTimer)
      setStatus('offline')
      // Never opened: maybe the token was rejected; history finds out and renews the session.
      if (!opened) void loadLatest()
      schedule()
    }
    sock.onopen = () => {
      opened = true
      attempts = 0
      setStatus('online')
      void loadLatest()
      pingTimer = setInterval(() => {
        if (sock.readyState !== 1) return
        sock.send('ping')
        clearTimeout(pongTimer)
        pongTimer = setTimeout(() => {
          lost()
          sock.close()
        }, 10000)
      }, 25000)
    }
    sock.onmessage = (e: MessageEvent<unknown>) => {
      clearTimeout(pongTimer)
      if (e.data === 'pong') return
      let frame: unknown
      try {
        frame = JSON.parse(String(e.data))
      } catch {
        return
      }
      if (!isRecord(frame)) return
      if (frame.type === 'typing') {
        showTyping(typeof frame.name === 'string' ? frame.name : '')
        return
      }
      if (frame.type === 'read' && typeof frame.upTo === 'number') {
        markRead(frame.upTo)
        return
      }
      if (frame.type !== 'message' || !isRecord(frame.message)) return
      if (frame.message.direction === 'out') showTyping('')
      merge([frame.message])
      // A reply overtook our own echo: reconcile order with the server's view.
      const posted = Array.from(pending.values()).some((p) => p.state === 'posted')
      if (posted && frame.message.direction === 'out') void loadLatest()
    }
    sock.onclose = lost
    sock.onerror = () => undefined
  }
  // A new session: the socket reopens with its token.
  const restart = () => {
    if (ws) {
      const old = ws
      ws = null
      old.close()
      connect()
    }
  }
  const live = () => ws?.readyState === 1
  const wake = () => {
    if (ws || document.visibilityState === 'hidden') return
    attempts = 0
    connect()
  }
  document.addEventListener('visibilitychange', wake)
  window.addEventListener('online', wake)
  return { setStatus, connect, schedule, restart, live }
}
