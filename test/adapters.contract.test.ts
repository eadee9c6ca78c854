/// <reference types="vite/client" />
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BOTS } from '../bots'
import type { AdapterContract } from '../src/channels/contract'
import { makeKey, parseKey } from '../src/channels/keys'
import type { ChannelAdapter, OutboundMessage, WebhookRequest } from '../src/channels/types'
import { GARBAGE_BODIES } from './support/garbage'
import { stubPlatform } from './support/platform'

const modules = import.meta.glob<{ contract: AdapterContract }>('../bots/*/contract.ts', {
  eager: true,
})
const contracts = Object.values(modules).map((m) => m.contract)
const NOW = Date.UTC(2026, 10, 23, 8, 0, 0)

afterEach(() => vi.unstubAllGlobals())

const build = (contract: AdapterContract, extra: Record<string, string> = {}): ChannelAdapter => {
  const adapter = BOTS[contract.channel]?.({ ...contract.env, ...extra } as unknown as Env)
  if (!adapter) throw new Error(`${contract.channel} did not configure`)
  return adapter
}

const outbound = (
  contract: AdapterContract,
  text: string,
  buttons?: OutboundMessage['buttons']
): OutboundMessage => ({
  to: { channel: contract.channel, conversationKey: contract.keys[0] as string },
  text,
  ...(buttons ? { buttons } : {}),
  idempotencyKey: '41',
  now: NOW,
  lastInboundAt: NOW - 60_000,
})

describe('every registered bot has a contract', () => {
  it('covers every bot in bots/index.ts', () => {
    expect(contracts.map((c) => c.channel).sort()).toEqual(Object.keys(BOTS).sort())
  })
})

describe.each(contracts.map((c) => [c.channel, c] as const))(
  '%s adapter contract',
  (_, contract) => {
    it('round-trips its conversation keys', () => {
      for (const key of contract.keys) {
        const parsed = parseKey(key)
        expect(parsed?.channel).toBe(contract.channel)
        expect(makeKey(contract.channel, ...(parsed?.ids ?? []))).toBe(key)
      }
    })

    it('is disabled without its secrets', () => {
      expect(BOTS[contract.channel]?.({} as Env)).toBeNull()
    })

    it('accepts a signed delivery and maps it to events with its own keys', async () => {
      const adapter = build(contract)
      const req = await contract.signed(NOW)
      expect(await adapter.verify(req)).toBe(true)
      const parsed = adapter.parse(req)
      expect(parsed.kind === 'events' || parsed.kind === 'sync').toBe(true)
      if (parsed.kind !== 'events') return
      expect(parsed.events.length).toBeGreaterThan(0)
      for (const event of parsed.events) {
        expect(parseKey(event.conversationKey)?.channel).toBe(contract.channel)
        expect(event.externalId).not.toBe('')
      }
    })

    it('rejects wrong-secret, unsigned, tampered and stale deliveries', async () => {
      const adapter = build(contract)
      expect(await adapter.verify(await contract.wrongSecret(NOW))).toBe(false)
      const signed = await contract.signed(NOW)
      expect(
        await adapter.verify({
          ...signed,
          headers: new Headers(),
          url: new URL(signed.url.origin + signed.url.pathname),
        })
      ).toBe(false)
      if (contract.bodySigned && signed.body.length > 0) {
        const i = Math.floor(signed.body.length / 2)
        const flipped =
          signed.body.slice(0, i) + (signed.body[i] === 'a' ? 'b' : 'a') + signed.body.slice(i + 1)
        expect(await adapter.verify({ ...signed, body: flipped })).toBe(false)
      }
      if (contract.stale) expect(await adapter.verify(await contract.stale(NOW))).toBe(false)
    })

    it('never throws on garbage, signed or not', async () => {
      const adapter = build(contract)
      const signed = await contract.signed(NOW)
      for (const body of GARBAGE_BODIES) {
        const req: WebhookRequest = { ...signed, body }
        await expect(adapter.verify(req)).resolves.toBeTypeOf('boolean')
        expect(() => adapter.parse(req)).not.toThrow()
        expect(['events', 'handshake', 'invalid', 'sync']).toContain(adapter.parse(req).kind)
      }
    })

    it('classifies platform answers on send', async () => {
      const adapter = build(contract)
      const answer = (res: () => Response) => stubPlatform(() => res())
      answer(() => contract.sendOk())
      expect((await adapter.send(outbound(contract, 'Hello <b> & *bold* _x_'))).ok).toBe(true)
      if (!contract.callsPlatform) return
      answer(contract.sendErrors.rateLimited)
      expect(await adapter.send(outbound(contract, 'hi'))).toMatchObject({
        ok: false,
        retryable: true,
      })
      answer(contract.sendErrors.server)
      expect(await adapter.send(outbound(contract, 'hi'))).toMatchObject({
        ok: false,
        retryable: true,
      })
      answer(contract.sendErrors.rejected)
      expect(await adapter.send(outbound(contract, 'hi'))).toMatchObject({
        ok: false,
        retryable: false,
      })
      stubPlatform(() => Promise.reject(new TypeError('network down')))
      expect(await adapter.send(outbound(contract, 'hi'))).toMatchObject({
        ok: false,
        retryable: true,
      })
    })

    it('splits text over its limit and degrades many buttons without failing', async () => {
      if (!contract.callsPlatform) return
      const adapter = build(contract)
      const fetchStub = stubPlatform(() => contract.sendOk())
      const long = 'Lorem ipsum dolor sit amet, 你好世界. '.repeat(
        Math.ceil((contract.maxText * 2.5) / 34)
      )
      expect((await adapter.send(outbound(contract, long))).ok).toBe(true)
      expect(fetchStub.mock.calls.length).toBeGreaterThanOrEqual(2)
      fetchStub.mockClear()
      const buttons = Array.from({ length: 12 }, (_, i) => ({
        id: `b${i}`,
        label: `Option number ${i + 1}`,
      }))
      expect((await adapter.send(outbound(contract, 'Pick one', buttons))).ok).toBe(true)
    })
  }
)
