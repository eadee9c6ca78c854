import type { ErrorCode } from '../api/errors'
import { readShopSettings } from '../shop/settings'
import { readBusinessHours } from '../sla/settings-store'
import { randomId } from '../lib/crypto'
import { utf8 } from '../lib/encoding'
import { FILE_LIMIT_MESSAGE, MAX_FILE_BYTES } from '../lib/media'
import { ticketStore } from '../tickets/store'
import type { TranscriptMessage } from '../conversation/types'
import { transcriptText } from './export'
import { cleanName, type FileProblem } from './formats'
import { readUpload } from './read-upload'
import { fileStore, type NewFile, type StoredFile } from './store'

/** The outcome of adding a file to a work order: the stored row, or a refusal with its HTTP status. */
export type IntakeResult =
  | { ok: true; file: StoredFile }
  | { ok: false; status: 404 | 409 | 413 | 415 | 400; code: ErrorCode; message: string }

const REFUSALS: Record<FileProblem, { status: 400 | 413 | 415; message: string }> = {
  too_large: { status: 413, message: FILE_LIMIT_MESSAGE },
  unsupported: {
    status: 415,
    message:
      'not an accepted format: photos (JPEG, PNG, GIF, WebP, HEIC), video (MP4, MOV, WebM, 3GP), audio (OGG, MP3, AAC, M4A, AMR, WAV) or PDF, recognised by content',
  },
  empty: { status: 400, message: 'the file is empty' },
  failed: { status: 400, message: 'the file could not be read' },
}

/** A new id for an uploaded or exported file. */
export const newFileId = (): string => `F-${randomId(10)}`

/**
 * An agent's upload to a work order: counted while read (never more than 20 MB buffered), its
 * format proven by content, stored once per content hash.
 */
export const uploadToTicket = async (
  env: Env,
  input: {
    ticketId: string
    body: ReadableStream<Uint8Array> | null
    name: string | null
    actor: string
    now: number
  }
): Promise<IntakeResult> => {
  const ticket = await ticketStore(env.DB).get(input.ticketId)
  if (!ticket) return { ok: false, status: 404, code: 'not_found', message: 'no such ticket' }
  const upload = await readUpload(input.body, (problem) => ({
    ok: false,
    status: REFUSALS[problem].status,
    code: problem === 'unsupported' ? 'unsupported_format' : 'invalid_file',
    message: REFUSALS[problem].message,
  }))
  if (!upload.ok) return upload
  const name = input.name === null ? null : cleanName(input.name, 200)
  return attach(
    env,
    ticket.id,
    { bytes: upload.bytes, format: upload.format, name, source: 'agent' },
    input
  )
}

/** Stores a file on a work order and records it in the ticket's history. */
const attach = async (
  env: Env,
  ticketId: string,
  file: Pick<NewFile, 'bytes' | 'format' | 'name' | 'source'>,
  by: { actor: string; now: number }
): Promise<IntakeResult> => {
  const stored = await fileStore(env.DB, env.FILES).put({
    ...file,
    id: newFileId(),
    conversationKey: null,
    ticketId,
    createdBy: by.actor,
    createdAt: by.now,
  })
  await ticketStore(env.DB).addEvent({
    ticketId,
    at: by.now,
    actor: by.actor,
    kind: 'file',
    text: stored.name ?? stored.id,
  })
  return { ok: true, file: stored }
}

const wholeTranscript = async (env: Env, key: string): Promise<TranscriptMessage[] | null> => {
  const stub = env.CONVERSATION.getByName(key)
  const first = await stub.view({ limit: 200 })
  if (!first.ok) return null
  let messages = first.value.messages
  let before = first.value.nextBefore
  // A work order's conversation is rarely long; 25 pages (5,000 messages) bounds a pathological one.
  for (let page = 0; before !== null && page < 25; page++) {
    const more = await stub.view({ limit: 200, before })
    if (!more.ok) break
    messages = [...more.value.messages, ...messages]
    before = more.value.nextBefore
  }
  return messages
}

/** Attaches the linked conversation's transcript to a work order as a text file. */
export const exportChatToTicket = async (
  env: Env,
  input: { ticketId: string; actor: string; now: number }
): Promise<IntakeResult> => {
  const ticket = await ticketStore(env.DB).get(input.ticketId)
  if (!ticket) return { ok: false, status: 404, code: 'not_found', message: 'no such ticket' }
  if (!ticket.conversationKey)
    return {
      ok: false,
      status: 409,
      code: 'no_conversation',
      message: 'this work order has no conversation to export',
    }
  const [messages, shop, hours] = await Promise.all([
    wholeTranscript(env, ticket.conversationKey),
    readShopSettings(env.CONFIG),
    readBusinessHours(env.CONFIG),
  ])
  if (!messages)
    return { ok: false, status: 404, code: 'not_found', message: 'no such conversation' }
  const text = transcriptText(messages, {
    shop: shop.name ?? (env.SHOP_NAME || 'Shop'),
    conversationKey: ticket.conversationKey,
    ticketId: ticket.id,
    exportedAt: input.now,
    exportedBy: input.actor,
    zone: hours.timeZone,
  })
  const bytes = utf8(text)
  if (bytes.byteLength > MAX_FILE_BYTES)
    return {
      ok: false,
      status: 413,
      code: 'payload_too_large',
      message: REFUSALS.too_large.message,
    }
  return attach(
    env,
    ticket.id,
    { bytes, format: 'text', name: `chat-${ticket.id}.txt`, source: 'export' },
    input
  )
}
