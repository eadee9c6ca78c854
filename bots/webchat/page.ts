import { toBase64, utf8 } from '../../src/lib/encoding'
import { CHAT_SCRIPT as SCRIPT } from './client'
import { CHAT_STYLE } from './page-style'

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

const VIEWPORT = [
  'width=device-width',
  'initial-scale=1',
  'viewport-fit=cover',
  // Android: the on-screen keyboard shrinks the layout, so the composer stays visible.
  'interactive-widget=resizes-content',
].join(', ')

const sha256Base64 = async (text: string): Promise<string> =>
  toBase64(await crypto.subtle.digest('SHA-256', utf8(text)))

let hashes: Promise<{ script: string; style: string }> | null = null

/** CSP sources for the page's one inline script and one inline style (nothing else may run). */
export const inlineHashes = (): Promise<{ script: string; style: string }> =>
  (hashes ??= Promise.all([sha256Base64(SCRIPT), sha256Base64(CHAT_STYLE)]).then(
    ([script, style]) => ({
      script: `'sha256-${script}'`,
      style: `'sha256-${style}'`,
    })
  ))

/** The shop's look on the page (from the shop settings); every field optional. */
export interface ChatBranding {
  accent?: string
  logoUrl?: string
  welcome?: { en?: string; 'zh-CN'?: string }
}

/** The self-contained customer chat page (inline CSS and JS, no external assets). */
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
<style>${CHAT_STYLE}</style>
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
