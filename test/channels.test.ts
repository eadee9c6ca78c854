/// <reference types="vite/client" />
import { env, exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getAdapter } from '../bots'
import type { AdapterContract } from '../src/channels/contract'
import type { WebhookRequest } from '../src/channels/types'
import { drain, view } from './helpers'
import { stubPlatform, urlOf } from './support/platform'

const modules = import.meta.glob<{ contract: AdapterContract }>('../bots/*/contract.ts', {
  eager: true,
})
// Telegram and the web chat have their own end-to-end suites; WeCom pulls its messages (below).
const contracts = Object.values(modules)
  .map((m) => m.contract)
  .filter((c) => !['telegram', 'webchat', 'wecom'].includes(c.channel))

afterEach(() => vi.unstubAllGlobals())

const deliver = (req: WebhookRequest) =>
  exports.default.fetch(
    new Request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.method === 'GET' ? undefined : req.body,
    })
  )

describe.each(contracts.map((c) => [c.channel, c] as const))(
  '%s end to end',
  (channel, contract) => {
    it('runs with the secrets its contract signs with', () => {
      for (const [name, value] of Object.entries(contract.env))
        expect((env as unknown as Record<string, string>)[name], name).toBe(value)
    })

    it('stores a signed delivery once, answers it once at the platform API base, and refuses bad signatures', async () => {
      const calls: string[] = []
      stubPlatform((_, input) => {
        calls.push(input instanceof Request ? input.url : String(input))
        return contract.sendOk()
      })
      const signed = await contract.signed(Date.now())
      const adapter = getAdapter(channel, env)
      // Safe-mode WeChat decrypts during verify and parses what it decrypted.
      expect(await adapter?.verify(signed)).toBe(true)
      const parsed = adapter?.parse(signed)
      expect(parsed?.kind).toBe('events')
      const events =
        parsed?.kind === 'events' ? parsed.events.filter((e) => e.type === 'message') : []
      const key = events[0]?.conversationKey as string
      expect(key).toMatch(new RegExp(`^${channel}:`))

      expect((await deliver(signed)).status).toBe(200)
      expect((await deliver(await contract.signed(Date.now()))).status).toBe(200) // platform retry
      expect((await deliver(await contract.wrongSecret(Date.now()))).status).toBe(401)
      await drain(key)

      const v = await view(key)
      expect(v.messages.filter((m) => m.direction === 'in')).toHaveLength(
        events.filter((e) => e.conversationKey === key).length
      )
      const out = v.messages.filter((m) => m.direction === 'out')
      expect(out.length).toBeGreaterThan(0)
      expect(out.every((m) => m.status === 'sent')).toBe(true)
      const base = Object.entries(contract.env).find(([name]) =>
        name.endsWith('_API_BASE')
      )?.[1] as string
      expect(calls.length).toBeGreaterThanOrEqual(out.length)
      expect(calls.every((url) => url.startsWith(base))).toBe(true)
    })
  }
)

describe('wecom end to end (pull-style)', () => {
  it('pulls announced messages through its cursor, stores each once and answers through send_msg', async () => {
    const { contract } = modules['../bots/wecom/contract.ts'] as { contract: AdapterContract }
    const page1 = (await import('../bots/wecom/fixtures/sync-page1.json')).default
    const page2 = (await import('../bots/wecom/fixtures/sync-page2.json')).default
    const cursors: (string | null)[] = []
    const sends: Record<string, unknown>[] = []
    stubPlatform((_, input, init) => {
      const url = urlOf(input)
      expect(url.origin).toBe('https://wecom.contract.test')
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {}
      if (url.pathname.endsWith('/gettoken'))
        return Response.json({ errcode: 0, errmsg: 'ok', access_token: 'tok', expires_in: 7200 })
      if (url.pathname.endsWith('/kf/sync_msg')) {
        cursors.push((body.cursor as string | undefined) ?? null)
        return Response.json(
          cursors.length === 1
            ? page1
            : cursors.length === 2
              ? page2
              : { errcode: 0, errmsg: 'ok', next_cursor: 'end', has_more: 0, msg_list: [] }
        )
      }
      sends.push(body)
      return Response.json({ errcode: 0, errmsg: 'ok', msgid: `sent-${sends.length}` })
    })
    expect((await deliver(await contract.signed(Date.now()))).status).toBe(200)
    expect(cursors).toEqual([null, page1.next_cursor])
    expect(await env.SYNC.getByName('wecom:wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q').cursor()).toBe(
      page2.next_cursor
    )

    const key = contract.keys[0] as string
    await drain(key)
    const v = await view(key)
    const inbound = v.messages.filter((m) => m.direction === 'in')
    expect(inbound.length).toBeGreaterThan(0)
    expect(v.messages.filter((m) => m.direction === 'out').every((m) => m.status === 'sent')).toBe(
      true
    )
    expect(sends.length).toBeGreaterThan(0)
    expect(sends[0]).toMatchObject({
      touser: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
      open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
    })

    // The platform announces again: the cursor moves on, nothing is stored twice.
    expect((await deliver(await contract.signed(Date.now()))).status).toBe(200)
    expect((await view(key)).messages.filter((m) => m.direction === 'in')).toHaveLength(
      inbound.length
    )
  })
})
