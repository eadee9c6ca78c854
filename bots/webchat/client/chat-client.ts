import type { chatBasics } from './basics'
import type { chatBranding } from './branding'
import type { chatChips } from './chips'
import type { chatComposer } from './composer'
import type { chatConversation } from './conversation'
import type { ChatCopy } from './copy'
import type { chatEmbed } from './embed'
import type { chatHistory } from './history'
import type { chatNotices } from './notices'
import type { chatSending } from './sending'
import type { chatSocket } from './socket'
import type { chatTokens } from './tokens'
import type { Message, Pending } from './types'
import type { chatUploads } from './uploads'
import type { chatViews } from './views'

// The chat page's script. The page inlines this function's source (`chatClient.toString()`, see
// script.ts) and the source of each part, so every one of them must be self-contained: it may
// use browser globals and types, and what it is given, never a value imported from another
// module. Message text only ever reaches the DOM as text nodes / textContent.

/** The parts of the chat page's script, each a self-contained factory. */
export interface ChatParts {
  basics: typeof chatBasics
  branding: typeof chatBranding
  embed: typeof chatEmbed
  notices: typeof chatNotices
  tokens: typeof chatTokens
  history: typeof chatHistory
  views: typeof chatViews
  conversation: typeof chatConversation
  chips: typeof chatChips
  sending: typeof chatSending
  uploads: typeof chatUploads
  composer: typeof chatComposer
  socket: typeof chatSocket
}

/** The chat page's script: finds the page's elements, wires the parts together and starts. */
export const chatClient = (copy: ChatCopy, parts: ChatParts): void => {
  const basics = parts.basics()
  const { $ } = basics
  const fromPage = parts.embed()
  const log = $('log')
  const msgs = $('msgs')
  const input = $('input') as HTMLTextAreaElement
  const sendBtn = $('send') as HTMLButtonElement
  const attach = $('attach')
  const { t } = parts.branding(copy, { input, sendBtn, attach })
  const views = parts.views(t, navigator.language || undefined, basics.isRecord)
  const notices = parts.notices(t, {
    banner: $('banner'),
    typing: $('typing'),
    notice: $('notice'),
  })
  const base = location.pathname.replace(/\/+$/, '')

  // The conversation as the page knows it.
  const server = new Map<number, Message>() // message id -> CustomerMessage
  const pending = new Map<string, Pending>() // client id -> local echo of a message being sent

  // The parts call each other both ways: each gets what it needs as functions, looked up when
  // called, so the order they are made in does not matter.
  const tokens = parts.tokens({
    base,
    readJson: basics.readJson,
    showBanner: notices.showBanner,
    fresh: () => {
      history.forget()
      conversation.render()
      socket.restart()
    },
  })
  const history = parts.history({
    base,
    server,
    pending,
    tokens,
    basics,
    render: (keepScroll) => {
      conversation.render(keepScroll)
    },
    showBanner: notices.showBanner,
    log,
    more: $('more'),
  })
  const chips = parts.chips({
    base,
    chips: $('chips'),
    el: views.el,
    basics,
    enqueue: (fields) => {
      sending.enqueue(fields)
    },
    render: () => {
      conversation.render()
    },
  })
  const conversation = parts.conversation({
    views,
    server,
    pending,
    hasMore: history.hasMore,
    renderChips: chips.renderChips,
    log,
    msgs,
    intro: $('intro'),
  })
  const sending = parts.sending({
    t,
    fromPage,
    pending,
    tokens,
    basics,
    render: conversation.render,
    toBottom: conversation.toBottom,
    showNotice: notices.showNotice,
    showTyping: notices.showTyping,
    live: () => socket.live(),
    loadLatest: history.loadLatest,
    upload: (p, file) => uploads.upload(p, file),
    msgs,
  })
  const uploads = parts.uploads({
    t,
    base,
    pending,
    tokens,
    basics,
    views,
    showNotice: notices.showNotice,
    enqueue: sending.enqueue,
    attach,
    fileInput: $('file') as HTMLInputElement,
  })
  const composer = parts.composer({ form: $('composer'), input, sendBtn, enqueue: sending.enqueue })
  const socket = parts.socket({
    t,
    base,
    tokens,
    basics,
    pending,
    loadLatest: history.loadLatest,
    merge: history.merge,
    markRead: conversation.markRead,
    showTyping: notices.showTyping,
    dot: $('dot'),
    statusEl: $('status'),
  })

  socket.setStatus('connecting')
  composer.autosize()
  conversation.render()
  void tokens
    .renew()
    .then(tokens.ensureToken)
    .then(() => {
      void history.loadLatest().then(() => {
        conversation.toBottom()
        if (server.size === 0) void chips.loadStarters()
      })
      socket.connect()
    }, socket.schedule)
}
