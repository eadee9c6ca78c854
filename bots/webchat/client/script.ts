import { chatClient } from './chat-client'
import { CHAT_COPY } from './copy'
import { chatViews } from './views'

// The page's one script: the client's source, called with the page's words (as JSON, with `<`
// escaped so no text can close the script element) and the views. wrangler bundles with esbuild's
// keepNames, which wraps named functions in `__name(fn, "name")` calls to a helper that exists
// only in the Worker bundle, so the script brings a stand-in.

/** The chat page's inline script. */
export const CHAT_SCRIPT = `(() => {
'use strict'
const __name = (fn) => fn
;(${chatClient.toString()})(${JSON.stringify(CHAT_COPY).replace(/</g, '\\u003c')}, ${chatViews.toString()})
})()`
