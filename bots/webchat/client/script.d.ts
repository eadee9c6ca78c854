// What the Worker sees of the web chat client: the page's script as text. The code behind it
// (chat-client.ts and its parts) needs DOM types, so only this folder's tsconfig.json checks it.

/** The chat page's inline script. */
export declare const CHAT_SCRIPT: string
