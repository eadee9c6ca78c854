import type { AttachmentRef, Button } from '../channels/types'
import { matchCapture, matchIntent, matchReply } from '../flows/intents'
import { detectLocale } from '../flows/locale'
import { renderTemplate } from '../flows/render'
import type { FlowPack, FlowStep } from '../flows/types'
import type { Author, ConversationState } from './types'

/** Shop-wide facts templates may mention; built from configuration by the shell. */
export interface ServiceContext {
  shopName: string
  replyMinutes: number
  hoursOpen: string
  returnDays: number
}

/** What happened, as the policy sees it. */
export type PolicyInput =
  | {
      type: 'message'
      text: string
      attachments: AttachmentRef[]
      senderName?: string
      languageHint?: string
    }
  | { type: 'action'; actionId: string; label?: string; languageHint?: string }
  | { type: 'agent_reply'; text: string; agent: string }
  | { type: 'close'; by: string }

/** A message the policy wants sent. */
export interface Reply {
  author: Author
  agent?: string
  text: string
  buttons?: Button[]
  template?: string
}

/** How the bot handled the input: an answer from the flow meets response targets; the others don't. */
export type Outcome = 'answered' | 'fallback' | 'handoff' | 'silent'

/** The policy's verdict: the next state and the replies to queue, in order. */
export interface Decision {
  state: ConversationState
  replies: Reply[]
  outcome: Outcome
}

/** Action id a bare attachment (photo of a defect, a packing slip) is routed by. */
export const ATTACHMENT_ACTION = 'attachment'

const templateVars = (state: ConversationState, ctx: ServiceContext, extra: Record<string, string | number> = {}) => ({
  ...state.vars,
  ...extra,
  'shop.name': ctx.shopName,
  'customer.name': state.customer.name,
  'agent.name': state.agent ?? undefined,
  'return.days': ctx.returnDays,
  'reply.minutes': ctx.replyMinutes,
  'hours.open': ctx.hoursOpen,
})

/** Renders one template of the pack as a bot reply; unknown ids render nothing. */
export const say = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  id: string,
  extra?: Record<string, string | number>
): Reply[] => {
  const doc = pack.templates[id]
  if (!doc) return []
  const rendered = renderTemplate(doc, state.locale, templateVars(state, ctx, extra))
  return [{ author: 'bot', template: id, text: rendered.text, buttons: rendered.buttons }]
}

/** Enters a step: sends its templates, moves the stage, records intent and handoff. */
export const enter = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  stepId: string
): Decision => {
  const step: FlowStep | undefined = pack.flow.steps[stepId]
  // A published flow is validated, so a missing step means a corrupt document: fail closed to a human.
  if (!step) return { state: { ...state, owner: 'human', step: null }, replies: [], outcome: 'handoff' }
  const next: ConversationState = {
    ...state,
    step: stepId,
    stage: step.stage,
    intent: step.intent ?? state.intent,
    owner: step.handoff ? 'human' : state.owner,
  }
  return {
    state: next,
    replies: step.say.flatMap((id) => say(next, pack, ctx, id)),
    outcome: step.handoff ? 'handoff' : 'answered',
  }
}

const fallback = (state: ConversationState, pack: FlowPack, ctx: ServiceContext): Decision => {
  const target = state.fallbackStreak === 0 ? pack.flow.fallback.reask : pack.flow.fallback.offerHuman
  const decision = enter(state, pack, ctx, target)
  return {
    ...decision,
    state: { ...decision.state, fallbackStreak: state.fallbackStreak + 1 },
    outcome: decision.outcome === 'handoff' ? 'handoff' : 'fallback',
  }
}

const matched = (decision: Decision): Decision => ({
  ...decision,
  state: { ...decision.state, fallbackStreak: 0 },
})

const onText = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  text: string,
  hasAttachments: boolean
): Decision => {
  const current = state.step ? pack.flow.steps[state.step] : undefined
  // A typed "yes" / "是的" at a step with buttons counts as pressing the matching button.
  const reply = state.step ? matchReply(pack.flow, state.step, text) : null
  const replyTarget = reply ? (current?.on?.[reply] ?? pack.flow.actions[reply]) : undefined
  if (replyTarget) return matched(enter(state, pack, ctx, replyTarget))
  if (current?.capture) {
    const value = matchCapture(current.capture, text)
    if (value !== null) {
      const withVar = { ...state, vars: { ...state.vars, [current.capture.variable]: value } }
      return matched(enter(withVar, pack, ctx, current.capture.next))
    }
  }
  const rule = text.trim() ? matchIntent(pack.flow, text) : null
  if (rule) return matched(enter(state, pack, ctx, rule.step))
  if (hasAttachments && !text.trim()) {
    const target = current?.on?.[ATTACHMENT_ACTION] ?? pack.flow.actions[ATTACHMENT_ACTION]
    if (target) return matched(enter(state, pack, ctx, target))
  }
  if (current?.capture?.invalid) {
    const decision = enter(state, pack, ctx, current.capture.invalid)
    return {
      ...decision,
      state: { ...decision.state, fallbackStreak: state.fallbackStreak + 1 },
      outcome: decision.outcome === 'handoff' ? 'handoff' : 'fallback',
    }
  }
  return fallback(state, pack, ctx)
}

const reopen = (state: ConversationState): ConversationState =>
  state.status === 'resolved'
    ? { ...state, status: 'open', owner: 'bot', step: null, resolvedAt: null, fallbackStreak: 0 }
    : state

const combine = (first: Decision, second: Decision): Decision => ({
  state: second.state,
  replies: [...first.replies, ...second.replies],
  outcome: second.outcome,
})

/** A typed "2", "2." or a button's label picks that button where the platform has none. */
const typedChoice = (offered: Button[], text: string): Button | undefined => {
  const trimmed = text.trim()
  const number = /^(\d{1,2})\s*[.)、．]?$/.exec(trimmed)
  if (number) return offered[Number(number[1]) - 1]
  const lower = trimmed.toLowerCase()
  return lower ? offered.find((b) => b.label.trim().toLowerCase() === lower) : undefined
}

/** Remembers the newest bot buttons, so a later typed choice can be matched against them. */
const withOffered = (decision: Decision): Decision => {
  if (decision.replies.length === 0) return decision
  const last = decision.replies.at(-1)
  return { ...decision, state: { ...decision.state, offered: last?.buttons ?? [] } }
}

/**
 * The conversation's decision function: pure, so every rule is unit-tested without workerd.
 * The bot answers only while it owns the conversation; a human owner gets silence from the bot.
 */
export const decide = (
  prior: ConversationState,
  input: PolicyInput,
  pack: FlowPack,
  ctx: ServiceContext,
  now: number
): Decision => {
  if (input.type === 'message' && prior.owner === 'bot' && prior.greeted && input.attachments.length === 0) {
    const choice = typedChoice(prior.offered ?? [], input.text)
    if (choice) {
      return withOffered(
        decideInner(prior, { type: 'action', actionId: choice.id, label: input.text, languageHint: input.languageHint }, pack, ctx, now)
      )
    }
  }
  return withOffered(decideInner(prior, input, pack, ctx, now))
}

const decideInner = (
  prior: ConversationState,
  input: PolicyInput,
  pack: FlowPack,
  ctx: ServiceContext,
  now: number
): Decision => {
  if (input.type === 'agent_reply') {
    const state: ConversationState = {
      ...reopen(prior),
      owner: 'human',
      agent: input.agent,
      lastAgentReplyAt: now,
      updatedAt: now,
    }
    return { state, replies: [{ author: 'agent', agent: input.agent, text: input.text }], outcome: 'answered' }
  }
  if (input.type === 'close') {
    const state: ConversationState = {
      ...prior,
      status: 'resolved',
      owner: 'bot',
      step: null,
      stage: 'closing',
      fallbackStreak: 0,
      resolvedAt: now,
      updatedAt: now,
    }
    return { state, replies: [], outcome: 'silent' }
  }

  const text = input.type === 'message' ? input.text : (input.label ?? '')
  let state: ConversationState = {
    ...reopen(prior),
    locale: detectLocale(text, input.languageHint, prior.greeted ? prior.locale : undefined),
    lastInboundAt: now,
    updatedAt: now,
  }
  if (input.type === 'message' && input.senderName && !state.customer.name) {
    state = { ...state, customer: { ...state.customer, name: input.senderName } }
  }
  if (state.owner === 'human') return { state, replies: [], outcome: 'silent' }

  let greeting: Decision = { state, replies: [], outcome: 'answered' }
  if (!state.greeted) {
    greeting = enter({ ...state, greeted: true }, pack, ctx, pack.flow.start)
    state = greeting.state
  }

  if (input.type === 'action') {
    const current = state.step ? pack.flow.steps[state.step] : undefined
    const target = current?.on?.[input.actionId] ?? pack.flow.actions[input.actionId]
    return combine(greeting, target ? matched(enter(state, pack, ctx, target)) : fallback(state, pack, ctx))
  }

  const hasAttachments = input.attachments.length > 0
  if (!prior.greeted && !hasAttachments) {
    // A bare "hi" (a rule leading to the start step) or an empty message gets the greeting alone;
    // a first message the flow doesn't understand gets the greeting and the re-ask.
    const rule = text.trim() ? matchIntent(pack.flow, text) : null
    if (!text.trim() || rule?.step === pack.flow.start) return greeting
  }
  return combine(greeting, onText(state, pack, ctx, text, hasAttachments))
}
