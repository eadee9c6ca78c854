const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)

const CSS = String.raw`
:root {
  --accent: #4f5bd5; --accent-2: #7a5af5; --accent-ink: #fff;
  --bg: #f5f6fa; --panel: #fff; --ink: #1d2230; --muted: #545b69; --line: #e7e9f0;
  --bubble: #fff; --danger: #b42323; --ok: #22c55e; --warn: #f5a524; --idle: #a3a9b6;
  --shadow: 0 1px 2px rgba(20, 24, 40, .06), 0 2px 8px rgba(20, 24, 40, .05);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --accent: #6f7cf0; --bg: #0f1117; --panel: #171a22; --ink: #e8eaf0; --muted: #9aa2b1;
    --line: #262a35; --bubble: #1f232d; --idle: #5b6170; --danger: #ff8080;
    --shadow: 0 1px 2px rgba(0, 0, 0, .3);
  }
}
* { box-sizing: border-box }
html, body { height: 100%; margin: 0 }
body {
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial,
    'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif;
  background: var(--bg); color: var(--ink); -webkit-font-smoothing: antialiased;
  -webkit-text-size-adjust: 100%;
}
.app {
  display: flex; flex-direction: column; height: 100vh; height: 100dvh; max-width: 760px;
  margin: 0 auto; background: var(--bg); position: relative;
}
@media (min-width: 800px) {
  body { background: color-mix(in srgb, var(--bg) 88%, var(--ink)) }
  .app { box-shadow: 0 10px 40px rgba(20, 24, 40, .10) }
}
.top {
  display: flex; align-items: center; gap: 12px; padding: 12px 16px;
  padding-top: max(12px, env(safe-area-inset-top)); background: var(--panel);
  border-bottom: 1px solid var(--line); box-shadow: 0 1px 6px rgba(20, 24, 40, .04); z-index: 1;
}
.avatar {
  width: 40px; height: 40px; border-radius: 50%; flex: none; position: relative;
  display: grid; place-items: center; color: #fff; font-weight: 600; font-size: 17px;
  background: linear-gradient(135deg, var(--accent), var(--accent-2));
}
.avatar.big { width: 56px; height: 56px; font-size: 23px; margin: 0 auto 12px }
.dot {
  position: absolute; right: -1px; bottom: -1px; width: 12px; height: 12px; border-radius: 50%;
  border: 2px solid var(--panel); background: var(--idle); transition: background .3s;
}
.dot.online { background: var(--ok) }
.dot.connecting { background: var(--warn) }
.who { min-width: 0 }
.who h1 {
  font-size: 16px; font-weight: 600; margin: 0; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis;
}
.status { font-size: 12.5px; color: var(--muted) }
.banner {
  margin: 10px 14px 0; padding: 9px 12px; border-radius: 10px; font-size: 13.5px;
  background: color-mix(in srgb, var(--danger) 12%, var(--panel)); color: var(--danger);
}
.log {
  flex: 1; overflow-y: auto; padding: 8px 14px 12px; overscroll-behavior: contain;
  scrollbar-width: thin;
  scrollbar-color: color-mix(in srgb, var(--muted) 40%, transparent) transparent;
}
.more { text-align: center; font-size: 12px; color: var(--muted); padding: 8px 0 }
.intro { text-align: center; padding: 22px 20px 10px; color: var(--muted); font-size: 14px }
.intro strong {
  display: block; color: var(--ink); font-size: 16px; font-weight: 600; margin-bottom: 4px;
}
.day { text-align: center; font-size: 12px; color: var(--muted); margin: 18px 0 4px }
.row { display: flex; flex-direction: column; max-width: 82%; margin-top: 12px }
.row.grouped { margin-top: 3px }
.row.me { margin-left: auto; align-items: flex-end }
.row.them { margin-right: auto; align-items: flex-start }
.author { font-size: 12px; color: var(--muted); margin: 0 0 3px 12px }
.bubble {
  padding: 9px 14px; border-radius: 18px; white-space: pre-wrap; overflow-wrap: anywhere;
  box-shadow: var(--shadow); animation: pop .18s ease-out;
}
@keyframes pop {
  from { opacity: 0; transform: translateY(4px) }
  to { opacity: 1; transform: none }
}
.me .bubble { background: var(--accent); color: var(--accent-ink); border-bottom-right-radius: 6px }
.them .bubble { background: var(--bubble); border-bottom-left-radius: 6px }
.me.grouped .bubble { border-top-right-radius: 6px }
.them.grouped .bubble { border-top-left-radius: 6px }
.bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px }
.them .bubble a { color: var(--accent) }
.meta { font-size: 11px; color: var(--muted); margin: 3px 10px 0 }
.row.sending .bubble { opacity: .7 }
.row.failed { cursor: pointer }
.row.failed .bubble {
  background: transparent; color: var(--danger); box-shadow: inset 0 0 0 1px var(--danger);
}
.row.failed .meta { color: var(--danger); font-weight: 500 }
.chips {
  display: flex; flex-wrap: wrap; gap: 8px; padding: 2px 14px 12px; justify-content: flex-end;
}
.chip {
  font: inherit; font-size: 14px; padding: 7px 15px; border-radius: 999px; cursor: pointer;
  border: 1px solid color-mix(in srgb, var(--accent) 55%, transparent); color: var(--accent);
  background: var(--panel); box-shadow: var(--shadow); transition: background .15s, color .15s;
}
.chip:hover, .chip:focus-visible {
  background: var(--accent); color: var(--accent-ink); outline: none;
}
.composer {
  display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px; background: var(--panel);
  padding-bottom: max(10px, env(safe-area-inset-bottom)); border-top: 1px solid var(--line);
}
.composer textarea {
  flex: 1; resize: none; min-height: 42px; max-height: 140px; padding: 10px 15px; margin: 0;
  font: inherit; font-size: 16px; line-height: 1.35; color: var(--ink); background: var(--bg);
  border: 1px solid var(--line); border-radius: 21px; outline: none;
  transition: border-color .15s, box-shadow .15s;
}
.composer textarea:focus {
  border-color: var(--accent);
  box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 18%, transparent);
}
.send {
  width: 42px; height: 42px; flex: none; border: 0; border-radius: 50%; cursor: pointer;
  display: grid; place-items: center; color: var(--accent-ink); background: var(--accent);
  transition: opacity .15s, transform .1s;
}
.attach {
  width: 42px; height: 42px; flex: none; border: 1px solid var(--line); border-radius: 50%; cursor: pointer;
  display: grid; place-items: center; color: var(--muted); background: var(--bg);
}
.attach:hover, .attach:focus-visible { color: var(--accent); border-color: var(--accent); outline: none }
.send:active { transform: scale(.94) }
.send:disabled { opacity: .35; cursor: default }
.typing { font-size: 12px; color: var(--muted); padding: 2px 16px 4px }
.noscript { text-align: center }
.logo { width: 100%; height: 100%; object-fit: cover; border-radius: inherit }
.foot { display: contents }
[hidden] { display: none !important }
`

// Runs in the browser. Message text only ever reaches the DOM as text nodes / textContent.
const SCRIPT = String.raw`
(() => {
  'use strict'
  const TEXT = {
    en: {
      placeholder: 'Type a message…', send: 'Send', online: 'Online', connecting: 'Connecting…',
      offline: 'Offline · reconnecting…', assistant: 'Assistant', agent: 'Agent',
      sending: 'Sending…', failed: 'Failed, tap to retry',
      welcome: 'Customer service',
      welcomeSub: 'Write your question, or pick a topic below.',
      today: 'Today', yesterday: 'Yesterday', older: 'Loading earlier messages…',
      unavailable: 'Chat is unavailable right now. We will keep trying.',
      hint: 'Enter to send · Shift+Enter for a new line', message: 'Message', typing: 'is typing…', read: 'Read',
      slowDown: 'You are sending messages very quickly. They are kept here and will be sent in a moment.',
      attach: 'Send a photo or file', kinds: { image: 'Photo', video: 'Video', audio: 'Voice', file: 'File' },
      tooLarge: 'That file is over 20 MB. Please send a smaller photo or a shorter video.',
      unsupported: 'That kind of file can\'t be opened here. Please send photos, videos, voice messages or PDFs.',
    },
    zh: {
      placeholder: '输入消息…', send: '发送', online: '在线', connecting: '连接中…',
      offline: '离线，正在重连…', assistant: '智能助手', agent: '人工客服',
      sending: '发送中…', failed: '发送失败，点击重试',
      welcome: '在线客服',
      welcomeSub: '直接输入问题，或点选下方话题。',
      today: '今天', yesterday: '昨天', older: '正在加载更早的消息…',
      unavailable: '聊天暂时不可用，我们会自动重试。',
      hint: 'Enter 发送 · Shift+Enter 换行', message: '消息', typing: '正在输入…', read: '已读',
      slowDown: '您发送得太快了，消息已保留，稍后会自动发出。',
      attach: '发送图片或文件', kinds: { image: '图片', video: '视频', audio: '语音', file: '文件' },
      tooLarge: '文件超过 20 MB，请发一张小一点的图片或短一点的视频。',
      unsupported: '这种文件打不开，请发送图片、视频、语音或 PDF。',
    },
  }
  const lang = /^zh/i.test(navigator.language || '') ? 'zh' : 'en'
  const t = TEXT[lang]
  // Embedded by the widget: Esc asks the launcher to close the chat (it returns focus to itself).
  if (window.parent !== window && new URLSearchParams(location.search).get('embed') === '1') {
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') window.parent.postMessage({ ns: 'shop-chat', v: 1, type: 'close' }, '*')
    })
  }
  // Embedded by the widget: the shop page the customer is on travels with each message, for agents.
  const ref = new URLSearchParams(location.search).get('ref') || ''
  const fromPage = /^https?:\/\/[^\s]{1,490}$/.test(ref) ? { page: ref } : {}
  // The shop's branding (from its settings), carried as data attributes on <body>.
  const brand = document.body.dataset
  if (brand.accent && /^#[0-9a-fA-F]{6}$/.test(brand.accent)) document.documentElement.style.setProperty('--accent', brand.accent)
  const welcome = lang === 'zh' ? brand.welcomeZh : brand.welcomeEn
  if (welcome) t.welcomeSub = welcome
  const $ = (id) => document.getElementById(id)
  const log = $('log'), msgs = $('msgs'), chips = $('chips'), intro = $('intro'), more = $('more')
  const input = $('input'), sendBtn = $('send'), dot = $('dot'), statusEl = $('status')
  const banner = $('banner')

  document.documentElement.lang = lang
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t]
  input.placeholder = t.placeholder
  input.setAttribute('aria-label', t.message)
  input.title = t.hint
  sendBtn.setAttribute('aria-label', t.send)
  sendBtn.title = t.send
  $('attach').setAttribute('aria-label', t.attach)
  $('attach').title = t.attach

  const BASE = location.pathname.replace(/\/+$/, '')
  const WEBHOOK = '/webhooks/webchat'
  const TOKEN_KEY = 'webchat.token'
  const PAGE = 50
  const MAX_TEXT = 4000

  // Storage can be blocked (private mode, third-party iframes): fall back to memory.
  let memoryToken = null
  const store = {
    get() { try { return localStorage.getItem(TOKEN_KEY) } catch { return memoryToken } },
    set(v) { memoryToken = v; try { localStorage.setItem(TOKEN_KEY, v) } catch {} },
  }

  let token = store.get()
  let sessionJob = null
  const server = new Map()   // message id -> CustomerMessage
  const pending = new Map()  // client id -> local echo of a message being sent
  const outbox = []          // client ids waiting to be posted, in order
  let seq = 0, hasMore = false, loadingOlder = false, pumping = false

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
  const newClientId = () => {
    if (crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '')
    const bytes = crypto.getRandomValues(new Uint8Array(16))
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  }
  const clientIdOf = (m) => typeof m.clientId === 'string' ? m.clientId.replace(/^client:/, '') : ''

  // ---- session -----------------------------------------------------------------------------
  const newSession = () => {
    if (sessionJob) return sessionJob
    sessionJob = (async () => {
      const res = await fetch(BASE + '/session', { method: 'POST' })
      if (!res.ok) throw new Error('session ' + res.status)
      const body = await res.json()
      token = body.token
      store.set(token)
      server.clear()
      hasMore = false
      render()
      if (ws) { const old = ws; ws = null; old.close(); connect() }
      return token
    })()
    const job = sessionJob
    job.then(() => showBanner(false), () => showBanner(true)).finally(() => { sessionJob = null })
    return job
  }
  const ensureToken = () => token ? Promise.resolve(token) : newSession()
  // Tokens expire after a week; while the page is open it renews them well before that.
  const expiryOf = (tk) => { const parts = String(tk || '').split('.'); return parts.length === 3 ? parseInt(parts[1], 36) || 0 : 0 }
  const renew = async () => {
    if (!token || expiryOf(token) - Date.now() > 3.5 * 864e5) return
    try {
      const res = await fetch(BASE + '/session/renew', { method: 'POST', headers: { Authorization: 'Bearer ' + token } })
      if (!res.ok) return
      const body = await res.json()
      if (body.sessionId && body.token && String(token).startsWith(body.sessionId + '.')) { token = body.token; store.set(token) }
    } catch {}
  }
  setInterval(renew, 3600e3)
  // Only the first caller that saw a token rejected replaces it.
  const replaceSession = (rejected) => token === rejected ? newSession() : ensureToken()
  const showBanner = (on) => { banner.hidden = !on }

  // ---- history -----------------------------------------------------------------------------
  const fetchPage = async (before) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const tk = await ensureToken()
      const q = '?limit=' + PAGE + (before ? '&before=' + before : '')
      const res = await fetch(BASE + '/history' + q, {
        headers: { Authorization: 'Bearer ' + tk }, cache: 'no-store',
      })
      if (res.status === 404) {
        // A session that has not written yet has no conversation: nothing to show.
        const body = await res.json().catch(() => ({}))
        if (body && body.error && body.error.code === 'not_found') return []
      }
      if (res.status === 401 || res.status === 404) { await replaceSession(tk); continue }
      if (!res.ok) throw new Error('history ' + res.status)
      const body = await res.json()
      return Array.isArray(body.messages) ? body.messages : []
    }
    return []
  }
  const maxId = () => Math.max(0, ...server.keys())
  const minId = () => Math.min(...server.keys())

  let latestJob = null
  const loadLatest = () => {
    latestJob ||= (async () => {
      try {
        const first = server.size === 0
        const known = maxId()
        let page = await fetchPage()
        merge(page)
        if (first) hasMore = page.length >= PAGE
        // Long disconnect: page back until the gap to what we already had is closed.
        for (let i = 0; i < 5 && known && page.length >= PAGE && page[0].id > known; i++) {
          page = await fetchPage(page[0].id)
          merge(page)
        }
        render()
        showBanner(false)
      } catch {}
    })().finally(() => { latestJob = null })
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
    } catch {} finally {
      loadingOlder = false
      more.hidden = true
    }
  }

  const accept = (m) => {
    if (!m || typeof m.id !== 'number' || typeof m.text !== 'string') return false
    server.set(m.id, m)
    const cid = clientIdOf(m)
    if (cid) pending.delete(cid)
    return true
  }
  const merge = (list, keepScroll) => {
    let changed = false
    for (const m of list) changed = accept(m) || changed
    if (changed) render(keepScroll)
  }

  // ---- rendering ---------------------------------------------------------------------------
  const el = (tag, cls) => {
    const node = document.createElement(tag)
    if (cls) node.className = cls
    return node
  }
  const locale = navigator.language || undefined
  const dayKey = (at) => new Date(at).toDateString()
  const dayLabel = (at) => {
    const d = new Date(at), now = new Date()
    if (d.toDateString() === now.toDateString()) return t.today
    if (d.toDateString() === new Date(now.getTime() - 864e5).toDateString()) return t.yesterday
    const opts = { month: 'short', day: 'numeric' }
    if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric'
    return d.toLocaleDateString(locale, opts)
  }
  const timeLabel = (at) =>
    new Date(at).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' })

  const URLS = /\bhttps?:\/\/[^\s<>"']+/gi
  const setText = (node, text) => {
    node.textContent = ''
    let last = 0
    for (const m of text.matchAll(URLS)) {
      const url = m[0].replace(/[.,;:!?)\]}>]+$/, '')
      if (m.index > last) node.append(document.createTextNode(text.slice(last, m.index)))
      const a = el('a')
      a.href = url
      a.textContent = url
      a.target = '_blank'
      a.rel = 'noopener noreferrer nofollow'
      node.append(a)
      last = m.index + url.length
    }
    if (last < text.length) node.append(document.createTextNode(text.slice(last)))
  }

  // Up to which of the customer's messages a person has seen (a 'read' frame from the server).
  let readUpTo = 0
  const views = () => {
    const sorted = Array.from(server.values()).sort((a, b) => a.id - b.id)
    const lastOwn = sorted.filter((m) => m.direction === 'in').map((m) => m.id).pop() || 0
    const list = sorted.map((m) => ({
      key: 's' + m.id, me: m.direction === 'in', author: m.author, text: withFiles(m), at: m.at,
      state: '', buttons: m.buttons, agentName: m.agentName || '',
      read: m.id === lastOwn && m.id <= readUpTo,
    }))
    const local = Array.from(pending.values()).sort((a, b) => a.seq - b.seq).map((p) => ({
      key: 'c' + p.clientId, me: true, author: 'customer', text: p.label || p.text, at: p.at,
      state: p.state, clientId: p.clientId,
    }))
    return list.concat(local)
  }

  // Files show as their kind and name (the customer's own photo stays on their device); plain text,
  // so no emoji font is needed.
  const fileLabel = (kind, name) => '[' + (t.kinds[kind] || t.kinds.file) + ']' + (name ? ' ' + name : '')
  const kindOfType = (type) => /^image\//.test(type) ? 'image' : /^video\//.test(type) ? 'video' : /^audio\//.test(type) ? 'audio' : 'file'
  const withFiles = (m) => [m.text].concat((Array.isArray(m.files) ? m.files : []).map((f) => fileLabel(f && f.kind, f && f.name))).filter(Boolean).join('\n')

  const build = (v, newDay, grouped) => {
    const item = el('div', 'item')
    if (newDay) {
      const day = el('div', 'day')
      day.textContent = dayLabel(v.at)
      item.append(day)
    }
    const row = el('div', 'row ' + (v.me ? 'me' : 'them') + (grouped ? ' grouped' : ''))
    if (v.state) row.classList.add(v.state)
    if (!v.me && !grouped) {
      const who = el('div', 'author')
      who.textContent = v.author === 'agent' ? (v.agentName || t.agent) : t.assistant
      row.append(who)
    }
    const bubble = el('div', 'bubble')
    setText(bubble, v.text)
    row.append(bubble)
    const meta = el('div', 'meta')
    meta.textContent =
      v.state === 'sending' ? t.sending : v.state === 'failed' ? t.failed : timeLabel(v.at) + (v.read ? ' · ' + t.read : '')
    row.append(meta)
    if (v.state === 'failed') {
      row.dataset.retry = v.clientId
      row.tabIndex = 0
      row.setAttribute('role', 'button')
    }
    item.append(row)
    return item
  }

  const nodes = new Map()  // view key -> { node, sig }
  const nearBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 96
  const toBottom = () => { log.scrollTop = log.scrollHeight }

  const render = (keepScroll) => {
    const stick = !keepScroll && nearBottom()
    const list = views()
    const seen = new Set()
    const ordered = []
    let prev = null
    for (const v of list) {
      const newDay = !prev || dayKey(prev.at) !== dayKey(v.at)
      const grouped =
        !newDay && prev.me === v.me && prev.author === v.author && v.at - prev.at < 3e5
      const sig = [v.text, v.state, v.author, v.agentName, v.at, newDay, grouped, v.read].join('\u0001')
      let entry = nodes.get(v.key)
      if (!entry || entry.sig !== sig) {
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
      if (!seen.has(key)) { entry.node.remove(); nodes.delete(key) }
    }
    ordered.forEach((node, i) => {
      if (msgs.children[i] !== node) msgs.insertBefore(node, msgs.children[i] || null)
    })
    intro.hidden = hasMore
    renderChips(list)
    if (stick) toBottom()
  }

  let chipsSig = ''
  // Before the first message the page offers the shop's topics (the greeting's buttons), so the
  // customer can start with a tap; the bot greets once, in its first answer.
  let starters = []
  const loadStarters = async () => {
    try {
      const res = await fetch(BASE + '/topics', { cache: 'no-store' })
      if (!res.ok) return
      const body = await res.json()
      starters = Array.isArray(body.buttons) ? body.buttons : []
      render()
    } catch {}
  }
  const renderChips = (list) => {
    const last = list[list.length - 1]
    const buttons = !last ? starters : !last.me && Array.isArray(last.buttons) ? last.buttons : []
    const sig = (last ? last.key : 'start') + JSON.stringify(buttons)
    if (sig === chipsSig) return
    chipsSig = sig
    chips.replaceChildren()
    for (const b of buttons) {
      if (!b || typeof b.id !== 'string' || typeof b.label !== 'string') continue
      const chip = el('button', 'chip')
      chip.type = 'button'
      chip.textContent = b.label
      chip.addEventListener('click', () => enqueue({ action: b.id, label: b.label, text: b.label }))
      chips.append(chip)
    }
    chips.hidden = chips.childElementCount === 0
  }

  // ---- sending -----------------------------------------------------------------------------
  const enqueue = (fields) => {
    const p = { clientId: newClientId(), at: Date.now(), seq: ++seq, state: 'sending', ...fields }
    pending.set(p.clientId, p)
    outbox.push(p.clientId)
    render()
    toBottom()
    pump()
  }

  const deliver = async (p) => {
    if (p.file) return upload(p)
    const body = JSON.stringify(p.action
      ? { id: p.clientId, action: p.action, label: p.label, ...fromPage }
      : { id: p.clientId, text: p.text, ...fromPage })
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
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + tk },
          body,
        })
        if (res.ok) return true
        if (res.status === 401) { await replaceSession(tk); continue }
        if (res.status === 429) {
          // Too fast: say so kindly, keep the message, and send it when the budget allows.
          wait = Math.min(60, Number(res.headers.get('Retry-After')) || 5) * 1000
          showNotice(t.slowDown)
          attempt = Math.min(attempt, 3)
          continue
        }
        if (res.status < 500 && res.status !== 408 && res.status !== 429) return false
      } catch {}
    }
    return false
  }

  // A file goes as its bytes; the server proves the format and sends the message with it. The same
  // client id on every try: the conversation stores it once.
  const upload = async (p) => {
    const q = '?id=' + encodeURIComponent(p.clientId) + '&name=' + encodeURIComponent(p.file.name || '')
    for (let attempt = 0; attempt <= 3; attempt++) {
      if (attempt) await sleep(Math.min(1000 * 2 ** (attempt - 1), 4000))
      if (!pending.has(p.clientId)) return true
      try {
        const tk = await ensureToken()
        const res = await fetch(BASE + '/files' + q, {
          method: 'POST',
          headers: { 'Content-Type': p.file.type || 'application/octet-stream', Authorization: 'Bearer ' + tk },
          body: p.file,
        })
        if (res.ok) return true
        if (res.status === 401) { await replaceSession(tk); continue }
        if (res.status === 413) { showNotice(t.tooLarge); return 'refused' }
        if (res.status === 415) { showNotice(t.unsupported); return 'refused' }
        if (res.status === 429) { showNotice(t.slowDown); await sleep(Math.min(60, Number(res.headers.get('Retry-After')) || 5) * 1000); continue }
        if (res.status < 500) return false
      } catch {}
    }
    return false
  }
  const fileInput = $('file')
  $('attach').addEventListener('click', () => fileInput.click())
  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0]
    fileInput.value = ''
    if (!file) return
    // Checked here too, so a customer on a slow line doesn't wait for a refusal.
    if (file.size > 20 * 1024 * 1024) { showNotice(t.tooLarge); return }
    enqueue({ file, text: fileLabel(kindOfType(file.type || ''), file.name) })
  })

  const pump = async () => {
    if (pumping) return
    pumping = true
    try {
      while (outbox.length) {
        const p = pending.get(outbox[0])
        if (p && p.state === 'sending') {
          const ok = await deliver(p)
          // A file the shop can't take: the notice says why, and there is nothing to retry.
          if (ok === 'refused') { pending.delete(p.clientId); render(); outbox.shift(); continue }
          if (pending.get(p.clientId) === p) {
            p.state = ok ? 'posted' : 'failed'
            // The assistant answers in a moment: say so until its reply arrives.
            if (ok) showTyping(t.assistant)
            render()
            if (ok && !(ws && ws.readyState === 1)) loadLatest()
          }
        }
        outbox.shift()
      }
    } finally {
      pumping = false
    }
  }

  const retry = (clientId) => {
    const p = pending.get(clientId)
    if (!p || p.state !== 'failed') return
    p.state = 'sending'
    outbox.push(clientId)
    render()
    pump()
  }
  msgs.addEventListener('click', (e) => {
    const row = e.target.closest('[data-retry]')
    if (row) retry(row.dataset.retry)
  })
  msgs.addEventListener('keydown', (e) => {
    const row = e.target.closest('[data-retry]')
    if (!row || (e.key !== 'Enter' && e.key !== ' ')) return
    e.preventDefault()
    retry(row.dataset.retry)
  })

  const submit = () => {
    const text = input.value
    if (!text.trim()) return
    enqueue({ text: text.slice(0, MAX_TEXT) })
    input.value = ''
    autosize()
  }
  const autosize = () => {
    input.style.height = 'auto'
    input.style.height = Math.min(input.scrollHeight + 2, 140) + 'px'
    sendBtn.disabled = !input.value.trim()
  }
  $('composer').addEventListener('submit', (e) => { e.preventDefault(); submit(); input.focus() })
  input.addEventListener('input', autosize)
  input.addEventListener('keydown', (e) => {
    // isComposing / 229: Enter confirming an IME candidate (Chinese input) must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault()
      submit()
    }
  })
  log.addEventListener('scroll', () => { if (log.scrollTop < 80) loadOlder() }, { passive: true })

  // ---- live socket -------------------------------------------------------------------------
  let ws = null, attempts = 0, reconnectTimer = 0, pingTimer = 0, pongTimer = 0
  const setStatus = (state) => {
    dot.className = 'dot ' + state
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
    if (!token) { ensureToken().then(connect, schedule); return }
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
      if (!opened) loadLatest()
      schedule()
    }
    sock.onopen = () => {
      opened = true
      attempts = 0
      setStatus('online')
      loadLatest()
      pingTimer = setInterval(() => {
        if (sock.readyState !== 1) return
        sock.send('ping')
        clearTimeout(pongTimer)
        pongTimer = setTimeout(() => { lost(); sock.close() }, 10000)
      }, 25000)
    }
    sock.onmessage = (e) => {
      clearTimeout(pongTimer)
      if (e.data === 'pong') return
      let frame
      try { frame = JSON.parse(e.data) } catch { return }
      if (frame && frame.type === 'typing') { showTyping(frame.name); return }
      if (frame && frame.type === 'read' && typeof frame.upTo === 'number') { readUpTo = Math.max(readUpTo, frame.upTo); render(); return }
      if (!frame || frame.type !== 'message' || !frame.message) return
      if (frame.message.direction === 'out') showTyping('')
      merge([frame.message])
      // A reply overtook our own echo: reconcile order with the server's view.
      const posted = Array.from(pending.values()).some((p) => p.state === 'posted')
      if (posted && frame.message.direction === 'out') loadLatest()
    }
    sock.onclose = lost
    sock.onerror = () => {}
  }
  const typingEl = document.getElementById('typing')
  let typingTimer = 0
  // An agent's typing signal lasts a few seconds unless renewed (the console sends one every 3 s).
  function showTyping(name) {
    clearTimeout(typingTimer)
    if (!name) { typingEl.hidden = true; return }
    typingEl.textContent = name + ' ' + t.typing
    typingEl.hidden = false
    typingTimer = setTimeout(() => { typingEl.hidden = true }, 6000)
  }
  const noticeEl = document.getElementById('notice')
  let noticeTimer = 0
  function showNotice(text) {
    clearTimeout(noticeTimer)
    noticeEl.textContent = text
    noticeEl.hidden = false
    noticeTimer = setTimeout(() => { noticeEl.hidden = true }, 8000)
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
  renew().then(ensureToken).then(() => { loadLatest().then(() => { toBottom(); if (server.size === 0) loadStarters() }); connect() }, schedule)
})()
`

const VIEWPORT = [
  'width=device-width',
  'initial-scale=1',
  'viewport-fit=cover',
  // Android: the on-screen keyboard shrinks the layout, so the composer stays visible.
  'interactive-widget=resizes-content',
].join(', ')

/** The self-contained customer chat page (inline CSS and JS, no external assets). */
const sha256Base64 = async (text: string): Promise<string> => {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  )
  let binary = ''
  for (const byte of digest) binary += String.fromCharCode(byte)
  return btoa(binary)
}

let hashes: Promise<{ script: string; style: string }> | null = null

/** CSP sources for the page's one inline script and one inline style (nothing else may run). */
export const inlineHashes = (): Promise<{ script: string; style: string }> =>
  (hashes ??= Promise.all([sha256Base64(SCRIPT), sha256Base64(CSS)]).then(([script, style]) => ({
    script: `'sha256-${script}'`,
    style: `'sha256-${style}'`,
  })))

/** The shop's look on the page (from the shop settings); every field optional. */
export interface ChatBranding {
  accent?: string
  logoUrl?: string
  welcome?: { en?: string; 'zh-CN'?: string }
}

export const chatPage = (opts: { shopName: string; branding?: ChatBranding }): string => {
  const name = escapeHtml(opts.shopName.trim() || 'Shop')
  const b = opts.branding ?? {}
  const logo =
    b.logoUrl && /^https:\/\//.test(b.logoUrl)
      ? `<img class="logo" src="${escapeHtml(b.logoUrl)}" alt="">`
      : ''
  const initial = logo || escapeHtml((Array.from(opts.shopName.trim())[0] ?? 'S').toUpperCase())
  // Branding travels as data attributes: the page's one script applies them (no inline style).
  const brand = [
    b.accent && /^#[0-9a-fA-F]{6}$/.test(b.accent) ? ` data-accent="${b.accent}"` : '',
    b.welcome?.en ? ` data-welcome-en="${escapeHtml(b.welcome.en)}"` : '',
    b.welcome?.['zh-CN'] ? ` data-welcome-zh="${escapeHtml(b.welcome['zh-CN'])}"` : '',
  ].join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="${VIEWPORT}">
<meta name="referrer" content="no-referrer">
<title>${name}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%234f5bd5'/%3E%3Cpath d='M8 10h16v10H14l-6 5z' fill='white'/%3E%3C/svg%3E">
<style>${CSS}</style>
</head>
<body${brand}>
<div class="app">
  <header class="top">
    <div class="avatar" aria-hidden="true">${initial}<span class="dot" id="dot"></span></div>
    <div class="who">
      <h1>${name}</h1>
      <div class="status" id="status" role="status">Connecting…</div>
    </div>
  </header>
  <div class="banner" id="banner" role="alert" data-t="unavailable" hidden></div>
  <main class="log" id="log" aria-live="polite" tabindex="0" aria-label="Conversation">
    <div class="more" id="more" data-t="older" hidden></div>
    <section class="intro" id="intro">
      <div class="avatar big" aria-hidden="true">${initial}</div>
      <strong data-t="welcome">Customer service</strong>
      <span data-t="welcomeSub">Write your question, or pick a topic below.</span>
    </section>
    <div id="msgs"></div>
  </main>
  <footer class="foot">
  <div class="typing" id="typing" role="status" hidden></div>
  <div class="typing" id="notice" role="status" hidden></div>
  <div class="chips" id="chips" hidden></div>
  <form class="composer" id="composer" autocomplete="off">
    <button class="attach" id="attach" type="button" aria-label="Send a photo or file" title="Send a photo or file">
      <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor"
        stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
        <path d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48"/>
      </svg>
    </button>
    <input type="file" id="file" accept="image/*,video/*,audio/*,application/pdf" hidden tabindex="-1" aria-hidden="true">
    <textarea id="input" rows="1" maxlength="4000" enterkeyhint="send" aria-label="Message"
      placeholder="Type a message…"
      title="Enter to send · Shift+Enter for a new line"></textarea>
    <button class="send" id="send" type="submit" aria-label="Send" title="Send" disabled>
      <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor"
        stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
        <path d="M22 2 11 13"/><path d="M22 2 15 22l-4-9-9-4 20-7z"/>
      </svg>
    </button>
  </form>
  </footer>
</div>
<noscript><p class="noscript">This chat needs JavaScript.</p></noscript>
<script>${SCRIPT}</script>
</body>
</html>
`
}
