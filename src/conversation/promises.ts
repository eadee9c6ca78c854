import { isOpen, type BusinessHours } from '../sla/calendar'
import { formatOpening } from '../sla/opening-label'
import type { SlaTarget } from '../sla/engine'
import { scenarioOf, targetMs, type SlaPolicy } from '../sla/policy'
import { commitmentFor, commitmentOf, promiseWords, type Commitment } from '../sla/promise'
import type { ConversationState, SlaPart } from './types'

/** The shop's clock as templates need it: policy, staffed calendar and the time now. */
export interface Clock {
  policy: SlaPolicy
  calendar: BusinessHours
  now: number
}

const running = (t: SlaTarget | undefined): t is SlaTarget => t?.status === 'running'

/**
 * When a person will reply: the response target already running (the promise stands), else the
 * one the SLA engine starts for this message. Both use the engine's arithmetic, so what the
 * customer reads is what the alarm enforces.
 */
export const replyCommitment = (state: ConversationState, clock: Clock): Commitment | null => {
  const live = [state.sla.targets.first_response, state.sla.targets.next_response].filter(running)
  if (live.length > 0) {
    const earliest = live.reduce((a, b) => (a.dueAt <= b.dueAt ? a : b))
    return commitmentOf(earliest, clock.calendar, clock.now)
  }
  const kind = state.sla.targets.first_response ? 'next_response' : 'first_response'
  return commitmentFor({ ...clock, scenario: scenarioOf(state.intent), level: state.level, kind })
}

/** When the case will be solved: the running (or paused, not yet due) resolution target, else a fresh one. */
export const resolveCommitment = (state: ConversationState, clock: Clock): Commitment | null => {
  const live = state.sla.targets.resolution
  if (live && (live.status === 'running' || (live.status === 'paused' && live.dueAt > clock.now))) {
    return commitmentOf(live, clock.calendar, clock.now)
  }
  // Past due (its one renewal too): no time the alarm would enforce, so none is named.
  if (live?.status === 'breached' || (live?.status === 'paused' && live.dueAt <= clock.now))
    return null
  return commitmentFor({
    ...clock,
    scenario: scenarioOf(state.intent),
    level: state.level,
    kind: 'resolution',
  })
}

/** The outcome with the promises its replies made recorded in the state (applied once per outcome). */
export const notePromises = <
  O extends { state: Pick<SlaPart, 'promised'>; replies: { promises?: ('reply' | 'resolve')[] }[] },
>(
  outcome: O
): O => {
  const made = outcome.replies.flatMap((r) => r.promises ?? [])
  if (made.length === 0) return outcome
  return {
    ...outcome,
    state: { ...outcome.state, promised: [...new Set([...outcome.state.promised, ...made])] },
  }
}

/** Whether people are on shift now (templates with an `.offhours` twin use it when not). */
export const staffedNow = (clock: Clock): boolean => isOpen(clock.calendar, clock.now)

/**
 * The promise variables of a template: `reply.within`, `reply.by`, `resolve.by`, `hours.back`,
 * and the older `reply.minutes`, `due.time`, `hours.next` in the formats shops' templates were
 * written for ("today at 17:00", a number of minutes), all from one clock.
 */
export const promiseVars = (
  state: ConversationState,
  clock: Clock
): Record<string, string | number> => {
  const vars: Record<string, string | number> = {}
  const zone = clock.calendar.timeZone
  const reply = replyCommitment(state, clock)
  if (reply) {
    const words = promiseWords(reply, clock.now, state.locale, zone)
    vars['reply.within'] = words.within
    vars['reply.by'] = words.by
    vars['hours.back'] = words.back
    if (reply.backAt !== null)
      vars['hours.next'] = formatOpening(reply.backAt, clock.now, state.locale, zone)
    const kind = state.sla.targets.first_response ? 'next_response' : 'first_response'
    const ms = targetMs(clock.policy, kind, scenarioOf(state.intent), state.level)
    if (ms !== null) vars['reply.minutes'] = Math.max(1, Math.round(ms / 60_000))
  }
  const resolve = resolveCommitment(state, clock)
  if (resolve) {
    vars['resolve.by'] = promiseWords(resolve, clock.now, state.locale, zone).by
    vars['due.time'] = formatOpening(resolve.promisedAt, clock.now, state.locale, zone)
  }
  return vars
}
