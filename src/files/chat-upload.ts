import { makeKey } from '../channels/keys'
import type { ErrorCode } from '../api/errors'
import type { TranscriptAttachment } from '../conversation/types'
import { sha256Hex } from '../lib/crypto'
import { FORMATS, type FileKind } from './formats'
import { readUpload } from './read-upload'
import { fileStore } from './store'

/** What a customer's upload from the web chat came to. */
export type ChatUploadResult =
  | { ok: true; fileId: string; duplicate: boolean }
  | {
      ok: false
      status: 400 | 413 | 415 | 429 | 503
      code: ErrorCode
      message: string
      retryAfterMs?: number
    }

const TRANSCRIPT_KIND: Record<FileKind, TranscriptAttachment['kind']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
}

/**
 * A file the customer sends from the web chat: checked like any attachment (20 MB counted while
 * read, a listed format proven by content), stored once by hash, then ingested as the customer's
 * message with the file already in place (no platform to fetch it from). The client's message id
 * makes a retried upload land once.
 */
export const uploadFromChat = async (
  env: Env,
  input: {
    sessionId: string
    clientId: string
    name: string | null
    body: ReadableStream<Uint8Array> | null
    languageHint?: string
    now: number
  }
): Promise<ChatUploadResult> => {
  const upload = await readUpload(input.body, (problem) =>
    problem === 'unsupported'
      ? {
          ok: false,
          status: 415,
          code: 'unsupported_format',
          message: 'send photos, videos, voice messages or PDFs',
        }
      : { ok: false, status: 400, code: 'invalid_file', message: 'the file is empty' }
  )
  if (!upload.ok) return upload
  const conversationKey = makeKey('webchat', input.sessionId)
  const fileId = `F-${(await sha256Hex(`${conversationKey}#client:${input.clientId}`)).slice(0, 20)}`
  const file = await fileStore(env.DB, env.FILES).put({
    id: fileId,
    bytes: upload.bytes,
    format: upload.format,
    name: input.name,
    source: 'customer',
    conversationKey,
    createdBy: 'customer',
    createdAt: input.now,
  })
  const attachment: TranscriptAttachment = {
    kind: TRANSCRIPT_KIND[FORMATS[upload.format].kind],
    ref: file.id,
    fileId: file.id,
    format: upload.format,
    mimeType: file.mimeType,
    size: file.size,
    ...(input.name ? { name: input.name } : {}),
  }
  const result = await env.CONVERSATION.getByName(conversationKey).ingest({
    type: 'message',
    channel: 'webchat',
    conversationKey,
    externalId: `client:${input.clientId}`,
    sender: {
      id: input.sessionId,
      isBot: false,
      ...(input.languageHint ? { languageHint: input.languageHint } : {}),
    },
    sentAt: input.now,
    text: '',
    attachments: [attachment],
    raw: { file: file.id, name: input.name },
  })
  if (result.status === 'throttled')
    return {
      ok: false,
      status: 429,
      code: 'rate_limited',
      message: 'too many messages; wait a moment and send again',
      retryAfterMs: result.retryAfterMs,
    }
  if (result.status === 'rejected')
    return { ok: false, status: 503, code: 'unavailable', message: result.reason }
  return { ok: true, fileId: file.id, duplicate: result.status === 'duplicate' }
}
