import type { ChatCopy, ChatText } from './copy'

// The page's language (English unless the browser is Chinese) and the shop's look (data
// attributes on <body>). Inlined by source like chat-client.ts: self-contained.

/** Picks the page's words, applies the shop's branding and labels the page's fixed elements. */
export const chatBranding = (
  copy: ChatCopy,
  fixed: { input: HTMLTextAreaElement; sendBtn: HTMLButtonElement; attach: HTMLElement }
): { lang: keyof ChatCopy; t: ChatText } => {
  const lang: keyof ChatCopy = /^zh/i.test(navigator.language || '') ? 'zh' : 'en'
  const t: ChatText = copy[lang]
  const brand = document.body.dataset
  if (brand.accent && /^#[0-9a-fA-F]{6}$/.test(brand.accent))
    document.documentElement.style.setProperty('--accent', brand.accent)
  const welcome = lang === 'zh' ? brand.welcomeZh : brand.welcomeEn
  if (welcome) t.welcomeSub = welcome

  document.documentElement.lang = lang
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const text = t[node.dataset.t as keyof ChatText]
    node.textContent = typeof text === 'string' ? text : ''
  }
  const { input, sendBtn, attach } = fixed
  input.placeholder = t.placeholder
  input.setAttribute('aria-label', t.message)
  input.title = t.hint
  sendBtn.setAttribute('aria-label', t.send)
  sendBtn.title = t.send
  attach.setAttribute('aria-label', t.attach)
  attach.title = t.attach
  return { lang, t }
}
