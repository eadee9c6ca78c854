import { serveAgentReply, serveResolve, serveSlaTimer } from '../../src/conversation/commands'
import {
  serveOrderEvent,
  serveReminder,
  serveShippingNotice,
  type OrderEvent,
} from '../../src/conversation/order-steps'
import type { Outcome } from '../../src/conversation/outcome'
import { serveInbound } from '../../src/conversation/service'
import { MAX_SLA_LOG } from '../../src/conversation/apply'
import { notePromises } from '../../src/conversation/promises'
import { initialState } from '../../src/conversation/state'
import type { ConversationState } from '../../src/conversation/types'
import { worldAt, type World } from '../../src/conversation/world'
import { DEFAULT_ESCALATION_RULES } from '../../src/escalation/default-rules'
import { DEFAULT_FLOW } from '../../src/flows/default-pack'
import { DEFAULT_TEMPLATES } from '../../src/flows/default-templates'
import type { FlowPack } from '../../src/flows/types'
import { DEFAULT_KNOWLEDGE } from '../../src/knowledge/default-knowledge'
import {
  DEFAULT_BUSINESS_HOURS,
  isOpen,
  nextOpening,
  type BusinessHours,
} from '../../src/sla/calendar'
import { nextWake } from '../../src/sla/engine'
import { DEFAULT_SLA_POLICY, TARGET_KINDS, type SlaPolicy } from '../../src/sla/policy'
import {
  nextTicketWake,
  serveTicketChanged,
  serveTicketOpened,
  serveTicketTimer,
} from '../../src/conversation/ticket-steps'
import { categoryOf, DEFAULT_TICKET_CATEGORIES } from '../../src/tickets/categories'
import { draftTicket, watchOf } from '../../src/tickets/draft'
import { draftWantedTicket, promisedResolution } from '../../src/conversation/ticket-open'
import type { TicketStatus, Urgency } from '../../src/tickets/types'

/** One line of a scripted conversation as a person reads it. */
export interface Turn {
  at: string
  who: 'customer' | 'bot' | 'agent' | 'button'
  text: string
  template?: string
  buttons?: string[]
}

/** The bundled pack: default flow, templates and knowledge base. */
export const DEFAULT_PACK: FlowPack = {
  flow: DEFAULT_FLOW,
  templates: DEFAULT_TEMPLATES,
  knowledge: DEFAULT_KNOWLEDGE,
}

const SHANGHAI = 8 * 3600_000

/** Epoch ms of a Shanghai wall-clock time: `shanghai('2026-12-07 03:56')`. */
export const shanghai = (wall: string): number =>
  Date.parse(`${wall.replace(' ', 'T')}:00Z`) - SHANGHAI

const clock = (t: number) => new Date(t + SHANGHAI).toISOString().slice(11, 16)

/**
 * A whole conversation driven through the pure service functions, with the shop's real defaults
 * (pack, SLA policy, staffed calendar, escalation rules) and an injected clock. SLA timers fire
 * when `wait` moves the clock past them, exactly as the alarm would.
 */
export const conversation = (opts: {
  at: string
  channel?: 'telegram' | 'webchat'
  name?: string
  policy?: SlaPolicy
  calendar?: BusinessHours
  pack?: FlowPack
}) => {
  let now = shanghai(opts.at)
  let state: ConversationState = initialState(
    'telegram:42',
    opts.channel ?? 'telegram',
    { id: '42', ...(opts.name ? { name: opts.name } : {}) },
    now
  )
  let seq = 0
  const turns: Turn[] = []
  const notices: Outcome['notices'] = []
  const world = (): World =>
    worldAt(
      {
        pack: opts.pack ?? DEFAULT_PACK,
        ctx: { shopName: 'Test Shop', replyMinutes: 5, hoursOpen: '09:00-23:30', returnDays: 7 },
        policy: opts.policy ?? DEFAULT_SLA_POLICY,
        calendar: opts.calendar ?? DEFAULT_BUSINESS_HOURS,
        rules: DEFAULT_ESCALATION_RULES,
      },
      now
    )
  const apply = (served: Outcome): Turn[] => {
    const outcome = notePromises(served)
    // As the Durable Object does (apply.ts): SLA events ride in the state.
    state = {
      ...outcome.state,
      slaLog: [...outcome.state.slaLog, ...outcome.events].slice(-MAX_SLA_LOG),
    }
    notices.push(...outcome.notices)
    const out = outcome.replies.map((r): Turn => ({
      at: clock(now),
      who: r.author === 'agent' ? 'agent' : 'bot',
      text: r.text,
      ...(r.template ? { template: r.template } : {}),
      ...(r.buttons?.length ? { buttons: r.buttons.map((b) => b.label) } : {}),
    }))
    turns.push(...out)
    return [...out, ...openWanted()]
  }
  // As the object's `ticket-open` job does right after: a flow step's work order is opened.
  const openWanted = (): Turn[] => {
    const wanted = state.ticketWanted
    if (!wanted) return []
    const kind = categoryOf(DEFAULT_TICKET_CATEGORIES, wanted.category)
    const ticket = kind ? draftWantedTicket(state, kind, world(), 'T-4FLW9P') : null
    const promised = promisedResolution(state)
    state = { ...state, ticketWanted: null }
    return kind && ticket
      ? apply(
          serveTicketOpened(
            state,
            watchOf(ticket, kind, opts.calendar ?? DEFAULT_BUSINESS_HOURS),
            world(),
            { byFlow: true, promised }
          )
        )
      : []
  }
  type Due = { at: number; run: () => Outcome }
  const due = (): Due | null => {
    let best: Due | null = null
    for (const kind of TARGET_KINDS) {
      const at = nextWake(state.sla.targets[kind])
      if (at !== null && (best === null || at < best.at))
        best = { at, run: () => serveSlaTimer(state, kind, world()) }
    }
    for (const order of Object.values(state.orders)) {
      const at =
        order.status === 'created' && order.remindedAt === null ? order.reminderDueAt : null
      if (at !== null && (best === null || at < best.at))
        best = { at, run: () => serveReminder(state, order.id, world()) }
      const notice = order.status === 'shipped' ? (order.noticeDueAt ?? null) : null
      if (notice !== null && (best === null || notice < best.at))
        best = { at: notice, run: () => serveShippingNotice(state, order.id, world()) }
    }
    for (const watch of Object.values(state.tickets)) {
      const at = nextTicketWake(watch)
      if (at !== null && (best === null || at < best.at))
        best = { at, run: () => serveTicketTimer(state, watch.id, world()) }
    }
    return best
  }
  const api = {
    /** The customer writes; returns the bot's replies. */
    says(text: string): Turn[] {
      turns.push({ at: clock(now), who: 'customer', text })
      return apply(serveInbound(state, { type: 'message', text, attachments: [] }, world(), ++seq))
    },
    /** The customer sends a photo. */
    sendsPhoto(): Turn[] {
      turns.push({ at: clock(now), who: 'customer', text: '[photo]' })
      return apply(
        serveInbound(
          state,
          { type: 'message', text: '', attachments: [{ kind: 'image', ref: 'p1' }] },
          world(),
          ++seq
        )
      )
    },
    /** Labels of the buttons the newest bot message offers. */
    get offered(): string[] {
      return state.offered.map((b) => b.label)
    },
    /** The customer presses a button of the newest bot message, by its label. */
    presses(label: string): Turn[] {
      const button = state.offered.find((b) => b.label === label)
      if (!button)
        throw new Error(
          `no button "${label}" among ${state.offered.map((b) => b.label).join(', ')}`
        )
      turns.push({ at: clock(now), who: 'button', text: label })
      return apply(
        serveInbound(state, { type: 'action', actionId: button.id, label }, world(), ++seq)
      )
    },
    /** An agent answers through the console or the API. */
    agent(text: string, agent = 'mia'): Turn[] {
      return apply(serveAgentReply(state, { text, agent }, world()))
    },
    /** An agent resolves the case. */
    resolve(solution?: string): Turn[] {
      return apply(serveResolve(state, { by: 'mia', ...(solution ? { solution } : {}) }, world()))
    },
    /** The shop system reports an order event. */
    order(event: OrderEvent): Turn[] {
      return apply(serveOrderEvent(state, event, world()))
    },
    /**
     * An agent opens a work order from this conversation (as `openTicket` does: the problem and
     * what the bot learned fill the fields); the customer is asked for what is missing.
     */
    ticket(category: string, urgency: Urgency, given: { contact?: string } = {}): Turn[] {
      const kind = categoryOf(DEFAULT_TICKET_CATEGORIES, category)
      if (!kind) throw new Error(`no category ${category}`)
      const calendar = opts.calendar ?? DEFAULT_BUSINESS_HOURS
      const ticket = draftTicket({ category, urgency, ...given }, state, kind, calendar, {
        id: 'T-7KQ2MX',
        actor: 'mia',
        now,
      })
      if (!ticket) throw new Error('no customer')
      return apply(serveTicketOpened(state, watchOf(ticket, kind, calendar), world()))
    },
    /** The team moves the work order; closing sends the outcome. */
    ticketMoved(status: TicketStatus, feedback?: string): Turn[] {
      const watch = Object.values(state.tickets)[0]
      if (!watch) throw new Error('no open work order')
      return apply(
        serveTicketChanged(
          state,
          {
            id: watch.id,
            status,
            missing: watch.missing,
            dueAt: watch.dueAt,
            ...(feedback ? { feedback: { text: feedback, by: 'mia' } } : {}),
          },
          world()
        )
      )
    },
    /** Time passes; SLA timers that fall due fire in order. Returns what the bot said meanwhile. */
    wait(ms: number): Turn[] {
      const until = now + ms
      const said: Turn[] = []
      for (let i = 0; i < 100; i++) {
        const next = due()
        if (!next || next.at > until) break
        now = Math.max(now, next.at)
        said.push(...apply(next.run()))
      }
      now = until
      return said
    },
    /** At night, time passes until people are at work (plus `after`); on shift, nothing happens. */
    untilStaffed(after = 60_000): Turn[] {
      const calendar = opts.calendar ?? DEFAULT_BUSINESS_HOURS
      if (isOpen(calendar, now)) return []
      const back = nextOpening(calendar, now)
      return back === null ? [] : api.wait(back - now + after)
    },
    get state() {
      return state
    },
    get now() {
      return now
    },
    turns,
    notices,
    /** The transcript as a shop owner reads it. */
    read(): string {
      return turns
        .map((t) => {
          const who = {
            customer: 'Customer',
            bot: 'Bot',
            agent: 'Agent',
            button: 'Customer [button]',
          }[t.who]
          const buttons = t.buttons ? `\n        [${t.buttons.join('] [')}]` : ''
          return `${t.at} ${who}: ${t.text.replace(/\n/g, '\n        ')}${buttons}`
        })
        .join('\n')
    },
  }
  return api
}
