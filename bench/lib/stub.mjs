// A local stand-in for the Telegram Bot API: records every call with its arrival time and answers
// like Telegram does. Listens on 127.0.0.1 only.
import { createServer } from 'node:http'

/** Wall-clock milliseconds with sub-millisecond resolution (comparable across processes). */
export const now = () => performance.timeOrigin + performance.now()

export const startTelegramStub = async () => {
  const calls = []
  let messageId = 1000
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const at = now()
      const method = (req.url ?? '').split('/').pop() ?? ''
      let body = {}
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
      } catch {
        // recorded as empty
      }
      calls.push({
        at,
        method,
        chatId: body.chat_id ?? null,
        text: typeof body.text === 'string' ? body.text : '',
      })
      const result =
        method === 'answerCallbackQuery'
          ? true
          : {
              message_id: ++messageId,
              chat: { id: body.chat_id },
              date: Math.floor(at / 1000),
              text: body.text,
            }
      const payload = JSON.stringify({ ok: true, result })
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      })
      res.end(payload)
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address()
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    calls,
    /** Forgets every call recorded so far. */
    reset() {
      calls.length = 0
    },
    sends() {
      return calls.filter((c) => c.method === 'sendMessage')
    },
    async close() {
      server.closeAllConnections?.()
      await new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
