import type { AttachmentRef, Button } from '../channels/types'
import { own } from '../lib/own'
import { matchButton } from '../flows/answers'
import { detectLocale, scriptCounts } from '../flows/locale'
import type { FlowPack } from '../flows/types'
import { say, type ServiceContext } from './say'
import { merge, outcome, type Outcome } from './outcome'
import { enter, fallback, matched } from './steps'
import type { ConversationState } from './types'
import { understandText } from './understanding'

/** What happened, as the policy sees it. */
export type PolicyInput =
  | {
      type: 'message'
      text: string
      attachments: AttachmentRef[]
      /** Files the platform said are over the limit: left out of `attachments`; the download job refuses them. */
      refusedFiles?: number
      senderName?: string
      languageHint?: string
    }
  | { type: 'action'; actionId: string; label?: string; languageHint?: string }
  | { type: 'agent_reply'; text: string; agent: string; buttons?: Button[] }
  | { type: 'close'; by: string }

const FILE_WORDS: Record<AttachmentRef['kind'], { zh: string; en: string }> = {
  image: { zh: '图片', en: 'picture' },
  video: { zh: '视频', en: 'video' },
  audio: { zh: '语音', en: 'voice message' },
  file: { zh: '文件', en: 'file' },
}

/** Pure: the customer's files in a word of their language (several of different kinds are "files"). */
export const fileWord = (attachments: readonly AttachmentRef[], locale: string): string => {
  const kinds = new Set(attachments.map((a) => a.kind))
  const zh = /^zh/i.test(locale)
  if (kinds.size > 1) return zh ? '文件' : 'files'
  const word = FILE_WORDS[attachments[0]?.kind ?? 'file']
  if (zh) return word.zh
  return attachments.length > 1 ? `${word.en}s` : word.en
}

const reopen = (state: ConversationState): ConversationState =>
  state.status === 'resolved'
    ? {
        ...state,
        status: 'open',
        owner: 'bot',
        step: null,
        resolvedAt: null,
        fallbackStreak: 0,
        closing: null,
      }
    : state

/** Remembers the newest bot buttons, so a later typed choice can be matched against them. */
const withOffered = (decision: Outcome): Outcome => {
  if (decision.replies.length === 0) return decision
  const last = decision.replies.at(-1)
  return { ...decision, state: { ...decision.state, offered: last?.buttons ?? [] } }
}

/** A typed choice only counts against buttons the current step still handles. */
const typedChoice = (
  state: ConversationState,
  pack: FlowPack,
  text: string
): Button | undefined => {
  const choice = matchButton(state.offered, text)
  if (!choice) return undefined
  const step = state.step ? own(pack.flow.steps, state.step) : undefined
  return own(step?.on, choice.id) || own(pack.flow.actions, choice.id) ? choice : undefined
}

// A Chinese customer's "ok" or "yes" is not a switch to English.
const SHORT_LATIN = 4

const localeFor = (prior: ConversationState, text: string, hint?: string) => {
  if (prior.greeted && scriptCounts(text).han === 0 && scriptCounts(text).latin <= SHORT_LATIN)
    return prior.locale
  return detectLocale(text, hint, prior.greeted ? prior.locale : undefined)
}

type Decide = (
  prior: ConversationState,
  input: PolicyInput,
  pack: FlowPack,
  ctx: ServiceContext,
  now: number
) => Outcome

/**
 * The conversation's decision function: pure, so every rule is unit-tested without workerd.
 * The bot answers only while it owns the conversation; a human owner gets silence from the bot.
 */
export const decide: Decide = (prior, input, pack, ctx, now) => {
  // Buttons of any bot message count, also a notice sent before the customer ever wrote.
  const offered = prior.greeted || prior.offered.length > 0
  if (
    input.type === 'message' &&
    prior.owner === 'bot' &&
    offered &&
    input.attachments.length === 0
  ) {
    const choice = typedChoice(prior, pack, input.text)
    if (choice) {
      const action = {
        type: 'action' as const,
        actionId: choice.id,
        label: input.text,
        languageHint: input.languageHint,
      }
      return withOffered(decideInner(prior, action, pack, ctx, now))
    }
  }
  return withOffered(decideInner(prior, input, pack, ctx, now))
}

const decideInner: Decide = (prior, input, pack, ctx, now) => {
  if (input.type === 'agent_reply') {
    const state: ConversationState = {
      ...reopen(prior),
      owner: 'human',
      agent: input.agent,
      lastAgentReplyAt: now,
      updatedAt: now,
    }
    const buttons = input.buttons?.length ? { buttons: input.buttons } : {}
    return outcome(state, {
      replies: [{ author: 'agent', agent: input.agent, text: input.text, ...buttons }],
      handling: 'answered',
    })
  }
  if (input.type === 'close') {
    const state: ConversationState = {
      ...prior,
      status: 'resolved',
      owner: 'bot',
      step: null,
      stage: 'closing',
      fallbackStreak: 0,
      closing: null,
      resolvedAt: now,
      updatedAt: now,
    }
    return outcome(state, { handling: 'silent' })
  }

  const text = input.type === 'message' ? input.text : (input.label ?? '')
  let state: ConversationState = {
    ...reopen(prior),
    locale: localeFor(prior, text, input.languageHint),
    lastInboundAt: now,
    updatedAt: now,
  }
  if (input.type === 'message' && input.attachments[0]) {
    // The bot says what it got: "got your voice message", not "your picture", for a voice note.
    state = {
      ...state,
      vars: { ...state.vars, 'file.kind': fileWord(input.attachments, state.locale) },
    }
  }
  if (input.type === 'message' && input.senderName && !state.customer.name) {
    state = { ...state, customer: { ...state.customer, name: input.senderName } }
  }
  if (state.owner === 'human') return outcome(state, { handling: 'silent' })
  // Nothing but files too large to take: the refusal is the whole answer, sent once the job runs.
  if (
    input.type === 'message' &&
    input.refusedFiles &&
    !text.trim() &&
    input.attachments.length === 0
  )
    return outcome(state, { handling: 'silent' })

  const first = !state.greeted
  state = { ...state, greeted: true }

  if (input.type === 'action') {
    const current =
      state.step && Object.hasOwn(pack.flow.steps, state.step)
        ? pack.flow.steps[state.step]
        : undefined
    const target = own(current?.on, input.actionId) ?? own(pack.flow.actions, input.actionId)
    const decision = target ? matched(enter(state, pack, ctx, target)) : fallback(state, pack, ctx)
    return first ? withIntro(state, pack, ctx, decision) : decision
  }

  const hasAttachments = input.attachments.length > 0
  const decision = understandText(state, pack, ctx, text, hasAttachments, first)
  return first ? withIntro(state, pack, ctx, decision) : decision
}

/**
 * The first reply of a conversation says who is answering: a bare greeting gets the full greeting
 * (with the topics); anything else gets the short introduction before the answer.
 */
const withIntro = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  decision: Outcome
): Outcome => {
  if (decision.replies.some((r) => r.template === 'greeting')) return decision
  const intro = say(state, pack, ctx, 'intro')
  if (intro.length > 0) return { ...decision, replies: [...intro, ...decision.replies] }
  return merge(enter(state, pack, ctx, pack.flow.start), decision)
}
