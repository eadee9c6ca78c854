import { DurableObject } from 'cloudflare:workers'
import { finishClose } from '../lib/ws'
import type { Button, InboundEvent } from '../channels/types'
import { parseKey } from '../channels/keys'
import type { Pins } from '../flows/types'
import { runDueWork } from './alarm'
import { serveAgentReply, serveAssign, serveEscalate, serveRelease, serveResolve } from './commands'
import { serveOrderEvent, type OrderEvent } from './order-steps'
import type { Shell } from './shell'
import { commitInbound, commitReceipt } from './inbound'
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
import { addNote, type Note } from './notes'
import { runCommand, type Command, type CommandHost } from './run-command'
import { hasSchema, migrate } from './schema'
import { readState, transact } from './state'
import { serveTicketChanged, serveTicketOpened, type TicketChange } from './ticket-steps'
import { armAlarm } from './timers'
import { seenExternalId, setExternalId } from './transcript'
import type {
  CommandResult,
  ConversationState,
  ConversationView,
  CustomerMessage,
  IngestResult,
  TicketWatch,
} from './types'
import { readCustomerHistory, readView, type Page } from './view'
import { worldAt } from './world'

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

  private get host(): CommandHost {
    return {
      ...this.shell,
      storage: this.ctx.storage,
      world: async () => (await this.world()).world,
      load: () => this.world(),
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
      const result = transact(this.ctx.storage, this.sql, () =>
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
    const id = transact(this.ctx.storage, this.sql, () => commitReceipt(this.sql, event, now))
    if (id === null) return { status: 'duplicate' }
    await armAlarm(this.ctx.storage)
    this.broadcast(id)
    return { status: 'accepted', id }
  }

  /** Runs a command against an existing (or, for order events, implied) conversation. */
  private async command<T>(command: Command<T>, create?: string): Promise<CommandResult<T>> {
    const implied = create ? parseKey(create) : null
    if (!this.current() && !implied) return NOT_FOUND
    this.ensureStored()
    const start = implied && {
      key: create ?? '',
      channel: implied.channel,
      customerId: implied.ids.at(-1) ?? '',
    }
    return {
      ok: true,
      value: await runCommand(this.host, { ...command, ...(start ? { create: start } : {}) }),
    }
  }

  /** A command whose caller gets the conversation's new state. */
  private change(
    run: Command<ConversationState>['run'],
    create?: string
  ): Promise<CommandResult<ConversationState>> {
    return this.command({ run, result: (o) => o.state }, create)
  }

  /** State plus a page of the transcript; not_found for a conversation never written. */
  view(page: Page = {}): CommandResult<ConversationView> {
    const state = this.current()
    return state ? { ok: true, value: readView(this.sql, state, page) } : NOT_FOUND
  }

  /** The customer's own history (web chat), oldest first. */
  customerHistory(page: Page = {}): CommandResult<{ messages: CustomerMessage[] }> {
    if (!this.current()) return NOT_FOUND
    return { ok: true, value: { messages: readCustomerHistory(this.sql, page) } }
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
    return this.command({
      run: (s, w) => serveAgentReply(s, reply, w),
      result: (_, ids) => ({ id: ids[0] ?? 0 }),
      after: (ids) => {
        if (externalId && ids[0]) setExternalId(this.sql, ids[0], externalId)
      },
      // Again after the awaits: two deliveries of one desk message may both have passed the check above.
      skip: () => externalId !== undefined && seenExternalId(this.sql, externalId),
    })
  }

  /** A private note for the team; stored apart from the transcript and never sent. */
  note(input: { agent: string; text: string }): CommandResult<Note> {
    if (!this.current()) return NOT_FOUND
    const note = addNote(this.sql, input, this.now())
    broadcastNote(this.ctx, note)
    return { ok: true, value: note }
  }

  /** An agent takes the conversation. */
  assign(input: { agent: string }): Promise<CommandResult<ConversationState>> {
    return this.change((s, w) => serveAssign(s, input.agent, w))
  }

  /** Back to the bot. */
  release(): Promise<CommandResult<ConversationState>> {
    return this.change((s, w) => serveRelease(s, w))
  }

  /** A person escalates to a level. */
  escalate(input: {
    level: 1 | 2
    reason: string
    by: string
  }): Promise<CommandResult<ConversationState>> {
    return this.change((s, w) => serveEscalate(s, input, w))
  }

  /** Resolves the case: survey once, archive, clocks stopped. */
  resolve(input: { by: string; solution?: string }): Promise<CommandResult<ConversationState>> {
    return this.change((s, w) => serveResolve(s, input, w))
  }

  /** Same as resolve (the RPC name the conversation engine started with). */
  close(input: { by: string }): Promise<CommandResult<ConversationState>> {
    return this.resolve(input)
  }

  /** A work order for this conversation: the customer is asked for missing fields, or told it is registered. */
  trackTicket(watch: TicketWatch): Promise<CommandResult<ConversationState>> {
    return this.change((s, w) => serveTicketOpened(s, watch, w))
  }

  /** A work order changed (status, fields, deadline); closing sends the customer the outcome. */
  ticketChanged(change: TicketChange): Promise<CommandResult<ConversationState>> {
    return this.change((s, w) => serveTicketChanged(s, change, w))
  }

  /** An order event from the shop; creates the conversation if the customer never wrote yet. */
  orderEvent(key: string, event: OrderEvent): Promise<CommandResult<ConversationState>> {
    return this.change((s, w) => serveOrderEvent(s, event, w), key)
  }

  /** Runs every due timer (see alarm.ts), then re-arms for what is left. */
  async alarm(info?: AlarmInvocationInfo): Promise<void> {
    if (!this.stored) return
    const left = await runDueWork(this.host)
    // The clock stands still at the scheduled time inside an alarm, and an alarm set to that very
    // time from its own handler is dropped when the handler returns: arm strictly later.
    await armAlarm(this.ctx.storage, info ? info.scheduledTime + 1 : 0, left)
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
