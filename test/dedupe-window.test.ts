import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { InboundEvent } from '../src/channels/types'
import { migrate } from '../src/conversation/schema'
import { appendInbound, DEDUPE_WINDOW } from '../src/conversation/transcript'

const message = (externalId: string): Extract<InboundEvent, { type: 'message' }> => ({
  type: 'message',
  channel: 'telegram',
  conversationKey: 'telegram:dedupe',
  externalId,
  sender: { id: '1', isBot: false },
  sentAt: 1,
  text: 'hello',
  attachments: [],
  raw: null,
})

describe('dedupe in a long conversation', () => {
  it('finds a redelivery among the newest rows, and scans no further back than its window', async () => {
    await runInDurableObject(env.CONVERSATION.getByName('telegram:dedupe'), (_i, state) => {
      const sql = state.storage.sql
      migrate(sql)
      expect(appendInbound(sql, message('update:old'), 1)).toBe(1)
      // A history longer than the window, written in one statement.
      sql.exec(
        `WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO messages (seq, external_id, kind, direction, author, text, status, at)
         SELECT i, 'update:' || i, 'message', 'in', 'customer', 'hi', 'received', i FROM n`,
        DEDUPE_WINDOW + 10
      )
      // Redelivered within the window: a duplicate, stored once.
      expect(appendInbound(sql, message(`update:${DEDUPE_WINDOW}`), 2)).toBeNull()
      expect(appendInbound(sql, message(`update:${DEDUPE_WINDOW + 10}`), 2)).toBeNull()
      // From further back than any platform redelivers: the scan stops at the window.
      const rows = (id: string) =>
        sql.exec('SELECT COUNT(*) AS n FROM messages WHERE external_id = ?', id).one().n
      expect(appendInbound(sql, message('update:old'), 3)).toBe(DEDUPE_WINDOW + 11)
      expect(rows('update:old')).toBe(2)
    })
  })
})
