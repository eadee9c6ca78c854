import {
  onAgentReply,
  onHandoff,
  onRelease,
  onResolve,
  onTimer,
  start,
  type SlaEvent,
} from '../sla/engine'
import type { TargetKind } from '../sla/policy'
import { escalate, teamsFor, type NoticeRequest } from './escalate'
import { outcome, type Outcome } from './outcome'
import { decide } from './policy'
import { refined, say } from './say'
import { slaContext } from './service'
import type { Button } from '../channels/types'
import type { CaseInfo, CasePart, ConversationState, EscalationPart, IdentityPart } from './types'
import type { World } from './world'

/** A person takes the conversation: the bot stops answering and the people-side clocks run. */
const takeOver = (
  prior: ConversationState,
  agent: string,
  world: World
): { state: ConversationState; events: SlaEvent[] } => {
  if (prior.owner === 'human' && prior.agent === agent) return { state: prior, events: [] }
  const handoff =
    prior.owner === 'bot'
      ? onHandoff(prior.sla, slaContext(prior, world))
      : { sla: prior.sla, events: [] }
  const state: ConversationState = {
    ...prior,
    owner: 'human',
    agent,
    sla: handoff.sla,
    escalation: prior.escalation ? { ...prior.escalation, handler: agent } : null,
    updatedAt: world.now,
  }
  return { state, events: handoff.events }
}

/** An agent's reply: meets response targets, records the escalation's first handling. */
export const serveAgentReply = (
  prior: ConversationState,
  input: { text: string; agent: string; buttons?: Button[] },
  world: World
): Outcome => {
  const taken = takeOver(prior, input.agent, world)
  const decision = decide(
    taken.state,
    { type: 'agent_reply', ...input },
    world.pack,
    world.ctx,
    world.now
  )
  const reply = onAgentReply(decision.state.sla, slaContext(decision.state, world))
  const escalation = decision.state.escalation
  const state: ConversationState = {
    ...decision.state,
    sla: reply.sla,
    // Buttons an agent sends work like the bot's (a typed "2" picks the second).
    offered: input.buttons ?? [],
    // A person answered: the reply promise is kept (a solution promise still stands).
    promised: decision.state.promised.filter((p) => p !== 'reply'),
    escalation:
      escalation && escalation.firstHandlingAt === null
        ? {
            ...escalation,
            firstHandlingAt: world.now,
            firstHandling: input.text.slice(0, 500),
            handler: input.agent,
          }
        : escalation,
  }
  return outcome(state, { replies: decision.replies, events: [...taken.events, ...reply.events] })
}

/** `assign { agent }`: an agent owns the conversation. */
export const serveAssign = (prior: ConversationState, agent: string, world: World): Outcome => {
  const taken = takeOver(prior, agent, world)
  return outcome(taken.state, { events: taken.events })
}

/** `release`: back to the bot; the escalation leaves the queue. */
export const serveRelease = (prior: ConversationState, world: World): Outcome => {
  if (prior.owner === 'bot') return outcome(prior)
  const released = onRelease(prior.sla, world.now)
  return outcome(
    {
      ...prior,
      owner: 'bot',
      agent: null,
      level: 0,
      sla: released.sla,
      step: null,
      fallbackStreak: 0,
      promised: [],
      renewed: [],
      updatedAt: world.now,
    },
    { events: released.events }
  )
}

/** `escalate { level, reason }` by a person. */
export const serveEscalate = (
  prior: ConversationState,
  input: { level: 1 | 2; reason: string; by: string },
  world: World
): Outcome => {
  return escalate(prior, world, {
    level: input.level,
    reasons: ['manual'],
    summary: input.reason,
    evidence: [],
    by: input.by,
  })
}

/** Pure: the case part at a resolution: the case closed with its solution and handler, the survey sent. */
const closeCase = (
  prior: Pick<IdentityPart, 'key' | 'createdAt'> &
    Pick<CasePart, 'case'> &
    Pick<EscalationPart, 'agent'>,
  input: { by: string; solution?: string },
  now: number
): Pick<CasePart, 'case' | 'survey'> => {
  const caseInfo: CaseInfo = {
    ...(prior.case ?? { id: `${prior.key}@${now}`, openedAt: prior.createdAt, problem: null }),
    solution: input.solution ?? null,
    resolvedAt: now,
    handler: prior.agent ?? input.by,
  }
  return {
    case: caseInfo,
    survey: { caseId: caseInfo.id, sentAt: now, rating: null, ratedAt: null, comment: null },
  }
}

/** Pure: the escalation part at a resolution: the handler stays, the record is closed. */
const resolveEscalation = (
  prior: Pick<EscalationPart, 'agent' | 'escalation'>,
  input: { by: string; solution?: string },
  now: number
): Pick<EscalationPart, 'agent' | 'escalation'> => ({
  agent: prior.agent,
  escalation: prior.escalation
    ? {
        ...prior.escalation,
        resolvedAt: now,
        solution: input.solution ?? prior.escalation.solution,
        handler: prior.escalation.handler ?? input.by,
      }
    : null,
})

/**
 * `resolve`: the case ends, the clocks stop, the customer gets the satisfaction survey (once per
 * resolution: resolving a resolved conversation does nothing) and the case is archived.
 */
export const serveResolve = (
  prior: ConversationState,
  input: { by: string; solution?: string },
  world: World
): Outcome => {
  if (prior.status === 'resolved') return outcome(prior)
  const closed = decide(
    prior,
    { type: 'close', by: input.by },
    world.pack,
    world.ctx,
    world.now
  ).state
  const sla = onResolve(closed.sla, world.now)
  const state: ConversationState = {
    ...closed,
    sla: sla.sla,
    ...resolveEscalation(prior, input, world.now),
    ...closeCase(prior, input, world.now),
  }
  return outcome(state, {
    replies: say(state, world.pack, world.ctx, 'survey'),
    events: sla.events,
    archive: true,
  })
}

/**
 * An SLA timer fired: warn, breach or send the progress update. A breach alerts the team first
 * (level 1, the queue, a notification); the customer hears from the bot again only when a person
 * owed them an answer, with a new and later promise, once per target, phrased as an update.
 */
export const serveSlaTimer = (
  prior: ConversationState,
  kind: TargetKind,
  world: World
): Outcome => {
  const fired = onTimer(prior.sla, kind, slaContext(prior, world))
  let result = outcome({ ...prior, sla: fired.sla }, { events: fired.events })
  if (fired.breached && prior.status === 'open') {
    const summary = `SLA ${kind.replace('_', ' ')} target breached`
    let state = result.state
    const events = [...fired.events]
    const level = Math.max(1, prior.level) as 1 | 2
    let notices: NoticeRequest[] = teamsFor(level, ['sla_breach']).map((team) => ({
      team,
      level,
      reasons: ['sla_breach'],
      summary,
    }))
    if (prior.level === 0) {
      const step = escalate(
        state,
        world,
        { level: 1, reasons: ['sla_breach'], summary, evidence: [], by: 'sla' },
        { silent: true, keepOwner: prior.owner === 'bot' }
      )
      state = step.state
      events.push(...step.events)
      notices = step.notices
    }
    let replies: Outcome['replies'] = []
    const held = kind === 'resolution' ? 'resolve' : 'reply'
    if (
      prior.owner === 'human' &&
      kind !== 'periodic_update' &&
      state.promised.includes(held) &&
      !state.renewed.includes(kind)
    ) {
      let renewed = start({ sla: state.sla, events: [] }, kind, slaContext(state, world))
      // The renewal is this interval's news: the next progress update counts from it.
      if (kind === 'resolution' && renewed.sla.targets.periodic_update?.status === 'running') {
        renewed = start(renewed, 'periodic_update', slaContext(state, world))
      }
      state = { ...state, sla: renewed.sla, renewed: [...state.renewed, kind] }
      events.push(...renewed.events)
      replies = say(
        state,
        world.pack,
        world.ctx,
        kind === 'resolution' ? 'promise.update.resolution' : 'promise.update'
      )
    }
    result = outcome(state, { replies, events, notices })
  }
  const solving = result.state.sla.targets.resolution
  // A progress update restates a solution time still ahead; at or past it the breach speaks instead.
  const ahead = solving?.status === 'running' && solving.dueAt > world.now
  if (fired.updateDue && prior.owner === 'human' && prior.status === 'open' && ahead) {
    // "Even when there is nothing new": the progress update restates the resolution promise.
    // Alternate two wordings, so a customer waiting a long time doesn't read the same line again.
    const sent = [...prior.slaLog, ...fired.events].filter((e) => e.event === 'update_due').length
    const wording = sent % 2 === 0 ? refined(world.pack, 'progress.again', 'progress') : 'progress'
    const replies = say(
      result.state,
      world.pack,
      world.ctx,
      refined(world.pack, wording, 'holding')
    )
    result = { ...result, state: { ...result.state, lastHoldingAt: world.now }, replies }
  }
  return result
}
