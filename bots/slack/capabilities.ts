import { parseKey } from '../../src/channels/keys'
import type { ChannelCapabilities } from '../../src/channels/types'

/** What core code may know of Slack: its channel threads double as the agents' desk. */
export const slackCapabilities: ChannelCapabilities = {
  // A thread reply's key is `slack:<team>:<channel>:<thread ts>`; the desk names it `<channel>:<ts>`.
  teamThread: (conversationKey) => {
    const ids = parseKey(conversationKey)?.ids
    return ids?.length === 3 ? `${ids[1]}:${ids[2]}` : null
  },
}
