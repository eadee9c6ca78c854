import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { ConversationSummary } from '../src/tables/conversations'

describe('the inbox hub', () => {
  it('answers a publish with the number of open console tabs, and sends each tab the delta', async () => {
    const hub = env.INBOX.getByName('shop')
    const summary = { key: 'telegram:hub-1' } as ConversationSummary
    expect(await hub.publish(summary)).toBe(0)
    const res = await hub.fetch(
      new Request('https://inbox/ws?agent=a1&name=Mia', { headers: { Upgrade: 'websocket' } })
    )
    expect(res.status).toBe(101)
    const ws = res.webSocket
    if (!ws) throw new Error('no socket')
    const frames: { type: string; key?: string }[] = []
    const delta = new Promise<void>((resolve) => {
      ws.addEventListener('message', (event) => {
        frames.push(JSON.parse(String(event.data)) as { type: string; key?: string })
        if (frames.some((f) => f.type === 'conversation')) resolve()
      })
    })
    ws.accept()
    expect(await hub.publish(summary)).toBe(1)
    await delta
    expect(frames.find((f) => f.type === 'conversation')).toMatchObject({
      type: 'conversation',
      key: 'telegram:hub-1',
    })
    ws.close()
  })
})
