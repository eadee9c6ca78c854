import { renderTemplate } from '../flows/render'
import type { FlowPack, KnowledgeEntry, TemplateDoc } from '../flows/types'
import { describeFacts, factsBeyond, restateNeed, type Fact } from './details'
import { promiseVars, staffedNow, type Clock } from './promises'
import type { Author, ConversationState } from './types'
import type { Button } from '../channels/types'

/** Shop-wide facts templates may mention; built from configuration by the shell. */
export interface ServiceContext {
  shopName: string
  /** Used only when no clock is given (unit tests of the flow alone). */
  replyMinutes: number
  hoursOpen: string
  returnDays: number
  /** The shop's clock: every time a template names comes from it (src/sla/promise.ts). */
  clock?: Clock
}

/** A message the policy wants sent. */
export interface Reply {
  author: Author
  agent?: string
  text: string
  buttons?: Button[]
  template?: string
  /** The promises this message makes (a time for a person's reply, for a solution). */
  promises?: PromiseKind[]
}

/** What a message can promise: when a person replies, when the case is solved. */
export type PromiseKind = 'reply' | 'resolve'

const promisesIn = (texts: string[]): PromiseKind[] => {
  const kinds: PromiseKind[] = []
  if (texts.some((t) => /\{\{\s*reply\./.test(t))) kinds.push('reply')
  if (texts.some((t) => /\{\{\s*(resolve\.by|due\.time)/.test(t))) kinds.push('resolve')
  return kinds
}

const FACTS: Fact[] = ['height', 'weight', 'size', 'colour']
// Only templates that name a time pay for the calendar arithmetic.
// Restating the customer's need costs a few regexes: only for templates that show it.
const NAMES_A_NEED = /\{\{\s*customer\.(need|details)/
const NAMES_A_TIME = /\{\{\s*(reply\.|resolve\.|hours\.(back|next)|due\.time)/

const factsOf = (state: ConversationState) =>
  Object.fromEntries(
    FACTS.flatMap((f) => (state.vars[`fact.${f}`] ? [[f, state.vars[`fact.${f}`]]] : []))
  )

/** The need restated, or the question quoted with the facts it doesn't show. */
const needOf = (state: ConversationState): string => {
  const question = state.vars['customer.question'] ?? ''
  const facts = factsOf(state)
  const need = restateNeed(question, facts, state.locale)
  if (need) return need
  const details = describeFacts(factsBeyond(facts, question), state.locale)
  return /^zh/i.test(state.locale)
    ? `您想了解的是「${question}」${details}`
    : `you'd like to know "${question}"${details}`
}

const ZONE_NAMES: Record<string, string> = {
  'Asia/Shanghai': 'China time',
  'Asia/Chongqing': 'China time',
  'Asia/Hong_Kong': 'Hong Kong time',
  'Asia/Taipei': 'Taiwan time',
  'Asia/Tokyo': 'Japan time',
  'Asia/Singapore': 'Singapore time',
  'Europe/London': 'UK time',
}

/**
 * The shop's zone as an English reader needs it beside staffed hours ("09:00-23:30 China time"):
 * customers abroad can't guess it. Chinese readers assume Beijing time, so they don't get one.
 */
export const zoneLabel = (timeZone: string): string =>
  ZONE_NAMES[timeZone] ?? `${(timeZone.split('/').at(-1) ?? timeZone).replace(/_/g, ' ')} time`

const templateVars = (
  state: ConversationState,
  ctx: ServiceContext,
  texts: string[],
  extra: Record<string, string | number> = {}
) => ({
  ...state.vars,
  ...(texts.some((t) => NAMES_A_NEED.test(t))
    ? {
        'customer.details': describeFacts(
          factsBeyond(factsOf(state), state.vars['customer.question'] ?? ''),
          state.locale
        ),
        'customer.need': needOf(state),
      }
    : {}),
  ...(ctx.clock && texts.some((t) => NAMES_A_TIME.test(t)) ? promiseVars(state, ctx.clock) : {}),
  ...extra,
  'shop.name': ctx.shopName,
  'customer.name': state.customer.name,
  'agent.name': state.agent ?? undefined,
  'return.days': ctx.returnDays,
  ...(ctx.clock ? {} : { 'reply.minutes': ctx.replyMinutes }),
  'hours.open':
    ctx.clock && ctx.hoursOpen && !/^zh/i.test(state.locale)
      ? `${ctx.hoursOpen} ${zoneLabel(ctx.clock.calendar.timeZone)}`
      : ctx.hoursOpen,
})

/** The template to send for `id` now: its `.offhours` twin while nobody is staffed, when the pack has one. */
const templateFor = (pack: FlowPack, ctx: ServiceContext, id: string): TemplateDoc | undefined => {
  // A twin is a refinement like any other: a bundled one never speaks over the shop's own base.
  const chosen = ctx.clock && !staffedNow(ctx.clock) ? refined(pack, `${id}.offhours`, id) : id
  return Object.hasOwn(pack.templates, chosen) ? pack.templates[chosen] : undefined
}

/**
 * `specific` (a bundled refinement such as `progress`) unless the pack lacks it, or it is bundled
 * while the shop has published its own `general` one (`holding`): the shop's wording wins.
 */
export const refined = (pack: FlowPack, specific: string, general: string): string => {
  const s = Object.hasOwn(pack.templates, specific) ? pack.templates[specific] : undefined
  const g = Object.hasOwn(pack.templates, general) ? pack.templates[general] : undefined
  return s && (s.version > 0 || !g || g.version === 0) ? specific : general
}

/** Renders one template of the pack as a bot reply; unknown ids render nothing. */
export const say = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  id: string,
  extra?: Record<string, string | number>
): Reply[] => {
  const doc = templateFor(pack, ctx, id)
  if (!doc) return []
  const rendered = renderTemplate(
    doc,
    state.locale,
    templateVars(state, ctx, Object.values(doc.locales), extra)
  )
  const promises = promisesIn(Object.values(doc.locales))
  return [
    {
      author: 'bot',
      template: doc.id,
      text: rendered.text,
      buttons: rendered.buttons,
      ...(promises.length > 0 ? { promises } : {}),
    },
  ]
}

/** A knowledge-base answer, followed by the pack's `knowledge.more` question when it has one. */
export const sayKnowledge = (
  state: ConversationState,
  pack: FlowPack,
  ctx: ServiceContext,
  entry: KnowledgeEntry
): Reply[] => {
  const doc = { locales: entry.answer }
  const answer = renderTemplate(
    doc,
    state.locale,
    templateVars(state, ctx, Object.values(entry.answer))
  )
  const more = say(state, pack, ctx, 'knowledge.more')[0]
  const text = more ? `${answer.text}\n\n${more.text}` : answer.text
  return [
    {
      author: 'bot',
      template: `kb.${entry.id}`,
      text,
      ...(more?.buttons ? { buttons: more.buttons } : {}),
    },
  ]
}
