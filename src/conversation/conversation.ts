import { DurableObject } from 'cloudflare:workers'
import { getAdapter } from '../../bots'
import type { InboundEvent } from '../channels/types'
import { kvFlowStore } from '../flows/store'
import type { FlowPack, Pins } from '../flows/types'
import { decide, type Decision, type PolicyInput, type ServiceContext } from './policy'
import { planAfterSend } from './retry'
import { migrate } from './schema'
import { initialState, readState, writeState } from './state'
import { summarize, writeSummary } from './summary'
import { armAlarm, clearTimer, dueTimers, setTimer, type Timer } from './timers'
import {
  appendInbound,
  appendOutbound,
  applyReceipt,
  clientIdOf,
  getMessage,
  listMessages,
  markAttempt,
  markSent,
  queuedMessages,
  toCustomerMessage,
} from './transcript'
import type {
  CommandResult,
  ConversationState,
  ConversationView,
  CustomerMessage,
  IngestResult,
} from './types'

const pinsKey = (pins: Pins): string =>
  JSON.stringify([pins.flow, Object.entries(pins.templates).sort(([a], [b]) => a.localeCompare(b))])

const toPolicyInput = (event: Extract<InboundEvent, { type: 'message' | 'action' }>): PolicyInput =>
  event.type === 'message'
    ? {
        type: 'message',
        text: event.text,
        attachments: event.attachments,
        senderName: event.sender.name,
        languageHint: event.sender.languageHint,
      }
    : { type: 'action', actionId: event.actionId, label: event.label, languageHint: event.sender.languageHint }

/** One conversation: transcript, state, timers and outbox in its own SQLite; replies leave from the alarm. */
export class Conversation extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private cachedPack: { key: string; pack: FlowPack } | null = null
  /** Test hook: milliseconds added to this object's clock (set through runInDurableObject). */
  skewMs = 0

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    migrate(this.sql)
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
  }

  /** The injected clock: wall time plus the test offset. */
  now(): number {
    return Date.now() + Number(this.env.TEST_CLOCK_OFFSET_MS ?? 0) + this.skewMs
  }

  private context(): ServiceContext {
    return { shopName: this.env.SHOP_NAME || 'our shop', replyMinutes: 5, hoursOpen: '09:00-23:30', returnDays: 7 }
  }

  private async pack(pins: Pins): Promise<FlowPack> {
    const key = pinsKey(pins)
    if (this.cachedPack?.key !== key) {
      this.cachedPack = { key, pack: await kvFlowStore(this.env.FLOWS).loadPack(pins) }
    }
    return this.cachedPack.pack
  }

  /** Loads the pinned pack (or pins the current one) without holding any state across the await. */
  private async readyPack(): Promise<{ pins: Pins; pack: FlowPack }> {
    const known = readState(this.sql)?.pins
    const pins = known ?? (await kvFlowStore(this.env.FLOWS).currentPins())
    return { pins, pack: await this.pack(pins) }
  }

  /** Webhook -> transcript (deduplicated), policy, outbox; answers once the event is durable. */
  async ingest(event: InboundEvent): Promise<IngestResult> {
    if (event.type === 'status') return this.ingestReceipt(event)
    for (let attempt = 0; attempt < 3; attempt++) {
      const { pins, pack } = await this.readyPack()
      const current = readState(this.sql)
      // Another event may have pinned other versions while we awaited KV; start over with those.
      if (current?.pins && pinsKey(current.pins) !== pinsKey(pins)) continue
      const result = this.commitInbound(event, current, pins, pack)
      await armAlarm(this.ctx.storage)
      if (result.status === 'accepted') this.broadcast(result.id)
      return result
    }
    return { status: 'rejected', reason: 'pins kept changing' }
  }

  /** A delivery receipt: moves an outbound message's delivery state forward, once. */
  private async ingestReceipt(event: Extract<InboundEvent, { type: 'status' }>): Promise<IngestResult> {
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
    pack: FlowPack
  ): IngestResult {
    const now = this.now()
    return this.ctx.storage.transactionSync((): IngestResult => {
      const id = appendInbound(this.sql, event, now)
      if (id === null) return { status: 'duplicate' }
      const base =
        current ??
        initialState(event.conversationKey, event.channel, { id: event.sender.id, name: event.sender.name }, now)
      const prior: ConversationState = {
        ...base,
        pins,
        replyHandle: event.replyHandle ? { value: event.replyHandle, at: now } : base.replyHandle,
      }
      if (event.type === 'edit') {
        this.apply({ state: { ...prior, updatedAt: now }, replies: [] }, now)
        return { status: 'accepted', id }
      }
      if (event.type === 'action' && event.ackHandle) {
        setTimer(this.sql, { id: `ack:${id}`, kind: 'ack', dueAt: now, payload: event.ackHandle })
      }
      let decision: Decision
      try {
        decision = decide(prior, toPolicyInput(event), pack, this.context(), now)
      } catch (err) {
        // Never lose the message to a policy bug: keep it and hand the conversation to a human.
        console.error('policy failed', event.conversationKey, err)
        decision = { state: { ...prior, owner: 'human', lastInboundAt: now, updatedAt: now }, replies: [] }
      }
      this.apply(decision, now)
      return { status: 'accepted', id }
    })
  }

  /** Writes a decision: state, queued replies, and the timers that send and index them. */
  private apply(decision: Decision, now: number): number[] {
    writeState(this.sql, decision.state)
    const ids = decision.replies.map((reply) => appendOutbound(this.sql, reply, now))
    if (ids.length > 0) setTimer(this.sql, { id: 'outbox', kind: 'outbox', dueAt: now })
    setTimer(this.sql, { id: 'index', kind: 'index', dueAt: now })
    return ids
  }

  /** State plus a page of the transcript; not_found for a conversation never written. */
  async view(page: { before?: number; limit?: number } = {}): Promise<CommandResult<ConversationView>> {
    const state = readState(this.sql)
    if (!state) return { ok: false, code: 'not_found', message: 'no such conversation' }
    const { messages, nextBefore } = listMessages(this.sql, { before: page.before, limit: page.limit ?? 50 })
    return { ok: true, value: { state, messages, nextBefore } }
  }

  /** The customer's own history (web chat), oldest first. */
  async customerHistory(page: { before?: number; limit?: number } = {}): Promise<{ messages: CustomerMessage[] }> {
    const { messages } = listMessages(this.sql, { before: page.before, limit: page.limit ?? 50 })
    return { messages: messages.map((m) => toCustomerMessage(m, clientIdOf(this.sql, m.id))) }
  }

  /** A human agent answers; the reply goes through the same outbox as the bot's. */
  async agentReply(input: { text: string; agent: string }): Promise<CommandResult<{ id: number }>> {
    return this.command((state, pack, now) => decide(state, { type: 'agent_reply', ...input }, pack, this.context(), now), (ids) => ({ id: ids[0] ?? 0 }))
  }

  /** Resolves the conversation; the bot owns it again if the customer writes later. */
  async close(input: { by: string }): Promise<CommandResult<ConversationState>> {
    return this.command((state, pack, now) => decide(state, { type: 'close', by: input.by }, pack, this.context(), now), () => readState(this.sql) as ConversationState)
  }

  private async command<T>(
    run: (state: ConversationState, pack: FlowPack, now: number) => Decision,
    result: (ids: number[]) => T
  ): Promise<CommandResult<T>> {
    if (!readState(this.sql)) return { ok: false, code: 'not_found', message: 'no such conversation' }
    const { pack } = await this.readyPack()
    const state = readState(this.sql) as ConversationState
    const now = this.now()
    const ids = this.ctx.storage.transactionSync(() => this.apply(run(state, pack, now), now))
    await armAlarm(this.ctx.storage)
    return { ok: true, value: result(ids) }
  }

  /** Runs every due timer; each handler re-checks its condition, so a repeated alarm is harmless. */
  async alarm(): Promise<void> {
    for (const timer of dueTimers(this.sql, this.now())) {
      try {
        await this.runTimer(timer)
      } catch (err) {
        console.error('timer failed', timer.id, err)
        const attempts = timer.attempts + 1
        this.sql.exec(
          'UPDATE timers SET attempts = ?, due_at = ? WHERE id = ?',
          attempts,
          this.now() + Math.min(2 ** attempts * 1000, 3600_000),
          timer.id
        )
      }
    }
    await armAlarm(this.ctx.storage)
  }

  private async runTimer(timer: Timer): Promise<void> {
    switch (timer.kind) {
      case 'outbox':
        return this.drainOutbox()
      case 'ack':
        return this.acknowledge(timer)
      case 'index':
        return this.writeIndex()
    }
  }

  /** Sends queued replies in order; a retryable failure stops the queue so order is kept. */
  private async drainOutbox(): Promise<void> {
    const state = readState(this.sql)
    if (!state) return clearTimer(this.sql, 'outbox')
    const adapter = getAdapter(state.channel, this.env)
    for (;;) {
      // Re-read each time: replies queued while we awaited the platform join the same drain.
      const message = queuedMessages(this.sql)[0]
      if (!message) break
      if (!adapter) {
        markAttempt(this.sql, message.id, 'channel_not_configured', true)
        this.broadcast(message.id)
        continue
      }
      const live = readState(this.sql) ?? state
      const result = await adapter
        .send({
          to: {
            channel: state.channel,
            conversationKey: state.key,
            ...(live.replyHandle ? { replyHandle: live.replyHandle.value, replyHandleAt: live.replyHandle.at } : {}),
          },
          text: message.text,
          buttons: message.buttons,
          idempotencyKey: String(message.id),
          template: message.template,
          now: this.now(),
          lastInboundAt: live.lastInboundAt,
        })
        .catch((err: unknown) => ({ ok: false as const, retryable: true, reason: `send threw: ${String(err)}` }))
      const now = this.now()
      const plan = planAfterSend(result, (message.attempts ?? 0) + 1, message.at, now)
      if (plan.action === 'retry') {
        markAttempt(this.sql, message.id, plan.error, false)
        setTimer(this.sql, { id: 'outbox', kind: 'outbox', dueAt: plan.at }, true)
        setTimer(this.sql, { id: 'index', kind: 'index', dueAt: now })
        return
      }
      if (plan.action === 'sent') {
        markSent(this.sql, message.id, plan.platformId, now)
        const latest = readState(this.sql)
        // Reply tokens are single-use: the next message goes out another way.
        const spent = result.ok && result.usedReplyHandle
        if (latest) writeState(this.sql, { ...latest, lastOutboundAt: now, ...(spent ? { replyHandle: null } : {}) })
      } else {
        markAttempt(this.sql, message.id, plan.error, true)
      }
      this.broadcast(message.id)
    }
    clearTimer(this.sql, 'outbox')
    setTimer(this.sql, { id: 'index', kind: 'index', dueAt: this.now() })
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

  private async writeIndex(): Promise<void> {
    const state = readState(this.sql)
    if (state) {
      const last = listMessages(this.sql, { limit: 1 }).messages[0]
      const failed = this.sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE status = 'failed'")
        .toArray()[0]?.n ?? 0
      await writeSummary(this.env.DB, summarize(state, last, failed))
    }
    clearTimer(this.sql, 'index')
  }

  /** WebSocket upgrade for live transcript updates (hibernation API: sockets survive eviction). */
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (url.pathname !== '/ws') return new Response('not found', { status: 404 })
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('expected a websocket upgrade', { status: 426 })
    }
    const role = url.searchParams.get('role') === 'agent' ? 'agent' : 'customer'
    const pair = new WebSocketPair()
    this.ctx.acceptWebSocket(pair[1], [role])
    return new Response(null, { status: 101, webSocket: pair[0] })
  }

  async webSocketMessage(): Promise<void> {
    // Customers write through POST /webhooks/webchat so every message takes the one ingest path.
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, 'closing')
  }

  /** Pushes one transcript row to the live sockets. */
  private broadcast(id: number): void {
    const sockets = this.ctx.getWebSockets()
    if (sockets.length === 0) return
    const message = getMessage(this.sql, id)
    if (!message) return
    const customerFrame = JSON.stringify({ type: 'message', message: toCustomerMessage(message, clientIdOf(this.sql, id)) })
    const agentFrame = JSON.stringify({ type: 'message', message })
    for (const ws of sockets) {
      // Customers see their own messages and what was actually sent to them, never queued drafts.
      const isAgent = this.ctx.getTags(ws).includes('agent')
      if (!isAgent && message.direction === 'out' && message.status !== 'sent') continue
      try {
        ws.send(isAgent ? agentFrame : customerFrame)
      } catch {
        // A socket closing mid-send is fine: the client reloads history when it reconnects.
      }
    }
  }
}
