import { describe, expect, it } from 'vitest'
import type { ConversationSummary } from '../tables/conversations'
import { expectListeners, publishPlan, publishToInbox, QUIET_MS } from './publish'

const summary = { key: 'telegram:1' } as ConversationSummary

/** An env whose inbox hub answers with the number of open tabs it is given, counting calls. */
const hubWith = (tabs: () => number) => {
  const calls: string[] = []
  const env = {
    INBOX: {
      getByName: () => ({
        publish: (s: ConversationSummary) => {
          calls.push(s.key)
          return Promise.resolve(tabs())
        },
      }),
    },
  } as unknown as Env
  return { env, calls }
}

describe('telling the inbox hub', () => {
  it('plans a quiet after the hub answers that no tab is open, and none while one is', () => {
    expect(publishPlan(1000, 0).publish).toBe(true)
    expect(publishPlan(1000, 0).after(0)).toBe(1000 + QUIET_MS)
    expect(publishPlan(1000, 0).after(2)).toBe(0)
    expect(publishPlan(1000 + QUIET_MS - 1, 1000 + QUIET_MS).publish).toBe(false)
    expect(publishPlan(1000 + QUIET_MS, 1000 + QUIET_MS).publish).toBe(true)
  })

  it('skips the hub while nobody listens, asks again after the quiet, and at once when a tab connects', async () => {
    let open = 0
    const { env, calls } = hubWith(() => open)
    expectListeners()
    await publishToInbox(env, summary, 1_000)
    await publishToInbox(env, summary, 2_000)
    await publishToInbox(env, summary, 1_000 + QUIET_MS - 1)
    expect(calls).toHaveLength(1)
    await publishToInbox(env, summary, 1_000 + QUIET_MS)
    expect(calls).toHaveLength(2)
    // A console tab connects through this isolate: the next change is told right away.
    open = 1
    expectListeners()
    await publishToInbox(env, summary, 1_000 + QUIET_MS + 1)
    await publishToInbox(env, summary, 1_000 + QUIET_MS + 2)
    expect(calls).toHaveLength(4)
  })

  it('keeps telling the hub after a failed call (the answer is unknown)', async () => {
    const { env } = hubWith(() => {
      throw new Error('hub unavailable')
    })
    const ok = hubWith(() => 1)
    expectListeners()
    await publishToInbox(env, summary, 5_000)
    await publishToInbox(ok.env, summary, 5_001)
    expect(ok.calls).toHaveLength(1)
  })
})
