import { DurableObject } from 'cloudflare:workers'

/** One conversation: transcript, state, timers and outbox in its own SQLite. */
export class Conversation extends DurableObject<Env> {}
