import { app } from './app'

export { Conversation } from './conversation/conversation'

/** The Worker entry: the Hono app handles every request. */
export default app
