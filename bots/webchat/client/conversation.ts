import type { Message, Pending, View } from './types'
import type { ChatViews } from './views'

// The conversation on screen: the server's messages and the customer's unconfirmed ones as rows,
// each row rebuilt only when what it shows changed. Inlined by source like chat-client.ts:
// self-contained.

/** Renders the conversation into the page's log. */
export const chatConversation = (deps: {
  views: Pick<ChatViews, 'dayKey' | 'withFiles' | 'build'>
  server: ReadonlyMap<number, Message>
  pending: ReadonlyMap<string, Pending>
  hasMore: () => boolean
  renderChips: (list: View[]) => void
  log: HTMLElement
  msgs: HTMLElement
  intro: HTMLElement
}) => {
  const { server, pending, hasMore, renderChips, log, msgs, intro } = deps
  const { dayKey, withFiles, build } = deps.views
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
    intro.hidden = hasMore()
    renderChips(list)
    if (stick) toBottom()
  }
  const markRead = (upTo: number) => {
    readUpTo = Math.max(readUpTo, upTo)
    render()
  }
  return { render, toBottom, markRead }
}
