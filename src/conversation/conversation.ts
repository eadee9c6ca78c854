import { DurableObject } from 'cloudflare:workers'
import { finishClose } from '../lib/ws'
import { getAdapter } from '../../bots'
import type { Button, InboundEvent } from '../channels/types'
import { parseKey } from '../channels/keys'
import { readEscalationRules } from '../escalation/store'
import { kvFlowStore } from '../flows/store'
import type { FlowPack, Pins } from '../flows/types'
import { staffedHoursLabel } from '../sla/hours-label'
import { readBusinessHours } from '../sla/settings-store'
import { readShopSettings } from '../shop/settings'
import { slaPolicyDoc } from '../sla/policy-store'
import type { TargetKind } from '../sla/policy'
import { applyOutcome } from './apply'
import { outcome as outcomeOf } from './outcome'
import {
  serveAgentReply,
  serveAssign,
  serveEscalate,
  serveOrderEvent,
  serveRelease,
  serveReminder,
  serveShippingNotice,
  serveResolve,
  serveSlaTimer,
  type OrderEvent,
} from './commands'
import { writeCase } from './case-archive'
import { writeIndex } from './index-row'
import { deliverNotification } from './notifications'
import { drainOutbox } from './outbox'
import type { Shell } from './shell'
import { writeReportRows } from './report-rows'
import { syncTickets } from './ticket-sync'
import {
  serveTicketChanged,
  serveTicketOpened,
  serveTicketTimer,
  type TicketChange,
} from './ticket-steps'
import type { PolicyInput } from './policy'
import type { ServiceContext } from './say'
import { ANONYMOUS_CHANNELS, inboundWait, seenEvent } from './budget'
import { hasSchema, migrate } from './schema'
import { serveInbound, type ServiceOutcome } from './service'
import { initialState, readState } from './state'
import { armAlarm, clearTimer, dueWork, setTimer, type Timer } from './timers'
import {
  acceptSocket,
  announceRead,
  announceViewers,
  broadcast,
  broadcastNote,
  refuseLargeFrame,
  relayTyping,
} from './live'
import { addNote, listNotes, type Note } from './notes'
import {
  appendInbound,
  applyReceipt,
  clientIdOf,
  listMessages,
  seenExternalId,
  toCustomerMessage,
} from './transcript'
import { pendingAttachment, usableAttachments } from './file-steps'
import { collectMedia, openFlowTicket, type JobHost } from './jobs'
import type {
  CommandResult,
  ConversationState,
  ConversationView,
  CustomerMessage,
  IngestResult,
  TicketWatch,
} from './types'
import { readDetails } from './view'
import { worldAt, type World } from './world'

const pinsKey = (pins: Pins): string =>
  JSON.stringify([
    pins.flow,
    Object.entries(pins.templates).sort(([a], [b]) => a.localeCompare(b)),
    pins.knowledge ?? 0,
  ])

const toPolicyInput = (
  event: Extract<InboundEvent, { type: 'message' | 'action' }>
): Extract<PolicyInput, { type: 'message' | 'action' }> => {
  if (event.type === 'action')
    return {
      type: 'action',
      actionId: event.actionId,
      label: event.label,
      languageHint: event.sender.languageHint,
    }
  const attachments = usableAttachments(event.attachments)
  const refusedFiles = event.attachments.length - attachments.length
  return {
    type: 'message',
    text: event.text,
    attachments,
    ...(refusedFiles > 0 ? { refusedFiles } : {}),
    senderName: event.sender.name,
    languageHint: event.sender.languageHint,
  }
}

const NOT_FOUND = { ok: false, code: 'not_found', message: 'no such conversation' } as const

/** Rounds of due timers one alarm runs before it re-arms (timers can make other timers due). */
const MAX_ALARM_ROUNDS = 8

/** One conversation: transcript, state, timers and outbox in its own SQLite; replies leave from the alarm. */
export class Conversation extends DurableObject<Env> {
  private readonly sql: SqlStorage
  /** False until the first write: reads of a conversation that never existed must create nothing. */
  private stored: boolean
  private cachedPack: { key: string; pack: FlowPack } | null = null
  /** Test hook: milliseconds added to this object's clock (set through runInDurableObject). */
  skewMs = 0

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.stored = hasSchema(this.sql)
    if (this.stored) migrate(this.sql)
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
    // If the runtime ever gave up retrying a crashed alarm, due work resumes on the next wake.
    if (this.stored) void ctx.blockConcurrencyWhile(() => armAlarm(ctx.storage))
  }

  /** Creates the object's tables on its first write. */
  private ensureStored(): void {
    if (this.stored) return
    migrate(this.sql)
    this.stored = true
  }

  /** The state, or null for a conversation never written (without creating anything). */
  private current(): ConversationState | null {
    return this.stored ? readState(this.sql) : null
  }

  /** The injected clock: wall time plus the test offset. */
  now(): number {
    return Date.now() + Number(this.env.TEST_CLOCK_OFFSET_MS ?? 0) + this.skewMs
  }

  private get shell(): Shell {
    return {
      sql: this.sql,
      env: this.env,
      now: () => this.now(),
      broadcast: (id) => this.broadcast(id),
    }
  }

  private get host(): JobHost {
    return {
      ...this.shell,
      storage: this.ctx.storage,
      world: async () => (await this.world()).world,
    }
  }

  private async pack(pins: Pins): Promise<FlowPack> {
    const key = pinsKey(pins)
    if (this.cachedPack?.key !== key) {
      this.cachedPack = { key, pack: await kvFlowStore(this.env.CONFIG).loadPack(pins) }
    }
    return this.cachedPack.pack
  }

  /**
   * Gathers everything a decision depends on, without holding any state across the awaits:
   * the pinned pack (or the current versions, for a new conversation) and the cached settings.
   */
  private async world(): Promise<{ pins: Pins; world: Omit<World, 'now'> }> {
    const known = readState(this.sql)?.pins
    const pins = known ?? (await kvFlowStore(this.env.CONFIG).currentPins())
    const [pack, policy, calendar, rules, shop] = await Promise.all([
      this.pack(pins),
      slaPolicyDoc.read(this.env.CONFIG),
      readBusinessHours(this.env.CONFIG),
      readEscalationRules(this.env.CONFIG),
      readShopSettings(this.env.CONFIG),
    ])
    // Shop facts come from settings; reply times from the SLA policy through the promise clock.
    const ctx: ServiceContext = {
      shopName: shop.name ?? (this.env.SHOP_NAME || 'our shop'),
      replyMinutes: 5,
      hoursOpen: staffedHoursLabel(calendar) ?? '',
      returnDays: shop.returnDays,
    }
    return { pins, world: { pack, policy, calendar, rules, ctx } }
  }

  /** Webhook -> transcript (deduplicated), service decision, outbox; answers once the event is durable. */
  async ingest(event: InboundEvent): Promise<IngestResult> {
    if (event.type === 'status') {
      // A receipt for a conversation that never existed has nothing to update.
      return this.stored ? this.ingestReceipt(event) : { status: 'duplicate' }
    }
    this.ensureStored()
    for (let attempt = 0; attempt < 3; attempt++) {
      const { pins, world } = await this.world()
      const current = readState(this.sql)
      // Another event may have pinned other versions while we awaited KV; start over with those.
      if (current?.pins && pinsKey(current.pins) !== pinsKey(pins)) continue
      const result = this.commitInbound(event, current, pins, world)
      await armAlarm(this.ctx.storage)
      if (result.status === 'accepted') this.broadcast(result.id)
      return result
    }
    return { status: 'rejected', reason: 'pins kept changing' }
  }

  /** A delivery receipt: moves an outbound message's delivery state forward, once. */
  private async ingestReceipt(
    event: Extract<InboundEvent, { type: 'status' }>
  ): Promise<IngestResult> {
    const now = this.now()
    const id = this.ctx.storage.transactionSync(() => {
      const seq = applyReceipt(this.sql, event, now)
      if (seq !== null) setTimer(this.sql, { id: 'index', kind: 'index', dueAt: now })
      return seq
    })
    if (id === null) return { status: 'duplicate' }
    await armAlarm(this.ctx.storage)
    this.broadcast(id)
    return { status: 'accepted', id }
  }

  private commitInbound(
    event: Exclude<InboundEvent, { type: 'status' }>,
    current: ConversationState | null,
    pins: Pins,
    partial: Omit<World, 'now'>
  ): IngestResult {
    const now = this.now()
    const world: World = worldAt(partial, now)
    return this.ctx.storage.transactionSync((): IngestResult => {
      // Anonymous channels get a per-conversation budget, checked before anything is stored.
      if (ANONYMOUS_CHANNELS.has(event.channel) && !seenEvent(this.sql, event.externalId)) {
        const wait = inboundWait(this.sql, now)
        if (wait > 0) return { status: 'throttled', retryAfterMs: wait }
      }
      const id = appendInbound(this.sql, event, now)
      if (id === null) return { status: 'duplicate' }
      const base =
        current ??
        initialState(
          event.conversationKey,
          event.channel,
          { id: event.sender.id, name: event.sender.name },
          now
        )
      const prior: ConversationState = {
        ...base,
        // Where the customer is on the shop's site (web chat widget), for the agent's side panel.
        ...(event.sender.page
          ? { vars: { ...base.vars, 'customer.page': event.sender.page } }
          : {}),
        pins,
        replyHandle: event.replyHandle ? { value: event.replyHandle, at: now } : base.replyHandle,
      }
      // Edits are recorded; other bots' messages (group chats) are stored but never answered,
      // so two bots can't talk to each other forever.
      if (event.type === 'edit' || event.sender.isBot) {
        applyOutcome(this.sql, outcomeOf({ ...prior, updatedAt: now }), now, current)
        return { status: 'accepted', id }
      }
      if (event.type === 'action' && event.ackHandle) {
        setTimer(this.sql, { id: `ack:${id}`, kind: 'ack', dueAt: now, payload: event.ackHandle })
      }
      if (event.type === 'message' && event.attachments.some(pendingAttachment)) {
        // Just after the replies: the bot's answer never waits for a download.
        setTimer(this.sql, {
          id: `media:${id}`,
          kind: 'media',
          dueAt: now + 1,
          payload: String(id),
        })
      }
      let outcome: ServiceOutcome
      try {
        outcome = serveInbound(prior, toPolicyInput(event), world, id)
      } catch (err) {
        // Never lose the message to a policy bug: keep it and hand the conversation to a human.
        console.error('policy failed', event.conversationKey, err)
        const state = { ...prior, owner: 'human' as const, lastInboundAt: now, updatedAt: now }
        outcome = outcomeOf(state)
      }
      applyOutcome(this.sql, outcome, now, current)
      return { status: 'accepted', id }
    })
  }

  /** Runs a command against an existing (or, for order events, implied) conversation. */
  private async command<T>(
    run: (state: ConversationState, world: World) => ServiceOutcome,
    result: (outcome: ServiceOutcome, ids: number[]) => T,
    create?: { key: string },
    after?: (ids: number[]) => void,
    /** Checked inside the transaction: true drops the command (a redelivery that raced this one). */
    skip?: () => boolean
  ): Promise<CommandResult<T>> {
    const implied = create ? parseKey(create.key) : null
    if (!this.current() && !implied) return NOT_FOUND
    this.ensureStored()
    const { pins, world: partial } = await this.world()
    const now = this.now()
    // An order event may arrive before the customer ever wrote: start from the key alone.
    const fresh = () =>
      initialState(
        create?.key ?? '',
        implied?.channel ?? 'webchat',
        { id: implied?.ids.at(-1) ?? '' },
        now
      )
    const state = readState(this.sql) ?? fresh()
    const outcome = run(state.pins ? state : { ...state, pins }, worldAt(partial, now))
    const ids = this.ctx.storage.transactionSync(() => {
      if (skip?.()) return []
      const written = applyOutcome(this.sql, outcome, now, state)
      after?.(written)
      return written
    })
    await armAlarm(this.ctx.storage)
    return { ok: true, value: result(outcome, ids) }
  }

  /** State plus a page of the transcript; not_found for a conversation never written. */
  async view(
    page: { before?: number; limit?: number } = {}
  ): Promise<CommandResult<ConversationView>> {
    const state = this.current()
    if (!state) return NOT_FOUND
    const { messages, nextBefore } = listMessages(this.sql, {
      before: page.before,
      limit: page.limit ?? 50,
    })
    return {
      ok: true,
      value: {
        state,
        messages,
        nextBefore,
        notes: listNotes(this.sql),
        ...readDetails(this.sql, state),
      },
    }
  }

  /** The customer's own history (web chat), oldest first. */
  async customerHistory(
    page: { before?: number; limit?: number } = {}
  ): Promise<CommandResult<{ messages: CustomerMessage[] }>> {
    if (!this.current()) return NOT_FOUND
    const { messages } = listMessages(this.sql, { before: page.before, limit: page.limit ?? 50 })
    return {
      ok: true,
      value: { messages: messages.map((m) => toCustomerMessage(m, clientIdOf(this.sql, m.id))) },
    }
  }

  /**
   * A human agent answers; the reply goes through the same outbox as the bot's. An `externalId`
   * (a desk thread message) makes the reply idempotent across platform redeliveries.
   */
  async agentReply(input: {
    text: string
    agent: string
    externalId?: string
    buttons?: Button[]
  }): Promise<CommandResult<{ id: number }>> {
    const { externalId, ...reply } = input
    if (!this.current()) return NOT_FOUND
    if (externalId && seenExternalId(this.sql, externalId)) {
      return { ok: true, value: { id: 0 } }
    }
    return this.command(
      (s, w) => serveAgentReply(s, reply, w),
      (_, ids) => ({ id: ids[0] ?? 0 }),
      undefined,
      (ids) => {
        if (externalId && ids[0])
          this.sql.exec('UPDATE messages SET external_id = ? WHERE seq = ?', externalId, ids[0])
      },
      // Again after the awaits: two deliveries of one desk message may both have passed the check above.
      () => externalId !== undefined && seenExternalId(this.sql, externalId)
    )
  }

  /** A private note for the team; stored apart from the transcript and never sent. */
  async note(input: { agent: string; text: string }): Promise<CommandResult<Note>> {
    if (!this.current()) return NOT_FOUND
    const note = addNote(this.sql, input, this.now())
    broadcastNote(this.ctx, note)
    return { ok: true, value: note }
  }

  /** An agent takes the conversation. */
  async assign(input: { agent: string }): Promise<CommandResult<ConversationState>> {
    return this.command(
      (s, w) => serveAssign(s, input.agent, w),
      (o) => o.state
    )
  }

  /** Back to the bot. */
  async release(): Promise<CommandResult<ConversationState>> {
    return this.command(
      (s, w) => serveRelease(s, w),
      (o) => o.state
    )
  }

  /** A person escalates to a level. */
  async escalate(input: {
    level: 1 | 2
    reason: string
    by: string
  }): Promise<CommandResult<ConversationState>> {
    return this.command(
      (s, w) => serveEscalate(s, input, w),
      (o) => o.state
    )
  }

  /** Resolves the case: survey once, archive, clocks stopped. */
  async resolve(input: {
    by: string
    solution?: string
  }): Promise<CommandResult<ConversationState>> {
    return this.command(
      (s, w) => serveResolve(s, input, w),
      (o) => o.state
    )
  }

  /** Same as resolve (the RPC name the conversation engine started with). */
  async close(input: { by: string }): Promise<CommandResult<ConversationState>> {
    return this.resolve(input)
  }

  /** A work order for this conversation: the customer is asked for missing fields, or told it is registered. */
  async trackTicket(watch: TicketWatch): Promise<CommandResult<ConversationState>> {
    return this.command(
      (s, w) => serveTicketOpened(s, watch, w),
      (o) => o.state
    )
  }

  /** A work order changed (status, fields, deadline); closing sends the customer the outcome. */
  async ticketChanged(change: TicketChange): Promise<CommandResult<ConversationState>> {
    return this.command(
      (s, w) => serveTicketChanged(s, change, w),
      (o) => o.state
    )
  }

  /** An order event from the shop; creates the conversation if the customer never wrote yet. */
  async orderEvent(key: string, event: OrderEvent): Promise<CommandResult<ConversationState>> {
    return this.command(
      (s, w) => serveOrderEvent(s, event, w),
      (o) => o.state,
      { key }
    )
  }

  /**
   * Runs every due timer, including ones that running timers make due (an index write after a
   * send); each handler re-checks its condition, so a repeated alarm is harmless.
   */
  async alarm(info?: AlarmInvocationInfo): Promise<void> {
    if (!this.stored) return
    for (let round = 0; round < MAX_ALARM_ROUNDS; round++) {
      const due = dueWork(this.sql, this.now())
      if (due.length === 0) break
      for (const timer of due) {
        try {
          await this.runTimer(timer)
        } catch (err) {
          console.error('timer failed', timer.id, err)
          const attempts = timer.attempts + 1
          // The outbox has a row only while a retry holds it: a crash makes one, so the queue waits its backoff.
          if (timer.id === 'outbox')
            setTimer(this.sql, { id: 'outbox', kind: 'outbox', dueAt: this.now() }, true)
          this.sql.exec(
            'UPDATE timers SET attempts = ?, due_at = ? WHERE id = ?',
            attempts,
            this.now() + Math.min(2 ** attempts * 1000, 3600_000),
            timer.id
          )
        }
      }
    }
    // The clock stands still at the scheduled time inside an alarm, and an alarm set to that very
    // time from its own handler is dropped when the handler returns: arm strictly later.
    await armAlarm(this.ctx.storage, info ? info.scheduledTime + 1 : 0)
  }

  private async runTimer(timer: Timer): Promise<void> {
    switch (timer.kind) {
      case 'outbox':
        return drainOutbox(this.shell)
      case 'ack':
        return this.acknowledge(timer)
      case 'index':
        return writeIndex(this.shell)
      case 'case':
        return writeCase(this.shell)
      case 'report':
        return writeReportRows(this.shell)
      case 'ticket':
        return this.serveTimer(timer, (s, w) => serveTicketTimer(s, timer.payload ?? '', w))
      case 'ticket-sync':
        return syncTickets(this.shell)
      case 'media':
        return collectMedia(this.host, timer)
      case 'ticket-open':
        return openFlowTicket(this.host, timer)
      case 'notify':
        return deliverNotification(this.shell, timer)
      case 'sla':
        return this.serveTimer(timer, (s, w) => serveSlaTimer(s, timer.payload as TargetKind, w))
      case 'reminder':
        return this.serveTimer(timer, (s, w) => {
          const payload = timer.payload ?? ''
          return payload.startsWith('ship:')
            ? serveShippingNotice(s, payload.slice('ship:'.length), w)
            : serveReminder(s, payload, w)
        })
    }
  }

  private async serveTimer(
    timer: Timer,
    run: (state: ConversationState, world: World) => ServiceOutcome
  ): Promise<void> {
    if (!readState(this.sql)) {
      clearTimer(this.sql, timer.id)
      return
    }
    const { world } = await this.world()
    const now = this.now()
    const state = readState(this.sql) as ConversationState
    this.ctx.storage.transactionSync(() => {
      clearTimer(this.sql, timer.id)
      applyOutcome(this.sql, run(state, worldAt(world, now)), now, state)
    })
  }

  private async acknowledge(timer: Timer): Promise<void> {
    const state = readState(this.sql)
    const adapter = state ? getAdapter(state.channel, this.env) : null
    if (adapter?.acknowledge && timer.payload) {
      const result = await adapter.acknowledge(timer.payload)
      // Button acks are cosmetic and expire quickly on the platform: a few retries, then let go.
      if (!result.ok && result.retryable && timer.attempts < 3) throw new Error(result.reason)
    }
    clearTimer(this.sql, timer.id)
  }

  /** WebSocket upgrade for live transcript updates. */
  async fetch(request: Request): Promise<Response> {
    const response = acceptSocket(this.ctx, request)
    // An agent opening the conversation has now seen what the customer wrote.
    if (
      response.status === 101 &&
      this.stored &&
      new URL(request.url).searchParams.get('role') === 'agent'
    )
      announceRead(this.ctx, this.sql)
    return response
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Customers write through POST /webhooks/webchat so every message takes the one ingest path;
    // sockets only carry agents' typing signals.
    if (refuseLargeFrame(ws, message)) return
    relayTyping(this.ctx, ws, message)
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    finishClose(ws, code)
    announceViewers(this.ctx, ws)
  }

  private broadcast(id: number): void {
    broadcast(this.ctx, this.sql, id)
  }
}
