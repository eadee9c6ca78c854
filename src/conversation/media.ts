import type { ChannelAdapter, MediaResult } from '../channels/types'
import { checkFile, type FileProblem } from '../files/formats'
import { fileStore } from '../files/store'
import { sha256Hex } from '../lib/crypto'
import { readLimited } from '../lib/body'
import { MAX_FILE_BYTES } from '../lib/media'
import { knownTooLarge, pendingAttachment } from './file-steps'
import type { TranscriptAttachment } from './types'

/** Fetch attempts for a passing failure (2 s doubling to 64 s: about two minutes) before the customer is asked to resend. */
export const MEDIA_ATTEMPTS = 7

/** The D1 id of the `index`-th file of a transcript row: a retried job writes the same row. */
export const fileIdOf = async (key: string, seq: number, index: number): Promise<string> =>
  `F-${(await sha256Hex(`${key}#${seq}#${index}`)).slice(0, 20)}`

/** What one round of fetching a row's attachments gave. */
export interface MediaRound {
  attachments: TranscriptAttachment[]
  /** Problems found this round (each told to the customer once). */
  problems: FileProblem[]
  /** When to try the still-pending ones again; null when none is pending. */
  retryAt: number | null
}

interface Job {
  adapter: ChannelAdapter | null
  files: ReturnType<typeof fileStore>
  key: string
  seq: number
  /** Failed attempts so far (the timer's count). */
  attempts: number
  now: number
}

type One = {
  attachment: TranscriptAttachment
  problem?: FileProblem
  retryAfterMs?: number
  retry?: true
}

const refused = (a: TranscriptAttachment, problem: FileProblem, detail?: string): One => ({
  attachment: { ...a, problem, ...(detail ? { detail } : {}) },
  problem,
})

const fetchOne = async (
  job: Job,
  a: TranscriptAttachment,
  index: number,
  last: boolean
): Promise<One> => {
  if (knownTooLarge(a)) return refused(a, 'too_large', `declared ${a.size ?? 0} bytes`)
  if (!job.adapter?.fetchMedia) return refused(a, 'failed', 'this channel cannot fetch files')
  const fetched: MediaResult = await job.adapter.fetchMedia(a).catch((err: unknown) => ({
    ok: false,
    retryable: true,
    reason: `fetch threw: ${String(err)}`,
  }))
  if (!fetched.ok) {
    if (fetched.tooLarge) return refused(a, 'too_large', fetched.reason)
    if (fetched.retryable && !last)
      return {
        attachment: { ...a, detail: fetched.reason },
        retry: true,
        ...(fetched.retryAfterMs === undefined ? {} : { retryAfterMs: fetched.retryAfterMs }),
      }
    return refused(a, 'failed', fetched.reason)
  }
  const read = await readLimited(fetched.response.body, MAX_FILE_BYTES).catch(() => null)
  if (!read)
    return last ? refused(a, 'failed', 'download broke off') : { attachment: a, retry: true }
  if (!read.ok) return refused(a, 'too_large', `over ${MAX_FILE_BYTES} bytes`)
  const check = checkFile(read.bytes, MAX_FILE_BYTES)
  if (!check.ok)
    return refused(
      a,
      check.problem,
      check.problem === 'unsupported'
        ? `declared ${fetched.mimeType ?? a.mimeType ?? 'no type'}`
        : undefined
    )
  const id = await fileIdOf(job.key, job.seq, index)
  await job.files.put({
    id,
    bytes: read.bytes,
    format: check.format,
    name: fetched.name ?? a.name ?? null,
    source: 'customer',
    conversationKey: job.key,
    messageSeq: job.seq,
    createdBy: 'customer',
    createdAt: job.now,
  })
  const { detail: _, ...rest } = a
  return { attachment: { ...rest, fileId: id, format: check.format, size: read.bytes.byteLength } }
}

/** Pure: the round that marks every pending attachment failed, when fetching or storing keeps failing. */
export const giveUp = (list: readonly TranscriptAttachment[], detail: string): MediaRound => {
  const attachments = list.map((a) =>
    pendingAttachment(a) ? { ...a, problem: 'failed' as const, detail } : a
  )
  return { attachments, problems: list.some(pendingAttachment) ? ['failed'] : [], retryAt: null }
}

/**
 * Fetches every pending attachment of a row from the platform into R2 (content-addressed, so a
 * file sent twice is stored once). A passing failure is retried with backoff; the last attempt,
 * a refusal (over 20 MB, not a listed format) or a final failure is recorded on the attachment.
 * A store failure (R2, D1) throws: the alarm retries the whole round.
 */
export const fetchAttachments = async (
  job: Job,
  list: readonly TranscriptAttachment[]
): Promise<MediaRound> => {
  const last = job.attempts + 1 >= MEDIA_ATTEMPTS
  const attachments: TranscriptAttachment[] = []
  const problems: FileProblem[] = []
  let wait: number | null = null
  for (const [index, a] of list.entries()) {
    if (!pendingAttachment(a)) {
      attachments.push(a)
      continue
    }
    const one = await fetchOne(job, a, index, last)
    attachments.push(one.attachment)
    if (one.problem) problems.push(one.problem)
    if (one.retry) {
      const backoff = Math.min(2 ** (job.attempts + 1) * 1000, 120_000)
      wait = Math.max(wait ?? 0, one.retryAfterMs ?? backoff)
    }
  }
  return { attachments, problems, retryAt: wait === null ? null : job.now + wait }
}
