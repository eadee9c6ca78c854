import { toHex } from '../lib/encoding'
import { FORMATS, type FileFormat, type FileKind } from './formats'

/** Who put a file here: the customer (through a channel), an agent (an upload), or the engine (a chat export). */
export type FileSource = 'customer' | 'agent' | 'export'

/** One appearance of a stored file in a conversation or on a work order. */
export interface StoredFile {
  id: string
  sha256: string
  size: number
  format: FileFormat
  mimeType: string
  kind: FileKind
  name: string | null
  source: FileSource
  conversationKey: string | null
  messageSeq: number | null
  ticketId: string | null
  createdBy: string
  createdAt: number
}

interface Row {
  id: string
  sha256: string
  size: number
  format: FileFormat
  mime_type: string
  kind: FileKind
  name: string | null
  source: FileSource
  conversation_key: string | null
  message_seq: number | null
  ticket_id: string | null
  created_by: string
  created_at: number
}

const toFile = (r: Row): StoredFile => ({
  id: r.id,
  sha256: r.sha256,
  size: r.size,
  format: r.format,
  mimeType: r.mime_type,
  kind: r.kind,
  name: r.name,
  source: r.source,
  conversationKey: r.conversation_key,
  messageSeq: r.message_seq,
  ticketId: r.ticket_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
})

/** The R2 key of a content hash: the bytes are stored once however often they are sent. */
export const objectKey = (sha256: string): string => `sha256/${sha256}`

/** SHA-256 of bytes, lower-case hex. */
export const contentHash = async (bytes: Uint8Array): Promise<string> =>
  toHex(await crypto.subtle.digest('SHA-256', bytes))

/** What to record about new bytes; `id` is chosen by the caller so a retried job writes the same row. */
export interface NewFile {
  id: string
  bytes: Uint8Array
  format: FileFormat
  name: string | null
  source: FileSource
  conversationKey: string | null
  messageSeq?: number | null
  ticketId?: string | null
  createdBy: string
  createdAt: number
}

/** D1 rows of files and the R2 bucket that holds their bytes. */
export const fileStore = (db: D1Database, bucket: R2Bucket) => ({
  /**
   * Stores the bytes under their hash unless already there (one `head`), then records the
   * appearance; a repeated call with the same id changes nothing. Returns the row.
   */
  async put(file: NewFile): Promise<StoredFile> {
    const sha256 = await contentHash(file.bytes)
    const key = objectKey(sha256)
    const { mimeType, kind } = FORMATS[file.format]
    if (!(await bucket.head(key))) {
      await bucket.put(key, file.bytes, {
        httpMetadata: { contentType: mimeType },
        customMetadata: { format: file.format },
      })
    }
    await db
      .prepare(
        `INSERT INTO files (id, sha256, size, format, mime_type, kind, name, source, conversation_key, message_seq, ticket_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
      )
      .bind(
        file.id,
        sha256,
        file.bytes.byteLength,
        file.format,
        mimeType,
        kind,
        file.name,
        file.source,
        file.conversationKey,
        file.messageSeq ?? null,
        file.ticketId ?? null,
        file.createdBy,
        file.createdAt
      )
      .run()
    return (await this.get(file.id)) as StoredFile
  },

  /** One file's row, or null. */
  async get(id: string): Promise<StoredFile | null> {
    const row = await db.prepare('SELECT * FROM files WHERE id = ?').bind(id).first<Row>()
    return row ? toFile(row) : null
  },

  /** The files of a work order and of its conversations, oldest first. */
  async forTicket(ticketId: string, conversationKeys: readonly string[]): Promise<StoredFile[]> {
    const keys = conversationKeys.slice(0, 20)
    const inKeys = keys.length ? ` OR conversation_key IN (${keys.map(() => '?').join(', ')})` : ''
    const { results } = await db
      .prepare(`SELECT * FROM files WHERE ticket_id = ?${inKeys} ORDER BY created_at, id LIMIT 200`)
      .bind(ticketId, ...keys)
      .all<Row>()
    return results.map(toFile)
  },

  /** The bytes of a file, or null when the object is missing. */
  async body(file: StoredFile): Promise<R2ObjectBody | null> {
    return bucket.get(objectKey(file.sha256))
  },
})
