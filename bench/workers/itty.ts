// @ts-nocheck -- itty-durable 2.4.1 ships untyped ESM with a CommonJS index; used as documented.
import { Router } from 'itty-router'
import { createDurable, withDurables } from 'itty-durable'
import { safeEqual } from '../../src/lib/crypto'

/**
 * Scenario 3: the same minimal ingest as workers/minimal.ts, written with itty-durable 2.4.1 as its
 * README shows: a class extending createDurable(), and the withDurables() middleware whose
 * "magic stubs" turn `ITTY.get(name).ingest(event)` into a fetch to the object's internal router
 * (arguments travel JSON-encoded in a `do-content` header).
 */
export class IttyIngest extends createDurable() {
  constructor(state, env) {
    super(state, env)
    this.state.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, external_id TEXT UNIQUE, text TEXT NOT NULL, at INTEGER NOT NULL)'
    )
  }

  ingest(event) {
    const row = this.state.storage.sql
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

const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const router = Router()
router
  .all('*', withDurables({ parse: true }))
  .post('/webhooks/telegram', async (request, env) => {
    const header = request.headers.get('X-Telegram-Bot-Api-Secret-Token')
    if (header === null || !(await safeEqual(header, env.TELEGRAM_WEBHOOK_SECRET)))
      return json({ error: 'unauthorized' }, 401)
    let update
    try {
      update = JSON.parse(await request.text())
    } catch {
      return json({ error: 'malformed JSON' }, 400)
    }
    const chatId = update?.message?.chat?.id
    if (typeof update?.update_id !== 'number' || typeof chatId !== 'number')
      return json({ ok: true, events: 0 })
    const event = {
      externalId: `update:${update.update_id}`,
      chatId,
      text: String(update.message.text ?? ''),
    }
    await request.ITTY.get(`telegram:${chatId}`).ingest(event)
    return json({ ok: true, events: 1 })
  })
  .all('*', () => json({ error: 'not found' }, 404))

export default {
  fetch: (request, env, ctx) =>
    router
      .fetch(request, env, ctx)
      .catch((err) =>
        json({ error: String(err?.message ?? err), status: err?.status }, err?.status ?? 500)
      ),
}
