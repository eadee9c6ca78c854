/// <reference types="vite/client" />
import { env, exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getAdapter } from '../bots'
import type { AdapterContract } from '../src/channels/contract'
import type { WebhookRequest } from '../src/channels/types'
import { drain, view } from './helpers'

const modules = import.meta.glob<{ contract: AdapterContract }>('../bots/*/contract.ts', { eager: true })
// Telegram and the web chat have their own end-to-end suites; WeCom pulls its messages (sync tests).
const contracts = Object.values(modules)
  .map((m) => m.contract)
  .filter((c) => !['telegram', 'webchat', 'wecom', 'wechat'].includes(c.channel))

afterEach(() => vi.unstubAllGlobals())

const deliver = (req: WebhookRequest) =>
  exports.default.fetch(new Request(req.url, { method: req.method, headers: req.headers, body: req.method === 'GET' ? undefined : req.body }))

describe.each(contracts.map((c) => [c.channel, c] as const))('%s end to end', (channel, contract) => {
  it('runs with the secrets its contract signs with', () => {
    for (const [name, value] of Object.entries(contract.env)) expect((env as unknown as Record<string, string>)[name], name).toBe(value)
  })

  it('stores a signed delivery once, answers it once at the platform API base, and refuses bad signatures', async () => {
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        calls.push(input instanceof Request ? input.url : String(input))
        return contract.sendOk()
      })
    )
    const signed = await contract.signed(Date.now())
    const parsed = getAdapter(channel, env)?.parse(signed)
    expect(parsed?.kind).toBe('events')
    const events = parsed?.kind === 'events' ? parsed.events.filter((e) => e.type === 'message') : []
    const key = events[0]?.conversationKey as string
    expect(key).toMatch(new RegExp(`^${channel}:`))

    expect((await deliver(signed)).status).toBe(200)
    expect((await deliver(await contract.signed(Date.now()))).status).toBe(200) // platform retry
    expect((await deliver(await contract.wrongSecret(Date.now()))).status).toBe(401)
    await drain(key)

    const v = await view(key)
    expect(v.messages.filter((m) => m.direction === 'in')).toHaveLength(events.filter((e) => e.conversationKey === key).length)
    const out = v.messages.filter((m) => m.direction === 'out')
    expect(out.length).toBeGreaterThan(0)
    expect(out.every((m) => m.status === 'sent')).toBe(true)
    const base = Object.entries(contract.env).find(([name]) => name.endsWith('_API_BASE'))?.[1] as string
    expect(calls.length).toBeGreaterThanOrEqual(out.length)
    expect(calls.every((url) => url.startsWith(base))).toBe(true)
  })
})
