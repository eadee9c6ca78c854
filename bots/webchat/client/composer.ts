import type { Outgoing } from './types'

// Where the customer types: the box grows with the text, Enter sends (Shift+Enter is a new line).
// Inlined by source like chat-client.ts: self-contained.

/** The composer's behaviour; `autosize` fits the box and the send button to the text. */
export const chatComposer = (deps: {
  form: HTMLElement
  input: HTMLTextAreaElement
  sendBtn: HTMLButtonElement
  enqueue: (fields: Outgoing) => void
}) => {
  const { form, input, sendBtn, enqueue } = deps
  const MAX_TEXT = 4000
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
  form.addEventListener('submit', (e) => {
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
  return { autosize }
}
