// The web chat on a shop's own site: <script src="https://<engine>/chat/widget.js" async></script>
// A launcher button in a shadow root (the host page's CSS can't reach it) opens the chat page in
// an iframe on first use, passing the page the customer is on. Allow the shop's origin to frame the
// chat with CHAT_FRAME_ANCESTORS.
;(() => {
  const script = document.currentScript
  if (!script || window.__shopChat) return
  window.__shopChat = true
  const base = new URL(script.src).origin
  const zh = /^zh/i.test(navigator.language || '')
  const label = zh ? '在线客服' : 'Chat with us'
  const host = document.createElement('div')
  const root = host.attachShadow({ mode: 'open' })
  const style = document.createElement('style')
  style.textContent =
    ':host{all:initial}' +
    '.b{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#4f5bd5;color:#fff;cursor:pointer;box-shadow:0 4px 16px #0003;z-index:2147483000;display:grid;place-items:center}' +
    '.b:focus-visible{outline:3px solid #111;outline-offset:3px}' +
    '.p{position:fixed;right:20px;bottom:88px;width:380px;height:min(640px,calc(100vh - 110px));border:0;border-radius:14px;box-shadow:0 8px 32px #0004;z-index:2147483000;background:#fff}' +
    '@media (max-width:667px){.p{inset:0;width:100%;height:100%;border-radius:0}}' +
    '[hidden]{display:none!important}'
  const button = document.createElement('button')
  button.className = 'b'
  button.type = 'button'
  button.setAttribute('aria-label', label)
  button.setAttribute('aria-expanded', 'false')
  button.title = label
  const svgNs = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(svgNs, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('width', '26')
  svg.setAttribute('height', '26')
  svg.setAttribute('aria-hidden', 'true')
  const path = document.createElementNS(svgNs, 'path')
  path.setAttribute('d', 'M4 5h16v11H9l-5 4z')
  path.setAttribute('fill', 'currentColor')
  svg.append(path)
  button.append(svg)
  let frame = null
  const open = (show) => {
    if (show && !frame) {
      frame = document.createElement('iframe')
      frame.className = 'p'
      frame.title = label
      // The page, not its query or fragment (they can carry tokens or e-mail addresses).
      frame.src = `${base}/chat?embed=1&ref=${encodeURIComponent((location.origin + location.pathname).slice(0, 490))}`
      root.append(frame)
    }
    if (frame) frame.hidden = !show
    button.setAttribute('aria-expanded', String(show))
    if (show) frame.focus()
  }
  button.addEventListener('click', () => open(button.getAttribute('aria-expanded') !== 'true'))
  // The chat page asks to close (Esc inside the frame); only that frame, from the engine's origin.
  window.addEventListener('message', (e) => {
    const data = e.data
    if (!frame || e.origin !== base || e.source !== frame.contentWindow) return
    if (data && data.ns === 'shop-chat' && data.v === 1 && data.type === 'close') {
      open(false)
      button.focus()
    }
  })
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      open(false)
      button.focus()
    }
  })
  root.append(style, button)
  document.body.append(host)
})()
