import { assess, verdict } from '../escalation/assess'
import { own } from '../lib/own'
import { isOpen } from '../sla/calendar'
import { localDay } from '../sla/zone-time'
import { emptySla, onCustomerMessage, onHandoff, type SlaEvent } from '../sla/engine'
import { scenarioOf } from '../sla/policy'
import { isShortAnswer } from '../flows/answers'
import { escalate, type NoticeRequest } from './escalate'
import { resolveCommitment } from './promises'
import { decide, type PolicyInput } from './policy'
import { refined, say, type Reply } from './say'
import { collectTicketFields } from './ticket-steps'
import { enter } from './steps'
import { outcome as nothing, withSla, type Outcome } from './outcome'
import { noEscalation } from './escalate'
import type {
  CasePart,
  ConversationState,
  FlowPart,
  EscalationPart,
  IdentityPart,
  SlaPart,
} from './types'
import type { World } from './world'

/** The reply that says who is answering (the first of a conversation). */
const isIntro = (r: Reply): boolean => r.template === 'intro' || r.template === 'greeting'

const HOLDING_QUIET_MS = 5 * 60_000
const HOLDING_EVERY_MS = 30 * 60_000
const AGENT_RECENT_MS = 5 * 60_000
const COMMENT_WINDOW_MS = 30 * 60_000
const CSAT = /^csat\.([1-5])$/

/** The SLA clock's view of a conversation: its scenario and level. */
export const slaContext = (
  state: Pick<FlowPart, 'intent'> & Pick<EscalationPart, 'level'>,
  world: World
) => ({
  policy: world.policy,
  calendar: world.calendar,
  scenario: scenarioOf(state.intent),
  level: state.level,
  now: world.now,
})

/** A satisfaction rating (button or typed digit) for the last resolution, once. */
/** Pure: the SLA part of a new case: no clocks running, no promises held. */
const freshClocks = (): Pick<SlaPart, 'sla' | 'renewed' | 'promised'> => ({
  sla: emptySla(),
  promised: [],
  renewed: [],
})

const rate = (prior: ConversationState, rating: number, world: World): Outcome => {
  const survey = prior.survey
  if (!survey || survey.rating !== null) return nothing(prior)
  const rated: ConversationState = {
    ...prior,
    survey: { ...survey, rating, ratedAt: world.now },
    escalation: prior.escalation ? { ...prior.escalation, satisfaction: rating } : null,
    lastInboundAt: world.now,
    updatedAt: world.now,
  }
  const target = own(world.pack.flow.actions, `csat.${rating}`)
  if (!target) return nothing(rated, { archive: true })
  if (!own(world.pack.flow.steps, target)?.handoff) {
    const entered = enter(rated, world.pack, world.ctx, target)
    return nothing(
      { ...entered.state, status: rated.status },
      { replies: entered.replies, archive: true }
    )
  }
  // A low rating hands the conversation to a supervisor: a new case with its own clocks, so the
  // time the customer is told is one the alarm enforces.
  const fresh: ConversationState = {
    ...rated,
    status: 'open',
    resolvedAt: null,
    ...freshClocks(),
  }
  const entered = enter(fresh, world.pack, world.ctx, target)
  const clock = slaContext(entered.state, world)
  const asked = onCustomerMessage(entered.state.sla, clock, false)
  const handed = onHandoff(asked.sla, clock)
  const base = nothing(entered.state, { replies: entered.replies, archive: true })
  return withSla(withSla(base, asked), handed)
}

/** Pure: the case a customer message works on: the current one (its problem noted once), or a new one. */
const caseFor = (
  prior: Pick<IdentityPart, 'key'> & Pick<CasePart, 'case'>,
  text: string,
  now: number
): Pick<CasePart, 'case'> => {
  if (!prior.case) {
    const opened = {
      id: `${prior.key}@${now}`,
      openedAt: now,
      problem: text || null,
      solution: null,
      resolvedAt: null,
      handler: null,
    }
    return { case: opened }
  }
  return { case: prior.case.problem || !text ? prior.case : { ...prior.case, problem: text } }
}

/** A message after a resolution starts a new case: clocks, escalation and case start over. */
const reopenCase = (prior: ConversationState, text: string, world: World): ConversationState => {
  const base: ConversationState =
    prior.status === 'resolved'
      ? { ...prior, ...freshClocks(), ...noEscalation(), case: null }
      : prior
  const next = caseFor(base, text, world.now)
  return next.case === base.case ? base : { ...base, ...next }
}

/**
 * A customer message or button press: the flow answers, the escalation rules judge the text,
 * the SLA clocks move, and holding and off-hours notices are added where they belong.
 */
export const serveInbound = (
  prior: ConversationState,
  input: Extract<PolicyInput, { type: 'message' | 'action' }>,
  world: World,
  messageId: number
): Outcome => {
  const { now } = world
  if (input.type === 'action') {
    const csat = CSAT.exec(input.actionId)
    // One rating per survey: a second press of the buttons is kept in the transcript only.
    if (csat && prior.survey) return rate(prior, Number(csat[1]), world)
  }
  const text = input.type === 'message' ? input.text.trim() : ''
  if (
    input.type === 'message' &&
    prior.status === 'resolved' &&
    prior.survey?.rating !== null &&
    prior.survey?.comment === null &&
    prior.survey.ratedAt !== null &&
    now - prior.survey.ratedAt < COMMENT_WINDOW_MS &&
    text
  ) {
    // The message right after a rating is its comment, not a new case; it is acknowledged once.
    const state = {
      ...prior,
      survey: { ...prior.survey, comment: text.slice(0, 2000) },
      lastInboundAt: now,
      updatedAt: now,
    }
    return {
      ...nothing(state),
      replies: say(state, world.pack, world.ctx, 'survey.comment'),
      archive: true,
    }
  }
  if (input.type === 'message' && prior.survey?.rating === null && prior.status === 'resolved') {
    const digit = /^\s*([1-5])\s*$/.exec(input.text)
    if (digit) return rate(prior, Number(digit[1]), world)
  }

  // A ticket waiting for the customer's details takes them before the flow reads the message.
  const collected =
    input.type === 'message' && text ? collectTicketFields(prior, text, world) : null
  if (collected) return collected

  const base = reopenCase(prior, text, world)
  const decision = decide(base, input, world.pack, world.ctx, now)
  let state = decision.state
  let replies = decision.replies
  let events: SlaEvent[] = []
  let notices: NoticeRequest[] = []
  let escalated = false

  if (text) {
    const assessment = assess(world.rules, text)
    // Entering the complaint step counts once; what the customer adds after it is not a new complaint.
    const inComplaint = state.intent === 'complaint' && state.step === 'complaint'
    const complaint =
      assessment.complaint ||
      (inComplaint && (base.step !== 'complaint' || assessment.angerScore > 0))
    const complaints = state.complaints + (complaint ? 1 : 0)
    state = { ...state, complaints }
    const judged = verdict(world.rules, assessment, { complaints })
    if (judged.level > 0) {
      const step = escalate(state, world, {
        level: judged.level as 1 | 2,
        reasons: judged.reasons,
        summary: judged.summary,
        evidence: [messageId],
        by: 'rules',
      })
      if (step.state !== state) {
        escalated = true
        state = step.state
        // The first reply still says who is answering; the flow's own answer gives way to the escalation's.
        const intro = base.greeted ? [] : replies.filter(isIntro)
        replies = [...intro, ...step.replies]
        events = step.events
        notices = step.notices
      }
    }
  }

  const clock = slaContext(state, world)
  const answered = decision.handling === 'answered' && !escalated && state.owner === 'bot'
  const customer = onCustomerMessage(state.sla, clock, answered)
  events = [...events, ...customer.events]
  state = { ...state, sla: customer.sla }
  if (base.owner === 'bot' && state.owner === 'human' && !escalated) {
    const handoff = onHandoff(state.sla, clock)
    events = [...events, ...handoff.events]
    state = { ...state, sla: handoff.sla }
  }

  if (base.owner === 'human' && !escalated && replies.length === 0) {
    // The agent isn't mid-conversation with the customer: tell them a person is on it.
    const quiet =
      state.lastAgentReplyAt === null || now - state.lastAgentReplyAt >= HOLDING_QUIET_MS
    const due = state.lastHoldingAt === null || now - state.lastHoldingAt >= HOLDING_EVERY_MS
    if (quiet && due) {
      // A customer who holds only a solution time hears that time again, not a new reply promise.
      const caseOnly =
        state.promised.includes('resolve') &&
        !state.promised.includes('reply') &&
        !!world.ctx.clock &&
        resolveCommitment(state, world.ctx.clock) !== null
      // "ok" / "thanks" right after being told who answers and when needs a short word, not a repeat.
      const ack = isShortAnswer(text)
      const id = caseOnly
        ? refined(world.pack, 'holding.case', 'holding')
        : ack
          ? refined(world.pack, 'holding.ack', 'holding')
          : 'holding'
      replies = say(state, world.pack, world.ctx, id)
      state = { ...state, lastHoldingAt: now }
    }
  }

  const day = localDay(now, world.calendar.timeZone)
  const agentRecent =
    state.lastAgentReplyAt !== null && now - state.lastAgentReplyAt < AGENT_RECENT_MS
  // A reply that already says when people are back (an `.offhours` twin) needs no notice beside it.
  const saysWhen = replies.some((r) => r.template?.endsWith('.offhours'))
  if (
    replies.some((r) => r.author === 'bot') &&
    !saysWhen &&
    !isOpen(world.calendar, now) &&
    state.offhoursNoticeDay !== day &&
    !agentRecent
  ) {
    // After the introduction (who is answering), before the answer.
    const intro = replies.filter(isIntro)
    const rest = replies.filter((r) => !intro.includes(r))
    const notice = say(state, world.pack, world.ctx, 'offhours')
    const last = intro.at(-1)
    if (rest.length === 0 && last?.buttons?.length && notice[0]) {
      // The greeting's topics stay under the newest message, where chat clients show buttons.
      replies = [
        ...intro.slice(0, -1),
        { ...last, buttons: [] },
        { ...notice[0], buttons: last.buttons },
      ]
    } else replies = [...intro, ...notice, ...rest]
    state = { ...state, offhoursNoticeDay: day }
  }
  return nothing(state, { replies, events, notices })
}
