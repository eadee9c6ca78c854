import { DurableObject } from 'cloudflare:workers'
import { Hono } from 'hono'
import { safeEqual } from '../../src/lib/crypto'

/**
 * Scenario 2: the least an ingress can do. Verify the Telegram secret header (the same
 * constant-time compare the real adapter uses), parse the update, make one Durable Object RPC,
 * and store the event with one SQLite insert (deduplicated on the update id).
 */
interface Env {
  INGEST: DurableObjectNamespace<MinimalIngest>
  TELEGRAM_WEBHOOK_SECRET: string
}

interface MinimalEvent {
  externalId: string
  chatId: number
  text: string
}

export class MinimalIngest extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, external_id TEXT UNIQUE, text TEXT NOT NULL, at INTEGER NOT NULL)'
    )
  }

  ingest(event: MinimalEvent): { status: 'accepted' | 'duplicate' } {
    const row = this.ctx.storage.sql
      .exec(
        'INSERT INTO messages (external_id, text, at) VALUES (?, ?, ?) ON CONFLICT (external_id) DO NOTHING RETURNING seq',
        event.externalId,
        event.text,
        Date.now()
      )
      .toArray()[0]
    return { status: row ? 'accepted' : 'duplicate' }
  }
}

const app = new Hono<{ Bindings: Env }>().post('/webhooks/telegram', async (c) => {
  const header = c.req.header('X-Telegram-Bot-Api-Secret-Token')
  if (header === undefined || !(await safeEqual(header, c.env.TELEGRAM_WEBHOOK_SECRET))) {
    return c.json({ error: 'unauthorized' }, 401)
  }
  let update: { update_id?: unknown; message?: { chat?: { id?: unknown }; text?: unknown } }
  try {
    update = JSON.parse(await c.req.text())
  } catch {
    return c.json({ error: 'malformed JSON' }, 400)
  }
  const chatId = update.message?.chat?.id
  if (typeof update.update_id !== 'number' || typeof chatId !== 'number')
    return c.json({ ok: true, events: 0 })
  const event = {
    externalId: `update:${update.update_id}`,
    chatId,
    text: String(update.message?.text ?? ''),
  }
  await c.env.INGEST.getByName(`telegram:${chatId}`).ingest(event)
  return c.json({ ok: true, events: 1 })
})

export default app
