import type { ServiceOutcome } from './service'
import type { ConversationState } from './types'

/** An outcome that changes only the state (plus whatever `extra` adds): nothing said, no clock events. */
export const outcome = (
  state: ConversationState,
  extra: Partial<ServiceOutcome> = {}
): ServiceOutcome => ({
  state,
  replies: [],
  events: [],
  notices: [],
  archive: false,
  ...extra,
})
