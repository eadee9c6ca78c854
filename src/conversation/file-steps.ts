import type { AttachmentRef } from '../channels/types'
import type { FileProblem } from '../files/formats'
import { MAX_FILE_BYTES } from '../lib/media'
import { outcome, type Outcome } from './outcome'
import { say } from './say'
import type { ConversationState, TranscriptAttachment } from './types'
import type { World } from './world'

/** Pure: the platform already said this file is over the limit, so it is refused without a fetch. */
export const knownTooLarge = (a: AttachmentRef): boolean =>
  a.size !== undefined && a.size > MAX_FILE_BYTES

/** Pure: the attachments the bot may react to ("got your photo"); known-too-large ones are only refused. */
export const usableAttachments = (list: readonly AttachmentRef[]): AttachmentRef[] =>
  list.filter((a) => !knownTooLarge(a))

/** Pure: an attachment still to fetch (neither stored nor refused). */
export const pendingAttachment = (a: TranscriptAttachment): boolean =>
  a.fileId === undefined && a.problem === undefined

const TEMPLATE: Record<FileProblem, string> = {
  too_large: 'file.too_large',
  unsupported: 'file.unsupported',
  // An empty file is a broken upload: asking to send it again is the useful answer.
  empty: 'file.failed',
  failed: 'file.failed',
}

/**
 * Pure: the customer is told, once per kind of problem, that files they sent did not reach the
 * shop and what to send instead. Told also while a person owns the conversation: the person sees
 * the same problem in the transcript, but only the customer can send the file again.
 */
export const serveFileProblems = (
  prior: ConversationState,
  problems: readonly FileProblem[],
  world: World
): Outcome => {
  const templates = [...new Set(problems.map((p) => TEMPLATE[p]))]
  const state = { ...prior, updatedAt: world.now }
  const replies = templates.flatMap((id) => say(state, world.pack, world.ctx, id))
  return outcome(state, { replies })
}
