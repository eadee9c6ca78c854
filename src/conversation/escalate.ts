import { onHandoff, start } from '../sla/engine'
import { scenarioOf } from '../sla/policy'
import type { Team } from '../notify/types'
import { outcome, type Outcome } from './outcome'
import { say } from './say'
import type { ConversationState, EscalationPart, EscalationRecord } from './types'
import type { World } from './world'

/** A team notification the shell delivers (with retries) after the state commits. */
export interface NoticeRequest {
  team: Team
  level: 1 | 2
  reasons: string[]
  summary: string
}

/** Pure: the escalation part of a conversation nobody raised: no handler, level 0, no complaints. */
export const noEscalation = (): EscalationPart => ({
  agent: null,
  level: 0,
  escalation: null,
  complaints: 0,
})

/** The teams a level (and abuse) brings in: senior agents at 1; risk control and PR at 2. */
export const teamsFor = (level: 1 | 2, reasons: string[]): Team[] => {
  const teams: Team[] = level === 2 ? ['risk', 'pr'] : ['senior']
  if (reasons.includes('abuse') && !teams.includes('risk')) teams.push('risk')
  return teams
}

/** Pure: the escalation record after a raise: what it adds to the record so far, reopened. */
const raisedRecord = (
  prior: Pick<EscalationPart, 'agent' | 'escalation'>,
  raise: {
    level: 1 | 2
    reasons: string[]
    summary: string
    evidence: number[]
    by: string
    teams: Team[]
  },
  expected: number | null,
  now: number
): EscalationRecord => ({
  level: raise.level,
  reasons: raise.reasons,
  summary: raise.summary,
  evidence: [...(prior.escalation?.evidence ?? []), ...raise.evidence],
  submittedAt: prior.escalation?.submittedAt ?? now,
  by: raise.by,
  teams: [...new Set([...(prior.escalation?.teams ?? []), ...raise.teams])],
  firstHandlingAt: prior.escalation?.firstHandlingAt ?? null,
  firstHandling: prior.escalation?.firstHandling ?? null,
  handler: prior.escalation?.handler ?? prior.agent,
  expectedResolutionAt: expected,
  resolvedAt: null,
  solution: null,
  satisfaction: null,
})

/**
 * Raises a conversation to `level` (never lowers it): a human owns it from now on, the escalation
 * record is written, the resolution clock gets the level's promise, the customer is told what
 * happens next and by when (abuse gets the calm template instead), and the teams are notified.
 */
export const escalate = (
  prior: ConversationState,
  world: World,
  input: { level: 1 | 2; reasons: string[]; summary: string; evidence: number[]; by: string },
  options: { silent?: boolean; keepOwner?: boolean } = {}
): Outcome => {
  const level = Math.max(prior.level, input.level) as 1 | 2
  if (level === prior.level && !input.reasons.some((r) => !prior.escalation?.reasons.includes(r))) {
    return outcome(prior)
  }
  const raised = level > prior.level
  const sla = onHandoff(
    prior.sla,
    {
      policy: world.policy,
      calendar: world.calendar,
      scenario: scenarioOf(prior.intent),
      level,
      now: world.now,
    },
    { tighten: !options.silent }
  )
  // A customer-facing escalation names when a person replies: a response target must back it.
  const responding = ['first_response', 'next_response'].some(
    (k) => sla.sla.targets[k as 'first_response']?.status === 'running'
  )
  if (!options.silent && !responding) {
    const kind = sla.sla.targets.first_response ? 'next_response' : 'first_response'
    const started = start({ sla: sla.sla, events: [] }, kind, {
      policy: world.policy,
      calendar: world.calendar,
      scenario: scenarioOf(prior.intent),
      level,
      now: world.now,
    })
    sla.sla = started.sla
    sla.events = [...sla.events, ...started.events]
  }
  const expected = sla.sla.targets.resolution?.dueAt ?? null
  const reasons = [...new Set([...(prior.escalation?.reasons ?? []), ...input.reasons])]
  const teams = teamsFor(level, input.reasons)
  const state: ConversationState = {
    ...prior,
    // The bot keeps answering a conversation it owns while the team looks at it (a breach it caused).
    owner: options.keepOwner ? prior.owner : 'human',
    level: level,
    stage: 'objection',
    sla: sla.sla,
    escalation: raisedRecord(prior, { ...input, level, reasons, teams }, expected, world.now),
    updatedAt: world.now,
  }
  const abusive = input.reasons.includes('abuse')
  // Abuse is answered calmly; only a newly reached level 2 (legal, media...) needs its own promise.
  const template = abusive && (level === 1 || !raised) ? 'abuse.calm' : `escalation.level${level}`
  return outcome(state, {
    // The promised time comes from the running resolution target (see src/sla/promise.ts).
    replies: options.silent ? [] : say(state, world.pack, world.ctx, template),
    events: sla.events,
    notices: teams.map((team) => ({ team, level, reasons, summary: input.summary })),
  })
}
