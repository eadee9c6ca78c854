import type { ChatText } from './copy'

// The page's passing signals: the "unavailable" banner, who is typing, and short notices (too
// fast, file refused). Inlined by source like chat-client.ts: self-contained.

/** Shows and hides the page's banner, typing line and notice line. */
export const chatNotices = (
  t: ChatText,
  els: { banner: HTMLElement; typing: HTMLElement; notice: HTMLElement }
) => {
  const { banner, typing, notice } = els
  const showBanner = (on: boolean) => {
    banner.hidden = !on
  }
  let typingTimer = 0
  // An agent's typing signal lasts a few seconds unless renewed (the console sends one every 3 s).
  const showTyping = (name: string) => {
    clearTimeout(typingTimer)
    if (!name) {
      typing.hidden = true
      return
    }
    typing.textContent = `${name} ${t.typing}`
    typing.hidden = false
    typingTimer = setTimeout(() => {
      typing.hidden = true
    }, 6000)
  }
  let noticeTimer = 0
  const showNotice = (text: string) => {
    clearTimeout(noticeTimer)
    notice.textContent = text
    notice.hidden = false
    noticeTimer = setTimeout(() => {
      notice.hidden = true
    }, 8000)
  }
  return { showBanner, showTyping, showNotice }
}

/** The signals `chatNotices` returns. */
export type ChatNotices = ReturnType<typeof chatNotices>
