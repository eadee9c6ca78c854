import { Hono } from 'hono'

/**
 * Scenario 1: the runtime's ceiling. A bare Hono route that answers 200 without reading the body,
 * served by the same workerd and the same HTTP path as the real Worker.
 */
const app = new Hono().post('/webhooks/telegram', (c) => c.json({ ok: true }))

export default app
