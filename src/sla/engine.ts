import { addBusinessTime, businessTimeBetween, type BusinessHours } from './calendar'
import { targetMs, type Scenario, type SlaPolicy, type TargetKind } from './policy'

/** Where one running target stands. */
export type TargetStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled'

/** One SLA target of a conversation. */
export interface SlaTarget {
  kind: TargetKind
  status: TargetStatus
  startedAt: number
  dueAt: number
  /** When the warning fires; null when already warned or not applicable. */
  warnAt: number | null
  warned: boolean
  /** Time left when paused (business time when the policy counts business hours only). */
  remainingMs: number | null
  targetMs: number
  endedAt: number | null
}

/** The SLA part of a conversation's state. */
export interface SlaState {
  targets: Partial<Record<TargetKind, SlaTarget>>
  breaches: number
}

/** Everything that happens to a target, recorded with its time. */
export type SlaEventName =
  'started' | 'warned' | 'met' | 'breached' | 'paused' | 'resumed' | 'cancelled' | 'update_due'

/** One SLA event. */
export interface SlaEvent {
  target: TargetKind
  event: SlaEventName
  at: number
  dueAt?: number
}

/** What the clock needs to know about the conversation and the shop. */
export interface SlaContext {
  policy: SlaPolicy
  calendar: BusinessHours
  scenario: Scenario
  level: number
  now: number
}

/** The result of every transition: the new SLA state and what happened. */
export interface SlaStep {
  sla: SlaState
  events: SlaEvent[]
}

/** No targets yet. */
export const emptySla = (): SlaState => ({ targets: {}, breaches: 0 })

const later = (ctx: SlaContext, from: number, ms: number): number =>
  ctx.policy.businessHoursOnly ? addBusinessTime(ctx.calendar, from, ms) : from + ms

const left = (ctx: SlaContext, from: number, to: number): number =>
  ctx.policy.businessHoursOnly
    ? businessTimeBetween(ctx.calendar, from, to)
    : Math.max(0, to - from)

const isLive = (t: SlaTarget | undefined): t is SlaTarget =>
  t?.status === 'running' || t?.status === 'paused'

const put = (step: SlaStep, target: SlaTarget, event?: SlaEvent): SlaStep => ({
  sla: { ...step.sla, targets: { ...step.sla.targets, [target.kind]: target } },
  events: event ? [...step.events, event] : step.events,
})

/** Starts (or restarts) a target at `now`; a kind without a configured target is left alone. */
export const start = (step: SlaStep, kind: TargetKind, ctx: SlaContext): SlaStep => {
  const ms = targetMs(ctx.policy, kind, ctx.scenario, ctx.level)
  if (ms === null) return step
  const dueAt = later(ctx, ctx.now, ms)
  const warns = kind !== 'periodic_update'
  const target: SlaTarget = {
    kind,
    status: 'running',
    startedAt: ctx.now,
    dueAt,
    warnAt: warns ? later(ctx, ctx.now, Math.round(ms * ctx.policy.warnAt)) : null,
    warned: false,
    remainingMs: null,
    targetMs: ms,
    endedAt: null,
  }
  return put(step, target, { target: kind, event: 'started', at: ctx.now, dueAt })
}

const end = (
  step: SlaStep,
  kind: TargetKind,
  status: 'met' | 'cancelled',
  now: number
): SlaStep => {
  const t = step.sla.targets[kind]
  if (!isLive(t)) return step
  return put(
    step,
    { ...t, status, endedAt: now, warnAt: null },
    { target: kind, event: status, at: now }
  )
}

/** Marks a live target met. */
export const meet = (step: SlaStep, kind: TargetKind, now: number): SlaStep =>
  end(step, kind, 'met', now)

/** Stops a live target without judging it (the case ended another way). */
export const cancel = (step: SlaStep, kind: TargetKind, now: number): SlaStep =>
  end(step, kind, 'cancelled', now)

/** Pauses a running target, keeping the time it has left. */
export const pause = (step: SlaStep, kind: TargetKind, ctx: SlaContext): SlaStep => {
  const t = step.sla.targets[kind]
  if (t?.status !== 'running') return step
  const target: SlaTarget = { ...t, status: 'paused', remainingMs: left(ctx, ctx.now, t.dueAt) }
  return put(step, target, { target: kind, event: 'paused', at: ctx.now })
}

/** Resumes a paused target with the time it had left. */
export const resume = (step: SlaStep, kind: TargetKind, ctx: SlaContext): SlaStep => {
  const t = step.sla.targets[kind]
  if (t?.status !== 'paused') return step
  const remaining = t.remainingMs ?? 0
  const dueAt = later(ctx, ctx.now, remaining)
  const untilWarn = remaining - Math.round(t.targetMs * (1 - ctx.policy.warnAt))
  const warnAt =
    t.warned || t.kind === 'periodic_update'
      ? null
      : untilWarn > 0
        ? later(ctx, ctx.now, untilWarn)
        : ctx.now
  const target: SlaTarget = { ...t, status: 'running', dueAt, warnAt, remainingMs: null }
  return put(step, target, { target: kind, event: 'resumed', at: ctx.now, dueAt })
}

/** Moves a live target's due time earlier when a tighter promise applies (escalation). */
const tighten = (step: SlaStep, kind: TargetKind, ctx: SlaContext): SlaStep => {
  const t = step.sla.targets[kind]
  const ms = targetMs(ctx.policy, kind, ctx.scenario, ctx.level)
  if (t?.status !== 'running' || ms === null) return step
  const dueAt = later(ctx, ctx.now, ms)
  if (dueAt >= t.dueAt) return step
  const warnAt = t.warned ? null : later(ctx, ctx.now, Math.round(ms * ctx.policy.warnAt))
  return put(
    step,
    { ...t, dueAt, warnAt, targetMs: ms },
    { target: kind, event: 'started', at: ctx.now, dueAt }
  )
}

const finished = (t: SlaTarget | undefined) => t !== undefined && !isLive(t)

/**
 * A customer message: starts the first-response target (or a next-response one once the first
 * was answered), resumes a paused resolution clock, and meets response targets when the bot
 * itself answered it from the flow.
 */
export const onCustomerMessage = (sla: SlaState, ctx: SlaContext, answered: boolean): SlaStep => {
  let step: SlaStep = { sla, events: [] }
  const first = sla.targets.first_response
  if (!first) step = start(step, 'first_response', ctx)
  else if (finished(first) && !isLive(sla.targets.next_response))
    step = start(step, 'next_response', ctx)
  step = resume(step, 'resolution', ctx)
  if (answered) {
    step = meet(step, 'first_response', ctx.now)
    step = meet(step, 'next_response', ctx.now)
  }
  return step
}

/** The case went to people (handoff or escalation): the resolution and progress clocks start. */
export const onHandoff = (
  sla: SlaState,
  ctx: SlaContext,
  options: { tighten?: boolean } = {}
): SlaStep => {
  let step: SlaStep = { sla, events: [] }
  if (!isLive(sla.targets.resolution)) step = start(step, 'resolution', ctx)
  else if (options.tighten !== false) step = tighten(step, 'resolution', ctx)
  if (!isLive(sla.targets.periodic_update)) step = start(step, 'periodic_update', ctx)
  // An internal escalation (a breach) keeps the running targets: what the customer was told stands.
  if (options.tighten === false) return step
  step = tighten(step, 'next_response', ctx)
  step = tighten(step, 'first_response', ctx)
  return step
}

/** An agent answered: response targets are met, the progress clock restarts, resolution waits on the customer. */
export const onAgentReply = (sla: SlaState, ctx: SlaContext): SlaStep => {
  let step: SlaStep = { sla, events: [] }
  step = meet(step, 'first_response', ctx.now)
  step = meet(step, 'next_response', ctx.now)
  if (isLive(sla.targets.periodic_update)) step = start(step, 'periodic_update', ctx)
  if (ctx.policy.pauseWhileWaitingOnCustomer) step = pause(step, 'resolution', ctx)
  return step
}

/** The case is resolved: resolution met, every other clock stopped. */
export const onResolve = (sla: SlaState, now: number): SlaStep => {
  let step: SlaStep = { sla, events: [] }
  step = meet(step, 'resolution', now)
  for (const kind of ['first_response', 'next_response', 'periodic_update'] as const)
    step = cancel(step, kind, now)
  return step
}

/** The case went back to the bot: the people-side clocks stop. */
export const onRelease = (sla: SlaState, now: number): SlaStep => {
  let step: SlaStep = { sla, events: [] }
  for (const kind of ['resolution', 'periodic_update'] as const) step = cancel(step, kind, now)
  return step
}

/**
 * A timer of a target fired. Re-checks first (alarms are at-least-once): only a running target
 * past its warning or due time produces an event. A due progress clock reports `update_due`
 * and restarts, so the shell sends the progress message.
 */
export const onTimer = (
  sla: SlaState,
  kind: TargetKind,
  ctx: SlaContext
): SlaStep & { breached: boolean; updateDue: boolean } => {
  const t = sla.targets[kind]
  const none = { sla, events: [], breached: false, updateDue: false }
  if (t?.status !== 'running') return none
  if (kind === 'periodic_update') {
    if (ctx.now < t.dueAt) return none
    const restarted = start({ sla, events: [] }, 'periodic_update', ctx)
    return {
      ...restarted,
      events: [{ target: kind, event: 'update_due', at: ctx.now }, ...restarted.events],
      breached: false,
      updateDue: true,
    }
  }
  let step: SlaStep = { sla, events: [] }
  let target = t
  if (!target.warned && target.warnAt !== null && ctx.now >= target.warnAt) {
    target = { ...target, warned: true, warnAt: null }
    step = put(step, target, { target: kind, event: 'warned', at: ctx.now, dueAt: target.dueAt })
  }
  if (ctx.now >= target.dueAt) {
    target = { ...target, status: 'breached', endedAt: ctx.now, warnAt: null }
    step = put(step, target, { target: kind, event: 'breached', at: ctx.now, dueAt: target.dueAt })
    step = { ...step, sla: { ...step.sla, breaches: step.sla.breaches + 1 } }
    return { ...step, breached: true, updateDue: false }
  }
  return { ...step, breached: false, updateDue: false }
}

/** When a target next needs the alarm: its warning, else its due time; null when not running. */
export const nextWake = (t: SlaTarget | undefined): number | null =>
  t?.status === 'running'
    ? !t.warned && t.warnAt !== null
      ? Math.min(t.warnAt, t.dueAt)
      : t.dueAt
    : null

/** The earliest due time of any live target, for the index and the escalation queue. */
export const nextDue = (sla: SlaState): number | null => {
  const dues = Object.values(sla.targets)
    .filter((t) => t.status === 'running' && t.kind !== 'periodic_update')
    .map((t) => t.dueAt)
  return dues.length > 0 ? Math.min(...dues) : null
}
