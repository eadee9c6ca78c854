// The console's one script: live inbox, conversation socket, composer, shortcuts, admin editors.
// Every page works without it (forms post and redirect); this only makes them live and quicker.
const $ = (sel, root = document) => root.querySelector(sel)
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel))
const csrf = () => $('meta[name="csrf"]')?.content || ''
const page = document.body.dataset.page

/** The JSON body of an answer, or null when it has none (or it is not JSON). */
async function jsonOf(res) {
  try {
    return await res.json()
  } catch {
    return null
  }
}

/** JSON call to the console or admin API with the session's CSRF token; resolves to { ok, status, data }. */
async function api(url, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', 'X-CSRF-Token': csrf() }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  })
  const data = res.status === 204 ? null : await jsonOf(res)
  return { ok: res.ok, status: res.status, data }
}

function showErrors(list, data) {
  if (!list) return
  list.replaceChildren()
  const err = data && data.error
  if (!err) return
  const items =
    err.issues && err.issues.length
      ? err.issues.map((i) => `${i.path}: ${i.message}`)
      : [err.message || 'error']
  for (const text of items) {
    const li = document.createElement('li')
    li.textContent = text
    list.append(li)
  }
}

function announce(text) {
  const el = $('#announce')
  if (el) {
    el.textContent = ''
    setTimeout(() => {
      el.textContent = text
    }, 50)
  }
}

// ---- live sockets with backoff; `onOpen` re-fetches from D1 so nothing missed while away is lost ----
function liveSocket(path, { onOpen, onFrame }) {
  const conn = $('#conn')
  let attempts = 0
  let ws = null
  let ping = 0
  const status = (live) => {
    if (conn) {
      conn.textContent = live ? '● ' + conn.dataset.live : '○ ' + conn.dataset.reconnecting
      conn.dataset.state = live ? 'live' : 'down'
    }
  }
  const connect = () => {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path
    ws = new WebSocket(url)
    ws.onopen = () => {
      attempts = 0
      status(true)
      if (onOpen) onOpen()
      clearInterval(ping)
      ping = setInterval(() => ws.readyState === 1 && ws.send('ping'), 25000)
    }
    ws.onmessage = (e) => {
      if (e.data === 'pong') return
      let f
      try {
        f = JSON.parse(e.data)
      } catch {
        return
      }
      onFrame(f)
    }
    ws.onclose = () => {
      status(false)
      clearInterval(ping)
      const wait = Math.min(30000, 500 * 2 ** attempts++) * (0.7 + Math.random() * 0.6)
      setTimeout(connect, wait)
    }
  }
  connect()
  return { send: (frame) => ws && ws.readyState === 1 && ws.send(JSON.stringify(frame)) }
}

// ---- alerts: sound, browser notification, title count; off by default until the agent turns them on ----
const alerts = {
  on: localStorage.getItem('console.alerts') === 'on',
  ctx: null,
  render() {
    const b = $('#alerts')
    if (b) {
      b.setAttribute('aria-pressed', String(this.on))
      b.title = this.on ? b.dataset.on : b.dataset.off
    }
  },
  async toggle() {
    this.on = !this.on
    localStorage.setItem('console.alerts', this.on ? 'on' : 'off')
    if (this.on && 'Notification' in window && Notification.permission === 'default')
      await Notification.requestPermission()
    this.render()
    announce($('#alerts').title)
  },
  ding() {
    try {
      this.ctx = this.ctx || new AudioContext()
      const o = this.ctx.createOscillator()
      const g = this.ctx.createGain()
      o.frequency.value = 880
      g.gain.value = 0.2
      o.connect(g)
      g.connect(this.ctx.destination)
      o.start()
      o.stop(this.ctx.currentTime + 0.25)
    } catch {
      /* no audio device */
    }
  },
  fire(text) {
    announce(text)
    if (!this.on) return
    this.ding()
    if (
      'Notification' in window &&
      Notification.permission === 'granted' &&
      document.visibilityState !== 'visible'
    )
      new Notification(text)
  },
}
$('#alerts')?.addEventListener('click', () => alerts.toggle())
alerts.render()

// ---- who is waiting for a person: nav count, tab title, alert on a new one ----
let waiting = null
const baseTitle = document.title
async function refreshWaiting() {
  const res = await fetch('/console/rows?tab=unassigned', { credentials: 'same-origin' })
  if (!res.ok) return
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html')
  const keys = new Set(($('#inbox-list', doc)?.dataset.waiting || '').split(' ').filter(Boolean))
  const count = Number($('[data-tab="unassigned"] .count', doc)?.dataset.count || keys.size)
  if (waiting)
    for (const k of keys)
      if (!waiting.has(k)) {
        alerts.fire($('#alerts')?.dataset.newWaiting || 'New conversation waiting')
        break
      }
  waiting = keys
  const nav = $('#nav-waiting')
  if (nav) {
    nav.textContent = count ? String(count) : ''
    nav.dataset.count = String(count)
  }
  document.title = count ? `(${count}) ${baseTitle}` : baseTitle
}

// ---- inbox list refresh ----
let listTimer = 0
function refreshList() {
  clearTimeout(listTimer)
  listTimer = setTimeout(async () => {
    const list = $('#inbox-list')
    if (!list) return
    const res = await fetch('/console/rows' + location.search, { credentials: 'same-origin' })
    if (!res.ok) return
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html')
    const fresh = $('#inbox-list', doc)
    if (fresh) {
      list.replaceWith(document.adoptNode(fresh))
      rememberOrder()
      tick()
    }
  }, 150)
}
function rememberOrder() {
  const keys = $$('#inbox-list .row').map((r) => r.dataset.key)
  if (keys.length) sessionStorage.setItem('console.order', JSON.stringify(keys))
}

if (document.querySelector('header.bar')) {
  liveSocket('/console/ws', {
    onOpen: () => {
      refreshWaiting()
      refreshList()
      // The engine stops telling the hub for up to 10 s after it said no tab was open
      // (src/inbox/publish.ts): fetch once more when that window has surely passed.
      setTimeout(() => {
        refreshWaiting()
        refreshList()
      }, 11_000)
    },
    onFrame: (f) => {
      if (f.type === 'conversation') {
        refreshWaiting()
        refreshList()
      }
    },
  })
}
if (page === 'inbox') rememberOrder()

// ---- SLA badges and waiting times tick on the client from absolute deadlines ----
function short(ms) {
  const s = Math.floor(Math.abs(ms) / 1000)
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d) return h ? `${d}d ${h}h` : `${d}d`
  if (h) return m ? `${h}h ${m}m` : `${h}h`
  if (m) return `${m}m`
  return `${s % 60}s`
}
function tick() {
  const now = Date.now()
  for (const b of $$('.sla[data-due]')) {
    const due = Number(b.dataset.due)
    const start = b.dataset.start ? Number(b.dataset.start) : null
    const left = due - now
    const tone =
      left <= 0
        ? 'breach'
        : (start !== null && due > start ? left < (due - start) * 0.2 : left < 300000)
          ? 'warn'
          : 'ok'
    b.classList.remove('sla-ok', 'sla-warn', 'sla-breach')
    b.classList.add('sla-' + tone)
    const text = $('.sla-text', b)
    if (text)
      text.textContent = (left > 0 ? b.dataset.dueWord : b.dataset.overWord) + ' ' + short(left)
    const icon = b.firstElementChild
    if (icon) icon.textContent = tone === 'breach' ? '✖' : tone === 'warn' ? '▲' : '◷'
  }
  for (const w of $$('.wait[data-since]'))
    w.textContent = `${w.dataset.label} ${short(now - Number(w.dataset.since))}`
}
setInterval(tick, 1000)

// ---- selects that submit on change (UI language) ----
for (const s of $$('select[data-autosubmit]')) s.addEventListener('change', () => s.form.submit())

// ---- conversation page ----
const convo = $('.convo')
if (convo) {
  const key = convo.dataset.key
  const me = convo.dataset.me
  const base = '/console/c/' + encodeURIComponent(key)
  const composer = $('#composer')
  const text = $('#composer-text')
  const typingEl = $('#typing')
  let typingTimer = 0
  let refreshTimer = 0
  const refreshTranscript = () => {
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(async () => {
      const res = await fetch(base + '/transcript', { credentials: 'same-origin' })
      if (!res.ok) return
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html')
      const fresh = $('#transcript', doc)
      const log = $('#transcript')
      if (fresh && log) {
        log.replaceWith(document.adoptNode(fresh))
        scrollDown()
      }
    }, 100)
  }
  const scrollDown = () => {
    const log = $('#transcript')
    if (log) log.scrollTop = log.scrollHeight
  }
  scrollDown()
  const sock = liveSocket(base + '/ws', {
    onOpen: refreshTranscript,
    onFrame: (f) => {
      if (f.type === 'message' || f.type === 'note') {
        refreshTranscript()
        if (f.type === 'message' && f.message.direction === 'in') announce(f.message.text)
      }
      if (f.type === 'viewers') {
        const v = $('#viewers')
        const others = f.names.filter((n) => n !== me)
        v.textContent = others.length ? `◉ ${v.dataset.label}: ${others.join(', ')}` : ''
      }
      if (f.type === 'typing' && f.name && f.name !== me) {
        typingEl.textContent = `✎ ${f.name} ${typingEl.dataset.word}`
        clearTimeout(typingTimer)
        typingTimer = setTimeout(() => {
          typingEl.textContent = ''
        }, 6000)
      }
    },
  })

  const mode = () => (composer.querySelector('input[name="mode"]:checked') || {}).value || 'reply'
  const setMode = (m) => {
    const radio = composer.querySelector(`input[name="mode"][value="${m}"]`)
    if (radio) radio.checked = true
    composer.classList.toggle('is-note', m === 'note')
    const btn = composer.querySelector('button[type="submit"]')
    btn.textContent = m === 'note' ? btn.dataset.noteLabel : btn.dataset.replyLabel
    $('#composer-hint').textContent = m === 'note' ? text.dataset.noteHint : text.placeholder
  }
  for (const r of $$('input[name="mode"]', composer))
    r.addEventListener('change', () => {
      setMode(mode())
      $('#composer-redline').textContent = ''
    })

  let lastTyping = 0
  // Red lines (blaming wording, unconfirmed promises) are flagged while the agent types.
  const redline = $('#composer-redline')
  let checkTimer = 0
  const checkRedLines = () => {
    clearTimeout(checkTimer)
    checkTimer = setTimeout(async () => {
      const value = text.value
      if (mode() !== 'reply' || !value.trim()) {
        redline.textContent = ''
        return
      }
      const res = await api(base + '/check', { method: 'POST', body: { text: value } })
      const hits = (res.data && res.data.hits) || []
      redline.textContent = hits
        .map(
          (h) =>
            `▲ ${h.kind === 'promise' ? redline.dataset.promise : redline.dataset.wording}: “${h.match}”`
        )
        .join('  ')
    }, 300)
  }
  text.addEventListener('input', () => {
    checkRedLines()
    if (!text.value.trim()) {
      $('#composer-template').value = ''
      $('#composer-buttons').replaceChildren()
    }
    if (mode() === 'reply' && Date.now() - lastTyping > 3000 && text.value.trim()) {
      lastTyping = Date.now()
      sock.send({ type: 'typing' })
    }
    canned.update()
  })
  // Enter sends, Shift+Enter breaks the line; Enter that confirms an IME composition never sends.
  text.addEventListener('keydown', (e) => {
    if (canned.keydown(e)) return
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault()
      composer.requestSubmit()
    }
  })
  composer.addEventListener('submit', async (e) => {
    e.preventDefault()
    const value = text.value.trim()
    if (!value) return
    const btn = composer.querySelector('button[type="submit"]')
    btn.disabled = true
    const res = await api(base + '/send', {
      method: 'POST',
      body: {
        text: value,
        mode: mode(),
        template: mode() === 'reply' ? $('#composer-template').value : '',
      },
    })
    btn.disabled = false
    if (res.ok) {
      text.value = ''
      $('#composer-template').value = ''
      $('#composer-buttons').replaceChildren()
      $('#composer-redline').textContent = ''
      refreshTranscript()
    } else announce((res.data && res.data.error && res.data.error.message) || 'failed')
  })

  // `/` opens canned replies (templates rendered with this conversation's variables, in its language).
  const canned = {
    list: $('#canned'),
    items: [],
    index: 0,
    timer: 0,
    update() {
      const m = /^\/(\S*)$/.exec(text.value)
      if (!m) return this.hide()
      clearTimeout(this.timer)
      this.timer = setTimeout(async () => {
        const res = await api(base + '/canned?q=' + encodeURIComponent(m[1]))
        this.items = (res.data && res.data.replies) || []
        this.index = 0
        this.render()
      }, 120)
    },
    render() {
      this.list.replaceChildren()
      this.items.forEach((r, i) => {
        const li = document.createElement('li')
        li.setAttribute('role', 'option')
        li.setAttribute('aria-selected', String(i === this.index))
        const b = document.createElement('b')
        b.textContent = r.id
        const span = document.createElement('span')
        span.textContent = r.text
        li.append(b, span)
        li.addEventListener('mousedown', (e) => {
          e.preventDefault()
          this.pick(i)
        })
        this.list.append(li)
      })
      this.list.hidden = this.items.length === 0
    },
    hide() {
      this.items = []
      this.list.hidden = true
    },
    pick(i) {
      const r = this.items[i]
      if (!r) return
      text.value = r.text
      $('#composer-template').value = r.id
      this.hide()
      text.focus()
      // The template's buttons go out with the reply, as the bot's would.
      const chips = $('#composer-buttons')
      chips.replaceChildren()
      for (const label of r.buttons || []) {
        const c = document.createElement('span')
        c.className = 'chip'
        c.textContent = label
        chips.append(c)
      }
    },
    keydown(e) {
      if (this.list.hidden) return false
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        this.index =
          (this.index + (e.key === 'ArrowDown' ? 1 : this.items.length - 1)) % this.items.length
        this.render()
        return true
      }
      if (e.key === 'Enter' && !e.isComposing) {
        e.preventDefault()
        this.pick(this.index)
        return true
      }
      if (e.key === 'Escape') {
        this.hide()
        return true
      }
      return false
    },
  }

  // Keyboard: bound on event.code so layouts don't matter; never steal plain keys from text fields.
  document.addEventListener('keydown', (e) => {
    const inField = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const go = (step) => {
        const order = JSON.parse(sessionStorage.getItem('console.order') || '[]')
        const at = order.indexOf(key)
        const next = order[at + step]
        if (next) location.href = '/console/c/' + encodeURIComponent(next)
      }
      const actions = {
        KeyJ: () => go(1),
        KeyK: () => go(-1),
        KeyL: () => {
          setMode('reply')
          text.focus()
        },
        KeyP: () => {
          setMode('note')
          text.focus()
        },
        KeyE: () => {
          const d = $('#resolve-open')?.parentElement
          if (d) {
            d.open = true
            $('#resolve').focus()
          }
        },
      }
      const run = actions[e.code]
      if (run) {
        e.preventDefault()
        run()
      }
      return
    }
    if (!inField && e.key === '?') {
      e.preventDefault()
      $('#help').showModal()
    }
  })
}

// ---- admin: JSON document editors bound to the admin API ----
for (const form of $$('form.doc-editor')) {
  const area = $('#doc', form)
  const errors = $('#errors', form)
  const saved = $('#saved', form)
  const load = async () => {
    const res = await api(form.dataset.api)
    area.value = res.ok ? JSON.stringify(res.data, null, 2) : ''
    showErrors(errors, res.ok ? null : res.data)
  }
  load()
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    saved.textContent = ''
    let body
    try {
      body = JSON.parse(area.value)
    } catch (err) {
      showErrors(errors, { error: { message: 'JSON: ' + err.message } })
      return
    }
    const res = await api(form.dataset.api, { method: form.dataset.method, body })
    showErrors(errors, res.ok ? null : res.data)
    if (res.ok) {
      saved.textContent = form.dataset.saved
      area.value = JSON.stringify(res.data, null, 2)
      versions(form.dataset.versions, form.dataset.rollback, load)
    }
  })
  for (const b of $$('button[data-reset]', form))
    b.addEventListener('click', async () => {
      const res = await api(b.dataset.reset, { method: 'DELETE' })
      showErrors(errors, res.ok ? null : res.data)
      if (res.ok) {
        saved.textContent = form.dataset.saved
        load()
      }
    })
  for (const b of $$('button[data-post]', form))
    b.addEventListener('click', async () => {
      const team = b.dataset.teamField ? $(b.dataset.teamField).value : undefined
      const res = await api(b.dataset.post, { method: 'POST', body: team ? { team } : {} })
      showErrors(errors, res.ok ? null : res.data)
      if (res.ok) saved.textContent = JSON.stringify(res.data)
    })
  if (form.dataset.versions) versions(form.dataset.versions, form.dataset.rollback, load)
}

async function versions(url, rollbackUrl, reload) {
  const list = $('#versions')
  if (!url || !list) return
  const res = await api(url)
  if (!res.ok) return
  list.replaceChildren()
  for (const v of res.data.versions) {
    const li = document.createElement('li')
    li.textContent = `v${v.version} · ${v.updatedAt}${v.current ? ' ✓' : ''} `
    if (!v.current) {
      const b = document.createElement('button')
      b.type = 'button'
      b.textContent = list.dataset.rollback
      b.addEventListener('click', async () => {
        const r = await api(rollbackUrl, { method: 'POST', body: { version: v.version } })
        if (r.ok) {
          await reload()
          versions(url, rollbackUrl, reload)
        }
      })
      li.append(b)
    }
    list.append(li)
  }
}

// ---- admin: template editor with live preview per locale ----
const tpl = $('form.template-editor')
if (tpl) {
  const id = tpl.dataset.id
  const apiBase = '/api/v1/templates/' + encodeURIComponent(id)
  const fields = $('#locale-fields')
  const errors = $('#errors', tpl)
  const draft = () => {
    const locales = {}
    for (const a of $$('textarea[data-locale]', fields))
      if (a.value.trim()) locales[a.dataset.locale] = a.value
    const doc = { locales }
    const buttons = $('#buttons').value.trim()
    if (buttons) {
      try {
        doc.buttons = JSON.parse(buttons)
      } catch {
        doc.buttons = '(invalid JSON)'
      }
    }
    return doc
  }
  const load = async () => {
    const res = await api(apiBase)
    // A new id: start empty; saving creates the template.
    if (!res.ok && res.status !== 404) return showErrors(errors, res.data)
    if (!res.ok) res.data = { locales: {} }
    fields.replaceChildren()
    for (const locale of fields.dataset.locales.split(',')) {
      const label = document.createElement('label')
      label.htmlFor = 'loc-' + locale
      label.textContent = locale
      const area = document.createElement('textarea')
      area.id = 'loc-' + locale
      area.rows = 4
      area.dataset.locale = locale
      area.value = res.data.locales[locale] || ''
      area.addEventListener('input', preview)
      fields.append(label, area)
    }
    $('#buttons').value = res.data.buttons ? JSON.stringify(res.data.buttons, null, 2) : ''
    preview()
  }
  let timer = 0
  function preview() {
    clearTimeout(timer)
    timer = setTimeout(async () => {
      let vars = {}
      try {
        vars = JSON.parse($('#preview-vars').value || '{}')
      } catch {
        /* keep empty */
      }
      const out = $('#previews')
      out.replaceChildren()
      let failed = null
      for (const locale of fields.dataset.locales.split(',')) {
        const res = await api(apiBase + '/preview', {
          method: 'POST',
          body: { locale, vars, draft: draft() },
        })
        if (!res.ok) {
          failed = res.data
          break
        }
        const box = document.createElement('div')
        box.className = 'bubble-preview'
        box.lang = locale
        const h = document.createElement('b')
        h.textContent = locale
        const p = document.createElement('p')
        p.textContent = res.data.text
        box.append(h, p)
        if (res.data.buttons.length) {
          const chips = document.createElement('div')
          for (const btn of res.data.buttons) {
            const c = document.createElement('span')
            c.className = 'chip'
            c.textContent = btn.label
            chips.append(c)
          }
          box.append(chips)
        }
        out.append(box)
      }
      showErrors(errors, failed)
    }, 250)
  }
  $('#buttons').addEventListener('input', preview)
  $('#preview-vars').addEventListener('input', preview)
  tpl.addEventListener('submit', async (e) => {
    e.preventDefault()
    $('#saved', tpl).textContent = ''
    // The editor shows the whole template, so what it saves replaces it (a cleared field is removed).
    const res = await api(apiBase, { method: 'PUT', body: { ...draft(), replace: true } })
    showErrors(errors, res.ok ? null : res.data)
    if (res.ok) {
      $('#saved', tpl).textContent = tpl.dataset.saved + ` v${res.data.version}`
      versions(apiBase + '/versions', apiBase + '/rollback', load)
    }
  })
  load()
  versions(apiBase + '/versions', apiBase + '/rollback', load)
}

// ---- admin: small forms that post JSON to the API, delete buttons, token list, list filters ----
for (const form of $$('form.api-form')) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    // Empty fields are left out (a PATCH without a new password keeps the old one).
    const body = {}
    for (const [k, v] of new FormData(form).entries()) {
      if (v === '') continue
      // `fields.order.id` goes to body.fields['order.id'] (a ticket's own fields).
      if (k.startsWith('fields.')) (body.fields ??= {})[k.slice(7)] = v
      else body[k] = v
    }
    const res = await api(form.dataset.api, { method: form.dataset.method, body })
    showErrors($('#errors', form) || $('.errors', form), res.ok ? null : res.data)
    if (!res.ok) return
    if (form.dataset.go)
      location.href = form.dataset.go.replace('{id}', encodeURIComponent(res.data.id))
    else if (form.dataset.show) {
      $('#shown', form).textContent = `${form.dataset.shown} ${res.data[form.dataset.show]}`
      form.reset()
      loadTokens()
    } else location.reload()
  })
}
// Uploads go as the raw bytes (the server proves the format from them), with the name in the query.
for (const form of $$('form.file-form')) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const file = $('input[type=file]', form).files[0]
    if (!file) return
    const res = await fetch(`${form.dataset.api}?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'X-CSRF-Token': csrf(),
        'Content-Type': 'application/octet-stream',
      },
      body: file,
      credentials: 'same-origin',
    })
    showErrors($('.errors', form), res.ok ? null : await jsonOf(res))
    if (res.ok) location.reload()
  })
}
for (const b of $$('button[data-delete]'))
  b.addEventListener('click', async () => {
    const res = await api(b.dataset.delete, { method: 'DELETE' })
    if (res.ok) location.reload()
  })
async function loadTokens() {
  const body = $('#token-rows')
  if (!body) return
  const res = await api('/api/v1/tokens')
  if (!res.ok) return
  body.replaceChildren()
  for (const tk of res.data.tokens) {
    const tr = document.createElement('tr')
    for (const v of [
      tk.name,
      tk.role,
      new Date(tk.createdAt).toLocaleString(),
      tk.lastUsedAt ? new Date(tk.lastUsedAt).toLocaleString() : '—',
    ]) {
      const td = document.createElement('td')
      td.textContent = v
      tr.append(td)
    }
    const td = document.createElement('td')
    if (tk.revokedAt) td.textContent = '✗'
    else {
      const b = document.createElement('button')
      b.type = 'button'
      b.className = 'danger'
      b.textContent = body.dataset.revoke
      b.addEventListener('click', async () => {
        await api('/api/v1/tokens/' + tk.id, { method: 'DELETE' })
        loadTokens()
      })
      td.append(b)
    }
    tr.append(td)
    body.append(tr)
  }
}
loadTokens()
for (const input of $$('input[data-filter]'))
  input.addEventListener('input', () => {
    const q = input.value.toLowerCase()
    for (const li of $$(input.dataset.filter)) li.hidden = !li.textContent.toLowerCase().includes(q)
  })
