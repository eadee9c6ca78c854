import { DurableObject } from 'cloudflare:workers'
import { finishClose } from '../lib/ws'
import { refuseLargeFrame } from '../conversation/live'
import type { ConversationSummary } from '../tables/conversations'
import { deliver } from '../notify/deliver'
import { readNotifyConfig } from '../notify/store'
import { TEAMS, type Team } from '../notify/types'
import {
  admit,
  DIGEST_WINDOW_MS,
  digestNotice,
  emptyDigest,
  type DigestItem,
  type DigestState,
} from './digest'
import { deltaOf, type PresenceFrame } from './protocol'

const MAX_DIGEST_ATTEMPTS = 8

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
  // Numbers deltas without storing anything: a stored counter was a billed write per message. It
  // starts at the hub's start time in ms, so after a restart the numbers still only go up.
  private seq = Date.now()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
  }

  /** A console tab connects (`/ws?agent=<id>&name=<display name>`, already authenticated by the Worker). */
  fetch(request: Request): Response {
    const url = new URL(request.url)
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket')
      return new Response('expected a websocket upgrade', { status: 426 })
    const agentId = url.searchParams.get('agent') ?? ''
    const name = url.searchParams.get('name') ?? ''
    const pair = new WebSocketPair()
    this.ctx.acceptWebSocket(pair[1], [`agent:${agentId}`])
    pair[1].serializeAttachment({ agentId, name } satisfies Attachment)
    pair[1].send(JSON.stringify({ type: 'hello', seq: this.seq }))
    this.sendPresence()
    return new Response(null, { status: 101, webSocket: pair[0] })
  }

  /** A conversation's index row changed: fan the delta out to every tab; answers how many are open. */
  publish(summary: ConversationSummary): Promise<number> {
    this.seq = Math.max(this.seq + 1, Date.now())
    const tabs = this.ctx.getWebSockets()
    if (tabs.length > 0) this.broadcast(JSON.stringify(deltaOf(summary, this.seq)))
    return Promise.resolve(tabs.length)
  }

  /**
   * An escalation from an anonymous channel asks to page a team: the first in a window pages at
   * once ('send'), the rest are folded into one digest sent when the window ends ('digest').
   */
  async admitEscalation(team: Team, item: DigestItem): Promise<'send' | 'digest'> {
    const now = Date.now()
    const current = (await this.ctx.storage.get<DigestState>(`digest:${team}`)) ?? emptyDigest()
    const { verdict, state, dueAt } = admit(current, item, now)
    await this.ctx.storage.put(`digest:${team}`, state)
    if (dueAt !== undefined) {
      const armed = await this.ctx.storage.getAlarm()
      if (armed === null || armed > dueAt) await this.ctx.storage.setAlarm(dueAt)
    }
    return verdict
  }

  /** Sends every digest that is due; retries failed targets with backoff. */
  async alarm(): Promise<void> {
    const now = Date.now()
    const config = await readNotifyConfig(this.env.CONFIG)
    let next: number | null = null
    for (const team of TEAMS) {
      const state = await this.ctx.storage.get<DigestState>(`digest:${team}`)
      if (!state || state.count === 0) continue
      const due = (state.lastPageAt ?? now) + DIGEST_WINDOW_MS
      if (now < due && state.attempts === 0) {
        next = Math.min(next ?? due, due)
        continue
      }
      const notice = digestNotice(team, state, now)
      const delivered = new Set(state.delivered)
      let retry = false
      for (const [index, target] of config.teams[team].entries()) {
        if (delivered.has(index)) continue
        const result = await deliver(
          target,
          { ...notice, deliveryId: `${notice.deliveryId}:${index}` },
          { env: this.env, now }
        )
        if (result.ok) delivered.add(index)
        else retry ||= result.retryable
      }
      const attempts = state.attempts + 1
      // Escalations admitted while we awaited the targets are in storage, not in `state`: re-read,
      // and take away only what this digest carried.
      const latest = (await this.ctx.storage.get<DigestState>(`digest:${team}`)) ?? state
      if (retry && attempts < MAX_DIGEST_ATTEMPTS) {
        await this.ctx.storage.put(`digest:${team}`, {
          ...latest,
          attempts,
          delivered: [...delivered],
        })
        const at = now + Math.min(2 ** attempts * 1000, 300_000)
        next = Math.min(next ?? at, at)
      } else {
        // Sent (or given up): the digest counts as this window's page; later arrivals wait for the next.
        const rest = {
          ...emptyDigest(),
          lastPageAt: now,
          items: latest.items.slice(state.items.length),
          count: Math.max(0, latest.count - state.count),
        }
        await this.ctx.storage.put(`digest:${team}`, rest)
        if (rest.count > 0) next = Math.min(next ?? now + DIGEST_WINDOW_MS, now + DIGEST_WINDOW_MS)
      }
    }
    if (next !== null) await this.ctx.storage.setAlarm(next)
  }

  /** Display names of agents with the console open. */
  online(): Promise<string[]> {
    return Promise.resolve(this.onlineNames())
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    // Tabs only listen (pings are answered without waking the object); anything large is refused.
    refuseLargeFrame(ws, message)
  }

  webSocketClose(ws: WebSocket, code: number): void {
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
