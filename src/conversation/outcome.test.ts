import { describe, expect, it } from 'vitest'
import { emptySla } from '../sla/engine'
import { merge, outcome, withSla } from './outcome'
import { initialState } from './state'

const state = initialState('telegram:1', 'telegram', { id: '1' }, 0)
const bot = (text: string) => ({ author: 'bot' as const, text })

describe('outcomes', () => {
  it('starts with the state alone: nothing said, recorded, notified or archived', () => {
    expect(outcome(state)).toEqual({ state, replies: [], events: [], notices: [], archive: false })
  })

  it('merges in order: the later state, every reply, event and notice, archive if either', () => {
    const later = { ...state, greeted: true }
    const first = outcome(state, {
      replies: [bot('a')],
      events: [{ target: 'first_response', event: 'started', at: 1 }],
      archive: true,
      handling: 'answered',
    })
    const next = outcome(later, {
      replies: [bot('b')],
      notices: [{ team: 'senior', level: 1, reasons: ['x'], summary: 's' }],
      handling: 'fallback',
    })
    const merged = merge(first, next)
    expect(merged.state).toBe(later)
    expect(merged.replies.map((r) => r.text)).toEqual(['a', 'b'])
    expect(merged.events).toHaveLength(1)
    expect(merged.notices).toHaveLength(1)
    expect(merged.archive).toBe(true)
    expect(merged.handling).toBe('fallback')
  })

  it('keeps the earlier state and handling when the later part says none', () => {
    const first = outcome(state, { handling: 'answered' })
    const merged = merge(first, { replies: [bot('c')] })
    expect(merged.state).toBe(state)
    expect(merged.handling).toBe('answered')
    expect(merge(outcome(state), outcome(state))).not.toHaveProperty('handling')
  })

  it('takes an SLA step: the new targets in the state, its events after the earlier ones', () => {
    const sla = { ...emptySla(), breaches: 1 }
    const first = outcome(state, { events: [{ target: 'resolution', event: 'met', at: 1 }] })
    const taken = withSla(first, {
      sla,
      events: [{ target: 'resolution', event: 'started', at: 2 }],
    })
    expect(taken.state.sla).toBe(sla)
    expect(taken.events.map((e) => e.event)).toEqual(['met', 'started'])
  })
})
