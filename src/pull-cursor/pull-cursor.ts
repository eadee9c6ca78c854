import { DurableObject } from 'cloudflare:workers'
import { getAdapter } from '../../bots'
import { boundRaw } from '../channels/raw'

/** Most batches pulled per callback; the rest waits for the platform's next notice. */
const MAX_BATCHES = 20

/** Outcome of one pull, returned (not thrown) across RPC. */
export type PullResult = { ok: true; events: number } | { ok: false; reason: string }

/**
 * The cursor of a pull-style stream (WeCom customer service's `sync_msg`): one object per stream
 * pulls one batch at a time, stores every event in its conversation, and only then saves the
 * cursor, so a crash repeats a batch (absorbed by dedupe) instead of skipping one.
 */
export class SyncCursor extends DurableObject<Env> {
  async pull(input: { channel: string; stream: string; token?: string }): Promise<PullResult> {
    const adapter = getAdapter(input.channel, this.env)
    if (!adapter?.sync) return { ok: false, reason: `channel ${input.channel} cannot pull` }
    const sync = adapter.sync.bind(adapter)
    // One pull at a time: two notices racing on the same cursor would reorder the stream.
    return this.ctx.blockConcurrencyWhile(async (): Promise<PullResult> => {
      let cursor = this.ctx.storage.kv.get<string>('cursor') ?? null
      let total = 0
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const page = await sync(input.stream, cursor, input.token)
        if (!page.ok) return { ok: false, reason: page.reason }
        for (const event of page.events) {
          const result = await this.env.CONVERSATION.getByName(event.conversationKey).ingest({
            ...event,
            raw: boundRaw(event.raw),
          })
          if (result.status === 'rejected') return { ok: false, reason: result.reason }
        }
        total += page.events.length
        cursor = page.cursor
        if (cursor !== null) this.ctx.storage.kv.put('cursor', cursor)
        if (!page.hasMore) break
      }
      return { ok: true, events: total }
    })
  }

  /** The saved cursor, for diagnostics and tests. */
  cursor(): Promise<string | null> {
    return Promise.resolve(this.ctx.storage.kv.get<string>('cursor') ?? null)
  }
}
