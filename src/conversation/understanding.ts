import { yesOrNo } from '../flows/answers'
import { own } from '../lib/own'
import { matchCapture, matchIntent, matchReply } from '../flows/intents'
import type { FlowPack, FlowStep } from '../flows/types'
import { clipQuestion, extractFacts } from './details'
import { interpret, type Interpretation } from './interpret'
import { outcome, type Outcome } from './outcome'
import { ATTACHMENT_ACTION, enter, fallback, matched, missed } from './steps'
import { say, sayKnowledge, type ServiceContext } from './say'
import type { ConversationState } from './types'

// Labels of the bundled flow with a meaning of their own for the closing.
const THANKS = 'thanks'
const ACK = 'ack'
const HELLO = 'hello'
const SURE = 0.6

/** A step asks a yes/no question when it says so, or when it handles both answers. */
const expectsConfirm = (step: FlowStep): boolean =>
  step.expects === 'confirm' ||
  (step.expects === undefined && !!step.on?.['confirm.yes'] && !!step.on['confirm.no'])

/** A step waits for something specific (an order number, a phone, a photo). */
const waitsForSomething = (step: FlowStep | undefined): boolean =>
  !!step &&
  (!!step.capture ||
    step.expects === 'photo' ||
    step.expects === 'order_id' ||
    step.expects === 'phone')

const withFacts = (state: ConversationState, text: string): ConversationState => {
  const facts = extractFacts(text)
  const keys = Object.keys(facts) as (keyof typeof facts)[]
  if (keys.length === 0) return state
  return {
    ...state,
    vars: {
      ...state.vars,
      ...Object.fromEntries(keys.map((k) => [`fact.${k}`, facts[k] as string])),
    },
  }
}

const withQuestion = (state: ConversationState, text: string): ConversationState => ({
  ...state,
  vars: { ...state.vars, 'customer.question': clipQuestion(text) },
})

const silent = (state: ConversationState): Outcome => outcome(state, { handling: 'answered' })

/** Acknowledgements and thanks: "anything else?" once, the farewell once, then quiet. */
const closingMove = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  meaning: Interpretation,
  step: FlowStep | undefined
): Outcome | null => {
  if (meaning.label !== THANKS && meaning.label !== ACK) return null
  // After the farewell a sure "thanks" or "👍" needs no answer; anything less sure is read again.
  if (state.closing === 'done')
    return meaning.confidence >= SURE ? silent(state) : fallback(state, pack, ctx)
  if (meaning.label === ACK && waitsForSomething(step)) {
    const waiting = say(state, pack, ctx, 'ack.waiting')
    if (waiting.length > 0) return outcome(state, { replies: waiting, handling: 'answered' })
  }
  const farewell = meaning.label === THANKS ? (meaning.step ?? 'farewell') : 'farewell'
  const canSay = Object.hasOwn(pack.flow.steps, farewell)
  if (canSay && (meaning.label === THANKS || state.closing === 'asked'))
    return enter(state, pack, ctx, farewell)
  return null
}

/** Routes what the customer meant: a knowledge answer, the closing, or the intent's step. */
const follow = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  meaning: Interpretation,
  step: FlowStep | undefined,
  first: boolean,
  text: string
): Outcome | null => {
  const entry = meaning.entry
    ? pack.knowledge?.entries.find((e) => e.id === meaning.entry)
    : undefined
  if (entry) {
    const at = pack.flow.steps.knowledge ? enter(state, pack, ctx, 'knowledge') : silent(state)
    return {
      ...at,
      replies: [...sayKnowledge(at.state, pack, ctx, entry), ...at.replies],
      handling: 'answered',
    }
  }
  const closing = closingMove(state, pack, ctx, meaning, step)
  if (closing) return closing
  if (!meaning.step) return null
  // A greeting in the middle of a conversation is an invitation to go on, not a restart.
  if (meaning.label === HELLO && !first && pack.flow.steps.more)
    return enter(state, pack, ctx, 'more')
  const target = alreadyAnswered(pack, meaning.step, text) ?? meaning.step
  // "Where is my order 20261130777?": the number given with the question is taken, not asked for.
  const next = Object.hasOwn(pack.flow.steps, target) ? pack.flow.steps[target] : undefined
  const given = next?.capture ? matchCapture(next.capture, text) : null
  if (next?.capture && given && (given.match(/\d/g)?.length ?? 0) >= 6) {
    return enter(
      { ...state, vars: { ...state.vars, [next.capture.variable]: given } },
      pack,
      ctx,
      next.capture.next
    )
  }
  return enter(state, pack, ctx, target)
}

/**
 * Uses what the customer already said: when the message that opens a topic also answers that
 * step's question ("the zipper is broken" for "quality problem or no-reason return?"), the step
 * is skipped for its answer. Yes/no answers don't count: a new topic is never a confirmation.
 */
const alreadyAnswered = (pack: FlowPack, stepId: string, text: string): string | undefined => {
  const step = Object.hasOwn(pack.flow.steps, stepId) ? pack.flow.steps[stepId] : undefined
  const action = step?.replies ? matchReply(pack.flow, stepId, text) : null
  if (!action || action.startsWith('confirm.')) return undefined
  return own(step?.on, action) ?? own(pack.flow.actions, action)
}

/**
 * Free text (and attachments) read in the context of the step that asked: its typed answers, a
 * yes/no, the value it captures, free text it waits for; then what the text means on its own;
 * then the fallback.
 */
export const understandText = (
  prior: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  text: string,
  hasAttachments: boolean,
  first: boolean
): Outcome => {
  const state = withFacts(prior, text)
  const step =
    state.step && Object.hasOwn(pack.flow.steps, state.step)
      ? pack.flow.steps[state.step]
      : undefined
  const trimmed = text.trim()
  if (trimmed && step && state.step) {
    const reply = matchReply(pack.flow, state.step, text)
    const replyTarget = reply ? (own(step.on, reply) ?? own(pack.flow.actions, reply)) : undefined
    if (replyTarget) return matched(enter(state, pack, ctx, replyTarget))
    if (expectsConfirm(step)) {
      const answer = yesOrNo(text)
      const target = answer
        ? (own(step.on, `confirm.${answer}`) ?? own(pack.flow.actions, `confirm.${answer}`))
        : undefined
      if (target) return matched(enter(state, pack, ctx, target))
    }
    if (step.capture) {
      const value = matchCapture(step.capture, text)
      if (value !== null) {
        const withVar = { ...state, vars: { ...state.vars, [step.capture.variable]: value } }
        return matched(enter(withVar, pack, ctx, step.capture.next))
      }
    }
    // Free text the step asked for is the answer, unless an explicit rule (a complaint, a person) says otherwise.
    const freeText = step.expects === 'text' ? step.on?.text : undefined
    if (freeText && !matchIntent(pack.flow, text))
      return matched(enter(withQuestion(state, text), pack, ctx, freeText))
  }
  const meaning = interpret(pack, text)
  if (meaning) {
    const routed = follow(withQuestion(state, text), pack, ctx, meaning, step, first, text)
    if (routed) return matched(routed)
  }
  if (hasAttachments && !trimmed) {
    const target = own(step?.on, ATTACHMENT_ACTION) ?? own(pack.flow.actions, ATTACHMENT_ACTION)
    if (target) return matched(enter(state, pack, ctx, target))
  }
  if (step?.capture?.invalid) {
    return missed(enter(state, pack, ctx, step.capture.invalid), state.fallbackStreak)
  }
  return fallback(state, pack, ctx)
}
