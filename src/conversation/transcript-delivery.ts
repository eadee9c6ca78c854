import type { DeliveryStatus } from '../channels/types'
import type { TranscriptMessage } from './types'
import { type Row, SELECT, toMessage } from './transcript-row'
import { ensureTable } from './schema'

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
  ensureTable(sql, 'receipts')
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
