import type { Reply } from './say'
import { readOutbox, type QueuedReply } from './state'
import type { TranscriptMessage } from './types'

/** The largest transcript id in use: a row's, or one a queued reply holds. */
export const lastSeq = (sql: SqlStorage, outbox: readonly QueuedReply[]): number => {
  const stored =
    sql.exec<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM messages').toArray()[0]?.seq ?? 0
  return outbox.reduce((max, entry) => Math.max(max, entry.seq), stored)
}

/** Pure: replies as outbox entries under the ids after `after`. */
export const toQueued = (replies: readonly Reply[], after: number, now: number): QueuedReply[] =>
  replies.map((reply, i) => ({
    seq: after + i + 1,
    at: now,
    author: reply.author,
    ...(reply.agent ? { agent: reply.agent } : {}),
    text: reply.text,
    ...(reply.buttons && reply.buttons.length > 0 ? { buttons: reply.buttons } : {}),
    ...(reply.template ? { template: reply.template } : {}),
  }))

// Seqs of queued replies known to have their rows. Reply rows are written by the drain outside
// any transaction and never deleted, so once seen an entry stays spent, and the checks of a
// message's RPC and alarm (eight of them) need no statement after the first.
const spent = new WeakMap<SqlStorage, Set<number>>()

const spentOf = (sql: SqlStorage): Set<number> => {
  let known = spent.get(sql)
  if (!known) {
    known = new Set()
    spent.set(sql, known)
  }
  return known
}

/** The entries of `outbox` that have no transcript row yet, oldest first. */
export const pendingReplies = (
  sql: SqlStorage,
  outbox: readonly QueuedReply[] = readOutbox(sql)
): QueuedReply[] => {
  if (outbox.length === 0) return []
  const known = spentOf(sql)
  const open = outbox.filter((entry) => !known.has(entry.seq))
  if (open.length === 0) return []
  const wanted = new Set(open.map((entry) => entry.seq))
  for (const { seq } of sql
    .exec<{ seq: number }>('SELECT seq FROM messages WHERE seq >= ?', Math.min(...wanted))
    .toArray())
    if (wanted.has(seq)) known.add(seq)
  return open.filter((entry) => !known.has(entry.seq)).sort((a, b) => a.seq - b.seq)
}

/** Pure: a queued reply as the transcript shows it until it is sent. */
export const queuedMessage = (entry: QueuedReply): TranscriptMessage => ({
  id: entry.seq,
  direction: 'out',
  kind: 'message',
  author: entry.author,
  ...(entry.agent ? { agent: entry.agent } : {}),
  text: entry.text,
  ...(entry.buttons ? { buttons: entry.buttons } : {}),
  ...(entry.template ? { template: entry.template } : {}),
  at: entry.at,
  status: 'queued',
  attempts: 0,
})

/** How a queued reply's first send attempt ended, as its transcript row records it. */
export type FirstAttempt =
  | { status: 'sent'; platformId: string; at: number }
  | { status: 'queued' | 'failed'; error: string; unknown?: boolean }

/**
 * Writes a queued reply's transcript row once its first send has an outcome: one billed row. Run
 * outside any transaction (the drain), so the row, once written, stays.
 */
export const storeReply = (sql: SqlStorage, entry: QueuedReply, attempt: FirstAttempt): void => {
  const sent = attempt.status === 'sent'
  sql.exec(
    `INSERT INTO messages (seq, external_id, kind, direction, author, agent, text, buttons, template,
       platform_id, status, error, attempts, at, sent_at, delivery)
     VALUES (?, ?, 'message', 'out', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    entry.seq,
    entry.externalId ?? null,
    entry.author,
    entry.agent ?? null,
    entry.text,
    entry.buttons ? JSON.stringify(entry.buttons) : null,
    entry.template ?? null,
    sent ? attempt.platformId : null,
    attempt.status,
    sent ? null : attempt.error,
    entry.at,
    sent ? attempt.at : null,
    !sent && attempt.unknown ? 'unknown' : null
  )
  spentOf(sql).add(entry.seq)
}
