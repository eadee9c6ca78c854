import { boundRaw } from '../channels/raw'
import type { InboundEvent } from '../channels/types'
import { lastSeq, pendingReplies, queuedMessage } from './queued-replies'
import { readOutbox, readState, writeState } from './state'
import { type Row, SELECT, toMessage } from './transcript-row'
import type { CustomerMessage, TranscriptAttachment, TranscriptMessage } from './types'

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

/**
 * How many of the newest transcript rows a redelivery is looked for in. Platforms redeliver within
 * minutes to a day; a customer writing this much in between is not a customer. The bound keeps a
 * long conversation's every message from scanning its whole history.
 */
export const DEDUPE_WINDOW = 2000

/** Whether a message with this external id is already stored or queued (a platform redelivery). */
export const seenExternalId = (
  sql: SqlStorage,
  externalId: string,
  last: number = lastSeq(sql, readOutbox(sql))
): boolean =>
  readOutbox(sql).some((entry) => entry.externalId === externalId) ||
  sql
    .exec(
      'SELECT 1 FROM messages WHERE seq > ? AND external_id = ? LIMIT 1',
      last - DEDUPE_WINDOW,
      externalId
    )
    .toArray().length > 0

/** Tags a message with the external id it came from (a desk message an agent's reply was). */
export const setExternalId = (sql: SqlStorage, seq: number, externalId: string): void => {
  const outbox = readOutbox(sql)
  const state = readState(sql)
  if (state && pendingReplies(sql, outbox).some((entry) => entry.seq === seq)) {
    // Still queued: the tag rides with the reply and lands in its row when it is sent.
    writeState(sql, state, {
      outbox: outbox.map((entry) => (entry.seq === seq ? { ...entry, externalId } : entry)),
    })
    return
  }
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
  // Dedupe by a scan of the newest rows, not a unique index: an index entry is a billed write on
  // every inbound message, a scanned row a thousandth of one. The object runs this synchronously,
  // so nothing can come between the check and the insert.
  const last = lastSeq(sql, readOutbox(sql))
  if (seenExternalId(sql, event.externalId, last)) return null
  const inserted = sql
    .exec<{ seq: number }>(
      `INSERT INTO messages (seq, external_id, kind, direction, author, text, attachments, platform_id, ref_seq, status, at, raw)
       VALUES (?, ?, ?, 'in', 'customer', ?, ?, ?, NULL, 'received', ?, ?) RETURNING seq`,
      // After the ids queued replies hold (they get their rows when sent).
      last + 1,
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

/** One message by id (a queued reply too). */
export const getMessage = (sql: SqlStorage, seq: number): TranscriptMessage | null => {
  const row = sql.exec<Row>(`${SELECT} WHERE seq = ?`, seq).toArray()[0]
  if (row) return toMessage(row)
  const queued = readOutbox(sql).find((entry) => entry.seq === seq)
  return queued ? queuedMessage(queued) : null
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

/** A page of the transcript, oldest first, ending before `before` (edits folded in, queued replies in place). */
export const listMessages = (
  sql: SqlStorage,
  page: { before?: number; limit: number }
): { messages: TranscriptMessage[]; nextBefore: number | null } => {
  const before = page.before ?? Number.MAX_SAFE_INTEGER
  const rows = sql
    .exec<Row>(
      `${SELECT} WHERE kind != 'edit' AND seq < ? ORDER BY seq DESC LIMIT ?`,
      before,
      page.limit + 1
    )
    .toArray()
    .map(toMessage)
  const queued = pendingReplies(sql)
    .filter((entry) => entry.seq < before)
    .map(queuedMessage)
  const newestFirst = queued.length === 0 ? rows : [...rows, ...queued].sort((a, b) => b.id - a.id)
  const more = newestFirst.length > page.limit
  const messages = newestFirst.slice(0, page.limit).reverse()
  return {
    messages,
    nextBefore: more && messages[0] ? messages[0].id : null,
  }
}
