import type { ChatBasics } from './basics'
import type { ChatText } from './copy'
import type { Message, View } from './types'

// How the chat page shows messages: day separators, times, links and file labels, all built as
// DOM nodes with text (never HTML). Inlined by source like chat-client.ts: self-contained.

/** Builders of the conversation's rows, in the page's language. */
export const chatViews = (
  t: ChatText,
  locale: string | undefined,
  isRecord: ChatBasics['isRecord']
) => {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string) => {
    const node = document.createElement(tag)
    if (cls) node.className = cls
    return node
  }
  const dayKey = (at: number) => new Date(at).toDateString()
  const dayLabel = (at: number) => {
    const d = new Date(at)
    const now = new Date()
    if (d.toDateString() === now.toDateString()) return t.today
    if (d.toDateString() === new Date(now.getTime() - 864e5).toDateString()) return t.yesterday
    const opts: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }
    if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric'
    return d.toLocaleDateString(locale, opts)
  }
  const timeLabel = (at: number) =>
    new Date(at).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' })

  const URLS = /\bhttps?:\/\/[^\s<>"']+/gi
  const setText = (node: HTMLElement, text: string) => {
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

  // Files show as their kind and name (the customer's own photo stays on their device); plain
  // text, so no emoji font is needed.
  type Kind = keyof ChatText['kinds']
  const fileLabel = (kind: unknown, name: unknown) =>
    `[${(typeof kind === 'string' && t.kinds[kind as Kind]) || t.kinds.file}]${typeof name === 'string' && name ? ` ${name}` : ''}`
  const kindOfType = (type: string): Kind =>
    /^image\//.test(type)
      ? 'image'
      : /^video\//.test(type)
        ? 'video'
        : /^audio\//.test(type)
          ? 'audio'
          : 'file'
  const withFiles = (m: Message) =>
    [m.text]
      .concat(
        (Array.isArray(m.files) ? (m.files as unknown[]) : []).map((f) =>
          isRecord(f) ? fileLabel(f.kind, f.name) : fileLabel(undefined, undefined)
        )
      )
      .filter(Boolean)
      .join('\n')

  const build = (v: View, newDay: boolean, grouped: boolean) => {
    const item = el('div', 'item')
    if (newDay) {
      const day = el('div', 'day')
      day.textContent = dayLabel(v.at)
      item.append(day)
    }
    const row = el('div', `row ${v.me ? 'me' : 'them'}${grouped ? ' grouped' : ''}`)
    if (v.state) row.classList.add(v.state)
    if (!v.me && !grouped) {
      const who = el('div', 'author')
      who.textContent = v.author === 'agent' ? v.agentName || t.agent : t.assistant
      row.append(who)
    }
    const bubble = el('div', 'bubble')
    setText(bubble, v.text)
    row.append(bubble)
    const meta = el('div', 'meta')
    meta.textContent =
      v.state === 'sending'
        ? t.sending
        : v.state === 'failed'
          ? t.failed
          : timeLabel(v.at) + (v.read ? ` · ${t.read}` : '')
    row.append(meta)
    if (v.state === 'failed') {
      row.dataset.retry = v.clientId
      row.tabIndex = 0
      row.setAttribute('role', 'button')
    }
    item.append(row)
    return item
  }

  return { el, dayKey, fileLabel, kindOfType, withFiles, build }
}

/** The builders `chatViews` returns. */
export type ChatViews = ReturnType<typeof chatViews>
