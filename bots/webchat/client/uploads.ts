import type { ChatBasics } from './basics'
import type { ChatText } from './copy'
import type { ChatTokens } from './tokens'
import type { Outgoing, Pending } from './types'
import type { ChatViews } from './views'

// Photos and files from the customer. A file goes as its bytes; the server proves the format and
// sends the message with it. Inlined by source like chat-client.ts: self-contained.

/** The attach button and the upload of a queued file. */
export const chatUploads = (deps: {
  t: ChatText
  base: string
  pending: ReadonlyMap<string, Pending>
  tokens: Pick<ChatTokens, 'ensureToken' | 'replaceSession'>
  basics: Pick<ChatBasics, 'sleep' | 'retryAfter'>
  views: Pick<ChatViews, 'fileLabel' | 'kindOfType'>
  showNotice: (text: string) => void
  enqueue: (fields: Outgoing) => void
  attach: HTMLElement
  fileInput: HTMLInputElement
}) => {
  const { t, base, pending, tokens, showNotice, enqueue, attach, fileInput } = deps
  const { sleep, retryAfter } = deps.basics
  const { fileLabel, kindOfType } = deps.views
  // The same client id on every try: the conversation stores it once.
  const upload = async (p: Pending, file: File): Promise<boolean | 'refused'> => {
    const q = `?id=${encodeURIComponent(p.clientId)}&name=${encodeURIComponent(file.name || '')}`
    for (let attempt = 0; attempt <= 3; attempt++) {
      if (attempt) await sleep(Math.min(1000 * 2 ** (attempt - 1), 4000))
      if (!pending.has(p.clientId)) return true
      try {
        const tk = await tokens.ensureToken()
        const res = await fetch(base + '/files' + q, {
          method: 'POST',
          headers: {
            'Content-Type': file.type || 'application/octet-stream',
            Authorization: `Bearer ${tk}`,
          },
          body: file,
        })
        if (res.ok) return true
        if (res.status === 401) {
          await tokens.replaceSession(tk)
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
  return { upload }
}
