import { boundRaw } from '../channels/raw'
import type { Button, DeliveryStatus, InboundEvent } from '../channels/types'
import type { Reply } from './say'
import type {
  Author,
  CustomerMessage,
  MessageStatus,
  TranscriptAttachment,
  TranscriptMessage,
} from './types'

type Row = {
  seq: number
  external_id: string | null
  kind: 'message' | 'action' | 'edit'
  direction: 'in' | 'out'
  author: Author
  agent: string | null
  text: string
  buttons: string | null
  attachments: string | null
  template: string | null
  platform_id: string | null
  status: MessageStatus
  error: string | null
  attempts: number
  at: number
  sent_at: number | null
  edited_at: number | null
  delivery: DeliveryStatus | null
}

const toMessage = (r: Row): TranscriptMessage => ({
  id: r.seq,
  direction: r.direction,
  kind: r.kind === 'action' ? 'action' : 'message',
  author: r.author,
  ...(r.agent ? { agent: r.agent } : {}),
  text: r.text,
  ...(r.buttons ? { buttons: JSON.parse(r.buttons) as Button[] } : {}),
  ...(r.attachments ? { attachments: JSON.parse(r.attachments) as TranscriptAttachment[] } : {}),
  ...(r.template ? { template: r.template } : {}),
  at: r.at,
  status: r.status,
  ...(r.error ? { error: r.error } : {}),
  ...(r.direction === 'out' ? { attempts: r.attempts } : {}),
  ...(r.sent_at ? { sentAt: r.sent_at } : {}),
  ...(r.edited_at ? { editedAt: r.edited_at } : {}),
  ...(r.delivery ? { delivery: r.delivery } : {}),
})

/** The customer's own view of a row: no internal fields. */
export const toCustomerMessage = (m: TranscriptMessage, clientId?: string): CustomerMessage => ({
  id: m.id,
  direction: m.direction,
  author: m.author,
  ...(m.author === 'agent' && m.agent ? { agentName: m.agent } : {}),
  text: m.text,
  ...(m.buttons ? { buttons: m.buttons } : {}),
  ...(m.attachments?.length
    ? {
        files: m.attachments.map((a) => ({
          kind: a.kind,
          ...(a.name ? { name: a.name } : {}),
          ...(a.problem ? { problem: a.problem } : {}),
        })),
      }
    : {}),
  at: m.at,
  status: m.status,
  ...(clientId ? { clientId } : {}),
})

/** Whether a message with this external id is already stored (a platform redelivery). */
export const seenExternalId = (sql: SqlStorage, externalId: string): boolean =>
  sql.exec('SELECT 1 FROM messages WHERE external_id = ? LIMIT 1', externalId).toArray().length > 0

/** Tags a stored message with the external id it came from (a desk message an agent's reply was). */
export const setExternalId = (sql: SqlStorage, seq: number, externalId: string): void => {
  sql.exec('UPDATE messages SET external_id = ? WHERE seq = ?', externalId, seq)
}

/**
 * Stores an inbound event once. Returns the new row id, or null when its external id was seen
 * before (a platform retry). An edit updates the original message's text and keeps the old text
 * in its own row.
 */
export const appendInbound = (
  sql: SqlStorage,
  event: Exclude<InboundEvent, { type: 'status' }>,
  now: number
): number | null => {
  const text = event.type === 'action' ? (event.label ?? event.actionId) : event.text
  // Dedupe by a scan, not a unique index: an index entry is a billed write on every inbound
  // message, a scanned row a thousandth of one, and a conversation is a few hundred rows. The
  // object runs this synchronously, so nothing can come between the check and the insert.
  if (seenExternalId(sql, event.externalId)) return null
  const inserted = sql
    .exec<{ seq: number }>(
      `INSERT INTO messages (external_id, kind, direction, author, text, attachments, platform_id, ref_seq, status, at, raw)
       VALUES (?, ?, 'in', 'customer', ?, ?, ?, NULL, 'received', ?, ?) RETURNING seq`,
      event.externalId,
      event.type,
      text,
      event.type === 'message' && event.attachments.length > 0
        ? JSON.stringify(event.attachments)
        : null,
      event.type === 'action' ? event.actionId : (event.platformMessageId ?? null),
      now,
      boundRaw(event.raw)
    )
    .toArray()[0]
  if (!inserted) return null
  if (event.type === 'edit') {
    const original = sql
      .exec<{ seq: number; text: string }>(
        "SELECT seq, text FROM messages WHERE direction = 'in' AND kind = 'message' AND platform_id = ? ORDER BY seq DESC LIMIT 1",
        event.platformMessageId
      )
      .toArray()[0]
    if (original) {
      // The edit row keeps the text as it was before, so the transcript stays auditable.
      sql.exec(
        'UPDATE messages SET ref_seq = ?, text = ? WHERE seq = ?',
        original.seq,
        original.text,
        inserted.seq
      )
      sql.exec(
        'UPDATE messages SET text = ?, edited_at = ? WHERE seq = ?',
        event.text,
        now,
        original.seq
      )
    }
  }
  return inserted.seq
}

/** Queues a reply in the outbox; returns its row id. */
export const appendOutbound = (sql: SqlStorage, reply: Reply, now: number): number => {
  const row = sql
    .exec<{ seq: number }>(
      `INSERT INTO messages (kind, direction, author, agent, text, buttons, template, status, at)
       VALUES ('message', 'out', ?, ?, ?, ?, ?, 'queued', ?) RETURNING seq`,
      reply.author,
      reply.agent ?? null,
      reply.text,
      reply.buttons && reply.buttons.length > 0 ? JSON.stringify(reply.buttons) : null,
      reply.template ?? null,
      now
    )
    .toArray()[0]
  return (row as { seq: number }).seq
}

const SELECT = 'SELECT * FROM messages'

/** One message by id. */
export const getMessage = (sql: SqlStorage, seq: number): TranscriptMessage | null => {
  const row = sql.exec<Row>(`${SELECT} WHERE seq = ?`, seq).toArray()[0]
  return row ? toMessage(row) : null
}

/** The attachments of an inbound row, with what fetching them has given so far; null when none. */
export const readAttachments = (sql: SqlStorage, seq: number): TranscriptAttachment[] | null => {
  const row = sql
    .exec<{ attachments: string | null }>(
      "SELECT attachments FROM messages WHERE seq = ? AND direction = 'in'",
      seq
    )
    .toArray()[0]
  return row?.attachments ? (JSON.parse(row.attachments) as TranscriptAttachment[]) : null
}

/** Records what fetching a row's attachments gave (stored, refused, failed). */
export const saveAttachments = (
  sql: SqlStorage,
  seq: number,
  attachments: readonly TranscriptAttachment[]
): void => {
  sql.exec('UPDATE messages SET attachments = ? WHERE seq = ?', JSON.stringify(attachments), seq)
}

/** The client id the customer's web chat sent a message with (external id `client:<id>`). */
export const clientIdOf = (sql: SqlStorage, seq: number): string | undefined => {
  const row = sql
    .exec<{ external_id: string | null }>('SELECT external_id FROM messages WHERE seq = ?', seq)
    .toArray()[0]
  return row?.external_id?.startsWith('client:') ? row.external_id.slice(7) : undefined
}

/** A page of the transcript, oldest first, ending before `before` (edits folded in). */
export const listMessages = (
  sql: SqlStorage,
  page: { before?: number; limit: number }
): { messages: TranscriptMessage[]; nextBefore: number | null } => {
  const rows = sql
    .exec<Row>(
      `${SELECT} WHERE kind != 'edit' AND seq < ? ORDER BY seq DESC LIMIT ?`,
      page.before ?? Number.MAX_SAFE_INTEGER,
      page.limit + 1
    )
    .toArray()
  const more = rows.length > page.limit
  const pageRows = rows.slice(0, page.limit).reverse()
  return {
    messages: pageRows.map(toMessage),
    nextBefore: more && pageRows[0] ? pageRows[0].seq : null,
  }
}

/** The oldest outbound row still waiting to be sent. */
export const nextQueued = (sql: SqlStorage): TranscriptMessage | undefined => {
  const row = sql
    .exec<Row>(`${SELECT} WHERE direction = 'out' AND status = 'queued' ORDER BY seq LIMIT 1`)
    .toArray()[0]
  return row ? toMessage(row) : undefined
}

/** Records a successful send. */
export const markSent = (sql: SqlStorage, seq: number, platformId: string, now: number): void => {
  sql.exec(
    "UPDATE messages SET status = 'sent', platform_id = ?, sent_at = ?, error = NULL, attempts = attempts + 1 WHERE seq = ?",
    platformId,
    now,
    seq
  )
}

/** Records that a failed send may still have reached the customer (delivery `unknown`). */
export const markUnknown = (sql: SqlStorage, seq: number): void => {
  sql.exec("UPDATE messages SET delivery = 'unknown' WHERE seq = ?", seq)
}

/** Records a failed attempt; `final` marks the row failed for good. */
export const markAttempt = (
  sql: SqlStorage,
  seq: number,
  error: string,
  final: boolean
): number => {
  const row = sql
    .exec<{ attempts: number }>(
      `UPDATE messages SET attempts = attempts + 1, error = ?, status = CASE WHEN ? THEN 'failed' ELSE status END
       WHERE seq = ? RETURNING attempts`,
      error,
      final ? 1 : 0,
      seq
    )
    .toArray()[0]
  return row?.attempts ?? 0
}

const RANK: Record<DeliveryStatus, number> = {
  unknown: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
}

/**
 * Applies a delivery receipt once (receipts arrive out of order and more than once): it only moves
 * a message forward, and `failed` marks it failed with the platform's reason. Returns the row id.
 */
export const applyReceipt = (
  sql: SqlStorage,
  receipt: {
    externalId: string
    platformMessageId: string
    status: DeliveryStatus
    error?: string
  },
  now: number
): number | null => {
  const fresh = sql
    .exec(
      'INSERT INTO receipts (external_id, platform_id, status, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING at',
      receipt.externalId,
      receipt.platformMessageId,
      receipt.status,
      now
    )
    .toArray()[0]
  if (!fresh) return null
  const row = sql
    .exec<{ seq: number; delivery: DeliveryStatus | null }>(
      "SELECT seq, delivery FROM messages WHERE direction = 'out' AND platform_id = ? ORDER BY seq DESC LIMIT 1",
      receipt.platformMessageId
    )
    .toArray()[0]
  if (!row) return null
  if (receipt.status === 'failed') {
    sql.exec(
      "UPDATE messages SET status = 'failed', delivery = 'failed', error = ? WHERE seq = ?",
      receipt.error ?? 'the platform reported the message as failed',
      row.seq
    )
  } else if (RANK[receipt.status] > (row.delivery ? RANK[row.delivery] : 0)) {
    sql.exec('UPDATE messages SET delivery = ? WHERE seq = ?', receipt.status, row.seq)
  }
  return row.seq
}
