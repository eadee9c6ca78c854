import { DurableObject } from 'cloudflare:workers'
import { finishClose } from '../lib/ws'
import type { Button, InboundEvent } from '../channels/types'
import { parseKey } from '../channels/keys'
import type { Pins } from '../flows/types'
import { runDueWork } from './alarm'
import { applyOutcome } from './apply'
import {
  serveAgentReply,
  serveAssign,
  serveEscalate,
  serveOrderEvent,
  serveRelease,
  serveResolve,
  type OrderEvent,
} from './commands'
import type { Shell } from './shell'
import { commitInbound, commitReceipt } from './inbound'
import type { JobHost } from './jobs'
import {
  acceptSocket,
  announceRead,
  announceViewers,
  broadcast,
  broadcastNote,
  refuseLargeFrame,
  relayTyping,
} from './live'
import { pinsKey, worldLoader, type LoadedWorld } from './load-world'
import { addNote, listNotes, type Note } from './notes'
import type { Outcome } from './outcome'
import { hasSchema, migrate } from './schema'
import { initialState, readState } from './state'
import { serveTicketChanged, serveTicketOpened, type TicketChange } from './ticket-steps'
import { armAlarm } from './timers'
import {
  clientIdOf,
  listMessages,
  seenExternalId,
  setExternalId,
  toCustomerMessage,
} from './transcript'
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

const NOT_FOUND = { ok: false, code: 'not_found', message: 'no such conversation' } as const

/**
 * One conversation: transcript, state, timers and outbox in its own SQLite; replies leave from the
 * alarm. A thin shell: each RPC loads the world, runs a pure decision and applies its outcome
 * through the storage modules in one transaction.
 */
export class Conversation extends DurableObject<Env> {
  private readonly sql: SqlStorage
  /** False until the first write: reads of a conversation that never existed must create nothing. */
  private stored: boolean
  private readonly loadWorld: (known: Pins | null) => Promise<LoadedWorld>

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.loadWorld = worldLoader(env)
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

  /** The object's clock: every decision and stored time reads it (a test build moves it). */
  protected now(): number {
    return Date.now()
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

  /**
   * Gathers everything a decision depends on, without holding any state across the awaits:
   * the pinned pack (or the current versions, for a new conversation) and the cached settings.
   */
  private world(): Promise<LoadedWorld> {
    return this.loadWorld(readState(this.sql)?.pins ?? null)
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
      const now = this.now()
      const result = this.ctx.storage.transactionSync(() =>
        commitInbound(this.sql, event, current, pins, worldAt(world, now))
      )
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
    const id = this.ctx.storage.transactionSync(() => commitReceipt(this.sql, event, now))
    if (id === null) return { status: 'duplicate' }
    await armAlarm(this.ctx.storage)
    this.broadcast(id)
    return { status: 'accepted', id }
  }

  /** Runs a command against an existing (or, for order events, implied) conversation. */
  private async command<T>(
    run: (state: ConversationState, world: World) => Outcome,
    result: (outcome: Outcome, ids: number[]) => T,
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
  view(page: { before?: number; limit?: number } = {}): CommandResult<ConversationView> {
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
  customerHistory(
    page: { before?: number; limit?: number } = {}
  ): CommandResult<{ messages: CustomerMessage[] }> {
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
        if (externalId && ids[0]) setExternalId(this.sql, ids[0], externalId)
      },
      // Again after the awaits: two deliveries of one desk message may both have passed the check above.
      () => externalId !== undefined && seenExternalId(this.sql, externalId)
    )
  }

  /** A private note for the team; stored apart from the transcript and never sent. */
  note(input: { agent: string; text: string }): CommandResult<Note> {
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

  /** Runs every due timer (see alarm.ts), then re-arms for what is left. */
  async alarm(info?: AlarmInvocationInfo): Promise<void> {
    if (!this.stored) return
    await runDueWork(this.host)
    // The clock stands still at the scheduled time inside an alarm, and an alarm set to that very
    // time from its own handler is dropped when the handler returns: arm strictly later.
    await armAlarm(this.ctx.storage, info ? info.scheduledTime + 1 : 0)
  }

  /** WebSocket upgrade for live transcript updates. */
  fetch(request: Request): Response {
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

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    // Customers write through POST /webhooks/webchat so every message takes the one ingest path;
    // sockets only carry agents' typing signals.
    if (refuseLargeFrame(ws, message)) return
    relayTyping(this.ctx, ws, message)
  }

  webSocketClose(ws: WebSocket, code: number): void {
    finishClose(ws, code)
    announceViewers(this.ctx, ws)
  }

  private broadcast(id: number): void {
    broadcast(this.ctx, this.sql, id)
  }
}
