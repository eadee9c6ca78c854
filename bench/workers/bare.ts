import { Hono } from 'hono'

/**
 * Scenario 1: the runtime's ceiling. A bare Hono route that reads the body (as any webhook must;
 * workerd drops a keep-alive connection whose request body was left unread) and answers 200.
 */
const app = new Hono().post('/webhooks/telegram', async (c) => {
  await c.req.text()
  return c.json({ ok: true })
})
export default app
