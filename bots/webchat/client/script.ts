import { chatBasics } from './basics'
import { chatBranding } from './branding'
import { chatChips } from './chips'
import { chatClient, type ChatParts } from './chat-client'
import { chatComposer } from './composer'
import { chatConversation } from './conversation'
import { CHAT_COPY } from './copy'
import { chatEmbed } from './embed'
import { chatHistory } from './history'
import { chatNotices } from './notices'
import { chatSending } from './sending'
import { chatSocket } from './socket'
import { chatTokens } from './tokens'
import { chatUploads } from './uploads'
import { chatViews } from './views'

// The page's one script: the client's source, called with the page's words (as JSON, with `<`
// escaped so no text can close the script element) and the source of each of its parts. wrangler
// bundles with esbuild's keepNames, which wraps named functions in `__name(fn, "name")` calls to a
// helper that exists only in the Worker bundle, so the script brings a stand-in.

const PARTS = {
  basics: chatBasics,
  branding: chatBranding,
  embed: chatEmbed,
  notices: chatNotices,
  tokens: chatTokens,
  history: chatHistory,
  views: chatViews,
  conversation: chatConversation,
  chips: chatChips,
  sending: chatSending,
  uploads: chatUploads,
  composer: chatComposer,
  socket: chatSocket,
} satisfies ChatParts

const partSources = Object.entries(PARTS)
  .map(([name, part]) => `${name}: ${part.toString()}`)
  .join(',\n')

/** The chat page's inline script. */
export const CHAT_SCRIPT = `(() => {
'use strict'
const __name = (fn) => fn
;(${chatClient.toString()})(${JSON.stringify(CHAT_COPY).replace(/</g, '\\u003c')}, {
${partSources}
})
})()`
