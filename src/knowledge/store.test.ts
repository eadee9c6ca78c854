import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { kvFlowStore } from '../flows/store'
import { DEFAULT_KNOWLEDGE } from './default-knowledge'
import type { KnowledgeInput } from './schema'
import { kvKnowledgeStore } from './store'

// KV storage is isolated per test file, not per test: the tests build on each other in order.

const store = kvKnowledgeStore(env.CONFIG)
const flows = kvFlowStore(env.CONFIG)

const input = (answer: string): KnowledgeInput => ({
  entries: [
    { id: 'faq', title: { en: 'FAQ' }, questions: { en: ['help'] }, answer: { en: answer } },
  ],
})

const at = (day: number) => new Date(Date.UTC(2026, 10, day))

describe('kvKnowledgeStore on an empty KV', () => {
  it('serves the bundled version 0', async () => {
    expect(await store.current()).toEqual(DEFAULT_KNOWLEDGE)
    expect(await store.get(0)).toEqual(DEFAULT_KNOWLEDGE)
    expect(await store.get(1)).toBeNull()
    expect(await store.versions()).toEqual([
      { version: 0, updatedAt: DEFAULT_KNOWLEDGE.updatedAt, current: true },
    ])
    expect(await store.rollback(1, at(1))).toBeNull()
  })

  it('pins version 0 and loads the bundled knowledge base', async () => {
    const pins = await flows.currentPins()
    expect(pins.knowledge).toBe(0)
    const pack = await flows.loadPack(pins)
    expect(pack.knowledge).toEqual(DEFAULT_KNOWLEDGE)
    expect(pack.missing).toEqual([])
    expect(await env.CONFIG.get('manifest')).toBeNull()
  })
})

describe('kvKnowledgeStore', () => {
  it('publishes immutable versions under the documented keys and pins them', async () => {
    const v1 = await store.publish(input('one'), at(1))
    expect(v1).toEqual({
      version: 1,
      updatedAt: at(1).toISOString(),
      entries: input('one').entries,
    })
    expect(await env.CONFIG.get('knowledge:v:1', 'json')).toEqual(v1)
    expect(await env.CONFIG.get('knowledge:current', 'json')).toEqual({
      version: 1,
      updatedAt: at(1).toISOString(),
    })
    expect(await env.CONFIG.get('knowledge:versions', 'json')).toEqual([
      { version: 1, updatedAt: at(1).toISOString() },
    ])
    expect(await env.CONFIG.get('manifest', 'json')).toMatchObject({ knowledge: 1 })
    expect(await store.current()).toEqual(v1)
    expect((await flows.currentPins()).knowledge).toBe(1)
  })

  it('counts on, rolls back, and keeps counting after a rollback', async () => {
    const v2 = await store.publish(input('two'), at(2))
    expect(v2.version).toBe(2)
    expect((await store.rollback(1, at(3)))?.version).toBe(1)
    expect((await store.current()).version).toBe(1)
    expect((await flows.currentPins()).knowledge).toBe(1)
    expect(await store.versions()).toEqual([
      { version: 2, updatedAt: at(2).toISOString(), current: false },
      { version: 1, updatedAt: at(1).toISOString(), current: true },
      { version: 0, updatedAt: DEFAULT_KNOWLEDGE.updatedAt, current: false },
    ])
    const v3 = await store.publish(input('three'), at(4))
    expect(v3.version).toBe(3)
    expect(await store.get(2)).toEqual(v2)
  })

  it('rolls back to the bundled version 0', async () => {
    expect(await store.rollback(0, at(5))).toEqual(DEFAULT_KNOWLEDGE)
    expect(await store.current()).toEqual(DEFAULT_KNOWLEDGE)
    expect((await flows.currentPins()).knowledge).toBe(0)
    expect((await store.publish(input('four'), at(6))).version).toBe(4)
  })

  it('never overwrites an existing immutable version', async () => {
    const squatter = { version: 5, updatedAt: '2026-01-01T00:00:00Z', entries: [] }
    await env.CONFIG.put('knowledge:v:5', JSON.stringify(squatter))
    const doc = await store.publish(input('six'), at(7))
    expect(doc.version).toBe(6)
    expect(await env.CONFIG.get('knowledge:v:5', 'json')).toEqual(squatter)
  })

  it('keeps templates and knowledge side by side in the manifest', async () => {
    await flows.publishTemplate('kb.side', { locales: { en: 'x' } }, at(8))
    expect((await flows.currentPins()).knowledge).toBe(6)
    const v7 = await store.publish(input('seven'), at(9))
    const pins = await flows.currentPins()
    expect(pins.templates['kb.side']).toBe(1)
    expect(pins.knowledge).toBe(v7.version)
  })
})

describe('loadPack with a knowledge pin', () => {
  it('loads the pinned version, not the current one', async () => {
    const pins = { ...(await flows.currentPins()), knowledge: 2 }
    const pack = await flows.loadPack(pins)
    expect(pack.knowledge.version).toBe(2)
    expect(pack.knowledge.entries[0]?.answer.en).toBe('two')
    expect(pack.missing).toEqual([])
  })

  it('loads the bundled version for pins from before the knowledge base', async () => {
    const pack = await flows.loadPack({ flow: { id: 'main', version: 0 }, templates: {} })
    expect(pack.knowledge).toEqual(DEFAULT_KNOWLEDGE)
    expect(pack.missing).toEqual([])
  })

  it('falls back to the bundled version and reports a missing or invalid doc', async () => {
    await env.CONFIG.put(
      'knowledge:v:50',
      JSON.stringify({ version: 51, entries: [], updatedAt: 'x' })
    )
    for (const version of [50, 77]) {
      const pack = await flows.loadPack({
        flow: { id: 'main', version: 0 },
        templates: {},
        knowledge: version,
      })
      expect(pack.knowledge).toEqual(DEFAULT_KNOWLEDGE)
      expect(pack.missing).toEqual([`knowledge:v:${version}`])
    }
    expect(await store.get(50)).toBeNull()
  })
})
