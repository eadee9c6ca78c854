import type { ChatCopy, ChatText } from './copy'
import type { Button, Message, Pending, View } from './types'
import type { chatViews } from './views'

// The chat page's script. The page inlines this function's source (`chatClient.toString()`, see
// script.ts), so the function must be self-contained: it may use browser globals and types, and
// the views it is given, never a value imported from another module. Message text only ever
// reaches the DOM as text nodes / textContent.

/** The chat page's script: sessions, history, sending, uploads and the live socket. */
export const chatClient = (copy: ChatCopy, views: typeof chatViews): void => {
  const lang: keyof ChatCopy = /^zh/i.test(navigator.language || '') ? 'zh' : 'en'
  const t: ChatText = copy[lang]
  // Embedded by the widget: Esc asks the launcher to close the chat (it returns focus to itself).
  if (window.parent !== window && new URLSearchParams(location.search).get('embed') === '1') {
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape')
        window.parent.postMessage({ ns: 'shop-chat', v: 1, type: 'close' }, '*')
    })
  }
  // Embedded by the widget: the shop page the customer is on travels with each message, for agents.
  const ref = new URLSearchParams(location.search).get('ref') ?? ''
  const fromPage = /^https?:\/\/[^\s]{1,490}$/.test(ref) ? { page: ref } : {}
  // The shop's branding (from its settings), carried as data attributes on <body>.
  const brand = document.body.dataset
  if (brand.accent && /^#[0-9a-fA-F]{6}$/.test(brand.accent))
    document.documentElement.style.setProperty('--accent', brand.accent)
  const welcome = lang === 'zh' ? brand.welcomeZh : brand.welcomeEn
  if (welcome) t.welcomeSub = welcome
  const $ = (id: string): HTMLElement => {
    const node = document.getElementById(id)
    if (!node) throw new Error(`#${id} is missing`)
    return node
  }
  const log = $('log')
  const msgs = $('msgs')
  const chips = $('chips')
  const intro = $('intro')
  const more = $('more')
  const input = $('input') as HTMLTextAreaElement
  const sendBtn = $('send') as HTMLButtonElement
  const dot = $('dot')
  const statusEl = $('status')
  const banner = $('banner')
  const attach = $('attach')

  document.documentElement.lang = lang
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const text = t[node.dataset.t as keyof ChatText]
    node.textContent = typeof text === 'string' ? text : ''
  }
  input.placeholder = t.placeholder
  input.setAttribute('aria-label', t.message)
  input.title = t.hint
  sendBtn.setAttribute('aria-label', t.send)
  sendBtn.title = t.send
  attach.setAttribute('aria-label', t.attach)
  attach.title = t.attach

  const BASE = location.pathname.replace(/\/+$/, '')
  const WEBHOOK = '/webhooks/webchat'
  const TOKEN_KEY = 'webchat.token'
  const PAGE = 50
  const MAX_TEXT = 4000

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
  const server = new Map<number, Message>() // message id -> CustomerMessage
  const pending = new Map<string, Pending>() // client id -> local echo of a message being sent
  const outbox: string[] = [] // client ids waiting to be posted, in order
  let seq = 0
  let hasMore = false
  let loadingOlder = false
  let pumping = false

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      setTimeout(resolve, ms)
    })
  const newClientId = (): string => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- older browsers lack it
    if (crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '')
    const bytes = crypto.getRandomValues(new Uint8Array(16))
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  }
  const clientIdOf = (m: Message): string =>
    typeof m.clientId === 'string' ? m.clientId.replace(/^client:/, '') : ''
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null
  const isButton = (value: unknown): value is Button =>
    isRecord(value) && typeof value.id === 'string' && typeof value.label === 'string'
  const readJson = async (res: Response): Promise<Record<string, unknown>> => {
    const body: unknown = await res.json()
    return isRecord(body) ? body : {}
  }

  // ---- session -----------------------------------------------------------------------------
  const showBanner = (on: boolean) => {
    banner.hidden = !on
  }
  const newSession = (): Promise<string> => {
    if (sessionJob) return sessionJob
    const job = (async () => {
      const res = await fetch(BASE + '/session', { method: 'POST' })
      if (!res.ok) throw new Error(`session ${res.status}`)
      const body = await readJson(res)
      const fresh = body.token as string
      token = fresh
      store.set(fresh)
      server.clear()
      hasMore = false
      render()
      if (ws) {
        const old = ws
        ws = null
        old.close()
        connect()
      }
      return fresh
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
      const res = await fetch(BASE + '/session/renew', {
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

  // ---- history -----------------------------------------------------------------------------
  const fetchPage = async (before?: number): Promise<unknown[]> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const tk = await ensureToken()
      const q = `?limit=${PAGE}${before ? `&before=${before}` : ''}`
      const res = await fetch(BASE + '/history' + q, {
        headers: { Authorization: `Bearer ${tk}` },
        cache: 'no-store',
      })
      if (res.status === 404) {
        // A session that has not written yet has no conversation: nothing to show.
        const body = await readJson(res).catch((): Record<string, unknown> => ({}))
        if (isRecord(body.error) && body.error.code === 'not_found') return []
      }
      if (res.status === 401 || res.status === 404) {
        await replaceSession(tk)
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

  // ---- rendering ---------------------------------------------------------------------------
  const { el, dayKey, fileLabel, kindOfType, withFiles, build } = views(
    t,
    navigator.language || undefined
  )
  // Up to which of the customer's messages a person has seen (a 'read' frame from the server).
  let readUpTo = 0
  const rows = (): View[] => {
    const sorted = Array.from(server.values()).sort((a, b) => a.id - b.id)
    const lastOwn =
      sorted
        .filter((m) => m.direction === 'in')
        .map((m) => m.id)
        .pop() ?? 0
    const list: View[] = sorted.map((m) => ({
      key: `s${m.id}`,
      me: m.direction === 'in',
      author: m.author,
      text: withFiles(m),
      at: m.at,
      state: '',
      buttons: m.buttons,
      agentName: m.agentName || '',
      read: m.id === lastOwn && m.id <= readUpTo,
    }))
    const local: View[] = Array.from(pending.values())
      .sort((a, b) => a.seq - b.seq)
      .map((p) => ({
        key: `c${p.clientId}`,
        me: true,
        author: 'customer',
        text: p.label || p.text,
        at: p.at,
        state: p.state,
        clientId: p.clientId,
      }))
    return list.concat(local)
  }

  const nodes = new Map<string, { node: HTMLElement; sig: string }>() // view key -> node
  const nearBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 96
  const toBottom = () => {
    log.scrollTop = log.scrollHeight
  }

  const render = (keepScroll?: boolean) => {
    const stick = !keepScroll && nearBottom()
    const list = rows()
    const seen = new Set<string>()
    const ordered: HTMLElement[] = []
    let prev: View | null = null
    for (const v of list) {
      const newDay = !prev || dayKey(prev.at) !== dayKey(v.at)
      const grouped =
        !newDay &&
        prev !== null &&
        prev.me === v.me &&
        prev.author === v.author &&
        v.at - prev.at < 3e5
      const sig = [v.text, v.state, v.author, v.agentName, v.at, newDay, grouped, v.read].join(
        '\u0001'
      )
      let entry = nodes.get(v.key)
      if (entry?.sig !== sig) {
        const node = build(v, newDay, grouped)
        if (entry) entry.node.replaceWith(node)
        entry = { node, sig }
        nodes.set(v.key, entry)
      }
      seen.add(v.key)
      ordered.push(entry.node)
      prev = v
    }
    for (const [key, entry] of nodes) {
      if (!seen.has(key)) {
        entry.node.remove()
        nodes.delete(key)
      }
    }
    ordered.forEach((node, i) => {
      if (msgs.children[i] !== node) msgs.insertBefore(node, msgs.children[i] ?? null)
    })
    intro.hidden = hasMore
    renderChips(list)
    if (stick) toBottom()
  }

  let chipsSig = ''
  // Before the first message the page offers the shop's topics (the greeting's buttons), so the
  // customer can start with a tap; the bot greets once, in its first answer.
  let starters: unknown[] = []
  const loadStarters = async () => {
    try {
      const res = await fetch(BASE + '/topics', { cache: 'no-store' })
      if (!res.ok) return
      const body = await readJson(res)
      starters = Array.isArray(body.buttons) ? (body.buttons as unknown[]) : []
      render()
    } catch {
      // No topics: the customer types.
    }
  }
  const renderChips = (list: View[]) => {
    const last = list[list.length - 1]
    const buttons: unknown[] = !last
      ? starters
      : !last.me && Array.isArray(last.buttons)
        ? (last.buttons as unknown[])
        : []
    const sig = (last ? last.key : 'start') + JSON.stringify(buttons)
    if (sig === chipsSig) return
    chipsSig = sig
    chips.replaceChildren()
    for (const b of buttons) {
      if (!isButton(b)) continue
      const chip = el('button', 'chip')
      chip.type = 'button'
      chip.textContent = b.label
      chip.addEventListener('click', () => {
        enqueue({ action: b.id, label: b.label, text: b.label })
      })
      chips.append(chip)
    }
    chips.hidden = chips.childElementCount === 0
  }

  // ---- sending -----------------------------------------------------------------------------
  const enqueue = (fields: Pick<Pending, 'text' | 'action' | 'label' | 'file'>) => {
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

  const retryAfter = (res: Response) => Math.min(60, Number(res.headers.get('Retry-After')) || 5)

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
        const tk = await ensureToken()
        const res = await fetch(WEBHOOK, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tk}` },
          body,
        })
        if (res.ok) return true
        if (res.status === 401) {
          await replaceSession(tk)
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

  // A file goes as its bytes; the server proves the format and sends the message with it. The
  // same client id on every try: the conversation stores it once.
  const upload = async (p: Pending, file: File): Promise<boolean | 'refused'> => {
    const q = `?id=${encodeURIComponent(p.clientId)}&name=${encodeURIComponent(file.name || '')}`
    for (let attempt = 0; attempt <= 3; attempt++) {
      if (attempt) await sleep(Math.min(1000 * 2 ** (attempt - 1), 4000))
      if (!pending.has(p.clientId)) return true
      try {
        const tk = await ensureToken()
        const res = await fetch(BASE + '/files' + q, {
          method: 'POST',
          headers: {
            'Content-Type': file.type || 'application/octet-stream',
            Authorization: `Bearer ${tk}`,
          },
          body: file,
        })
        if (res.ok) return true
        if (res.status === 401) {
          await replaceSession(tk)
          continue
        }
        if (res.status === 413) {
          showNotice(t.tooLarge)
          return 'refused'
        }
        if (res.status === 415) {
          showNotice(t.unsupported)
          return 'refused'
        }
        if (res.status === 429) {
          showNotice(t.slowDown)
          await sleep(retryAfter(res) * 1000)
          continue
        }
        if (res.status < 500) return false
      } catch {
        // Offline or reset: the next attempt.
      }
    }
    return false
  }
  const fileInput = $('file') as HTMLInputElement
  attach.addEventListener('click', () => {
    fileInput.click()
  })
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0]
    fileInput.value = ''
    if (!file) return
    // Checked here too, so a customer on a slow line doesn't wait for a refusal.
    if (file.size > 20 * 1024 * 1024) {
      showNotice(t.tooLarge)
      return
    }
    enqueue({ file, text: fileLabel(kindOfType(file.type || ''), file.name) })
  })

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
            if (ok && ws?.readyState !== 1) void loadLatest()
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

  const autosize = () => {
    input.style.height = 'auto'
    input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`
    sendBtn.disabled = !input.value.trim()
  }
  const submit = () => {
    const text = input.value
    if (!text.trim()) return
    enqueue({ text: text.slice(0, MAX_TEXT) })
    input.value = ''
    autosize()
  }
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault()
    submit()
    input.focus()
  })
  input.addEventListener('input', autosize)
  input.addEventListener('keydown', (e) => {
    // isComposing / 229: Enter confirming an IME candidate (Chinese input) must not send.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Safari's IME Enter is 229 only
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault()
      submit()
    }
  })
  log.addEventListener(
    'scroll',
    () => {
      if (log.scrollTop < 80) void loadOlder()
    },
    { passive: true }
  )

  // ---- live socket -------------------------------------------------------------------------
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
    if (!token) {
      void ensureToken().then(connect, schedule)
      return
    }
    setStatus('connecting')
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://'
    const url = scheme + location.host + BASE + '/ws'
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
        readUpTo = Math.max(readUpTo, frame.upTo)
        render()
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
  const typingEl = $('typing')
  let typingTimer = 0
  // An agent's typing signal lasts a few seconds unless renewed (the console sends one every 3 s).
  const showTyping = (name: string) => {
    clearTimeout(typingTimer)
    if (!name) {
      typingEl.hidden = true
      return
    }
    typingEl.textContent = `${name} ${t.typing}`
    typingEl.hidden = false
    typingTimer = setTimeout(() => {
      typingEl.hidden = true
    }, 6000)
  }
  const noticeEl = $('notice')
  let noticeTimer = 0
  const showNotice = (text: string) => {
    clearTimeout(noticeTimer)
    noticeEl.textContent = text
    noticeEl.hidden = false
    noticeTimer = setTimeout(() => {
      noticeEl.hidden = true
    }, 8000)
  }
  const wake = () => {
    if (ws || document.visibilityState === 'hidden') return
    attempts = 0
    connect()
  }
  document.addEventListener('visibilitychange', wake)
  window.addEventListener('online', wake)

  setStatus('connecting')
  autosize()
  render()
  void renew()
    .then(ensureToken)
    .then(() => {
      void loadLatest().then(() => {
        toBottom()
        if (server.size === 0) void loadStarters()
      })
      connect()
    }, schedule)
}
