import type { ConversationSummary } from '../tables/conversations'
import { INBOX_NAME } from './protocol'

/** How long an isolate stops telling the hub after it answered that no console tab is open. */
export const QUIET_MS = 10_000

// Until when (this isolate's wall clock) the hub is known to have no open tab: at night a shop's
// every message was a hub request nobody listened to. A tab that connects meanwhile fetches its
// list again QUIET_MS after connecting (console.js), so it misses nothing for longer than that;
// a tab connecting through this isolate ends the quiet at once.
let quietUntil = 0

/** Pure: whether to tell the hub now, and the quiet that follows its answer (open tabs). */
export const publishPlan = (
  now: number,
  until: number
): { publish: boolean; after: (tabs: number) => number } => ({
  publish: now >= until,
  after: (tabs) => (tabs === 0 ? now + QUIET_MS : 0),
})

/** A console tab is connecting through this isolate: tell the hub about every change again. */
export const expectListeners = (): void => {
  quietUntil = 0
}

/** Tells the shop's open console tabs that a conversation changed; best effort (D1 is already written). */
export const publishToInbox = async (
  env: Env,
  summary: ConversationSummary,
  now = Date.now()
): Promise<void> => {
  const plan = publishPlan(now, quietUntil)
  if (!plan.publish) return
  try {
    quietUntil = plan.after(await env.INBOX.getByName(INBOX_NAME).publish(summary))
  } catch (err) {
    // A tab that missed a delta still shows the truth on its next fetch from D1.
    console.warn('inbox publish failed', summary.key, err)
  }
}
