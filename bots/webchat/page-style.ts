// The chat page's stylesheet, inlined in the page (its CSP allows this one style by hash).

/** The chat page's CSS: light and dark, phone and desktop. */
export const CHAT_STYLE = String.raw`
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
