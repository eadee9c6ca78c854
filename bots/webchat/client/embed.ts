// What changes when the widget embeds the page in an iframe on the shop's site. Inlined by source
// like chat-client.ts: self-contained.

/** Esc asks the launcher to close the chat; returns the shop page to send with each message. */
export const chatEmbed = (): { page?: string } => {
  const params = new URLSearchParams(location.search)
  // The launcher returns focus to itself when it closes.
  if (window.parent !== window && params.get('embed') === '1') {
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape')
        window.parent.postMessage({ ns: 'shop-chat', v: 1, type: 'close' }, '*')
    })
  }
  // The shop page the customer is on, for agents.
  const ref = params.get('ref') ?? ''
  return /^https?:\/\/[^\s]{1,490}$/.test(ref) ? { page: ref } : {}
}
