import type { ConversationSummary } from '../tables/conversations'
import { INBOX_NAME } from './protocol'

/** Tells the shop's open console tabs that a conversation changed; best effort (D1 is already written). */
export const publishToInbox = async (env: Env, summary: ConversationSummary): Promise<void> => {
  try {
    await env.INBOX.getByName(INBOX_NAME).publish(summary)
  } catch (err) {
    // A tab that missed a delta still shows the truth on its next fetch from D1.
    console.warn('inbox publish failed', summary.key, err)
  }
}
