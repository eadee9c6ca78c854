import { app } from './app'

export { Conversation } from './conversation/conversation'
export { SyncCursor } from './sync/sync-cursor'
export { InboxHub } from './inbox/inbox-hub'

/** The Worker entry: the Hono app handles every request. */
export default app
