import type { Button, DeliveryStatus } from '../channels/types'
import type { Author, MessageStatus, TranscriptAttachment, TranscriptMessage } from './types'

/** A `messages` row as SQLite returns it. */
export type Row = {
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

/** A stored row as the transcript message the rest of the object reads. */
export const toMessage = (r: Row): TranscriptMessage => ({
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

/** Every column of `messages`; callers add the WHERE. */
export const SELECT = 'SELECT * FROM messages'
