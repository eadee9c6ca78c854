import { DurableObject } from 'cloudflare:workers'
import { finishClose } from '../lib/ws'
import { refuseLargeFrame } from '../conversation/live'
import type { ConversationSummary } from '../conversation/summary'
import { deltaOf, type PresenceFrame } from './protocol'

interface Attachment {
  agentId: string
  name: string
}

/**
 * The shop's live inbox: every open console tab holds one hibernatable socket here, and each
 * conversation publishes its index row after writing it to D1. The hub stores no list (D1 is the
 * source for lists); it numbers and fans out deltas and knows who is online.
 */
export class InboxHub extends DurableObject<Env> {
  private seq = 0

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
    void ctx.blockConcurrencyWhile(async () => {
      this.seq = (await ctx.storage.get<number>('seq')) ?? 0
    })
  }

  /** A console tab connects (`/ws?agent=<id>&name=<display name>`, already authenticated by the Worker). */
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('expected a websocket upgrade', { status: 426 })
    const agentId = url.searchParams.get('agent') ?? ''
    const name = url.searchParams.get('name') ?? ''
    const pair = new WebSocketPair()
    this.ctx.acceptWebSocket(pair[1], [`agent:${agentId}`])
    pair[1].serializeAttachment({ agentId, name } satisfies Attachment)
    pair[1].send(JSON.stringify({ type: 'hello', seq: this.seq }))
    this.sendPresence()
    return new Response(null, { status: 101, webSocket: pair[0] })
  }

  /** A conversation's index row changed: fan the delta out to every tab. */
  async publish(summary: ConversationSummary): Promise<void> {
    this.seq += 1
    // Kept so a reconnecting tab can tell it missed something; lists come from D1 either way.
    this.ctx.storage.put('seq', this.seq)
    this.broadcast(JSON.stringify(deltaOf(summary, this.seq)))
  }

  /** Display names of agents with the console open. */
  async online(): Promise<string[]> {
    return this.onlineNames()
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Tabs only listen (pings are answered without waking the object); anything large is refused.
    refuseLargeFrame(ws, message)
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    finishClose(ws, code)
    this.sendPresence(ws)
  }

  private onlineNames(except?: WebSocket): string[] {
    const names = new Set<string>()
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue
      const a = ws.deserializeAttachment() as Attachment | null
      if (a?.name) names.add(a.name)
    }
    return [...names].sort()
  }

  private sendPresence(except?: WebSocket): void {
    const frame: PresenceFrame = { type: 'presence', online: this.onlineNames(except) }
    this.broadcast(JSON.stringify(frame), except)
  }

  private broadcast(frame: string, except?: WebSocket): void {
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue
      try {
        ws.send(frame)
      } catch {
        // A tab closing mid-send re-fetches its list when it reconnects.
      }
    }
  }
}
