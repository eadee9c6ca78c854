import type { ChatBasics } from './basics'
import type { Button, Outgoing, View } from './types'

// The buttons under the conversation: the last answer's, or before the first message the shop's
// topics (the greeting's buttons), so the customer can start with a tap; the bot greets once, in
// its first answer. Inlined by source like chat-client.ts: self-contained.

/** Shows the buttons the customer can press now; a press is sent like a message. */
export const chatChips = (deps: {
  base: string
  chips: HTMLElement
  el: <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string) => HTMLElementTagNameMap[K]
  basics: Pick<ChatBasics, 'isRecord' | 'readJson'>
  enqueue: (fields: Outgoing) => void
  render: () => void
}) => {
  const { base, chips, el, enqueue, render } = deps
  const { isRecord, readJson } = deps.basics
  const isButton = (value: unknown): value is Button =>
    isRecord(value) && typeof value.id === 'string' && typeof value.label === 'string'
  let chipsSig = ''
  let starters: unknown[] = []
  const loadStarters = async () => {
    try {
      const res = await fetch(base + '/topics', { cache: 'no-store' })
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
  return { renderChips, loadStarters }
}
