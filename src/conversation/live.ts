import { utf8Length } from '../lib/encoding'
import type { Note } from './notes'
import { clientIdOf, getMessage, toCustomerMessage } from './transcript'

interface AgentAttachment {
  name: string
}

/** Live sockets one customer session may hold; opening another closes the oldest. */
export const MAX_CUSTOMER_SOCKETS = 4

/** Largest frame a socket may send (the size of a message); larger ones close the socket. */
export const MAX_FRAME_BYTES = 16 * 1024

/** Closes a socket whose frame is over the limit; true when it did. */
export const refuseLargeFrame = (ws: WebSocket, raw: string | ArrayBuffer): boolean => {
  const size = typeof raw === 'string' ? raw.length * 3 : raw.byteLength
  if (size <= MAX_FRAME_BYTES || (typeof raw === 'string' && utf8Length(raw) <= MAX_FRAME_BYTES))
    return false
  try {
    ws.close(1009, 'frame too large')
  } catch {
    // already closing
  }
  return true
}

const send = (ws: WebSocket, frame: string): void => {
  try {
    ws.send(frame)
  } catch {
    // A socket closing mid-send is fine: the client reloads history when it reconnects.
  }
}

const isAgent = (ctx: DurableObjectState, ws: WebSocket): boolean =>
  ctx.getTags(ws).includes('agent')

/** The newest customer message's id. */
const lastInbound = (sql: SqlStorage): number =>
  sql
    .exec<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM messages WHERE direction = 'in'")
    .toArray()[0]?.seq ?? 0

/** Tells the customer's sockets that a person has seen their messages up to the newest one. */
export const announceRead = (ctx: DurableObjectState, sql: SqlStorage): void => {
  const customers = ctx.getWebSockets('customer')
  if (customers.length === 0 || ctx.getWebSockets('agent').length === 0) return
  const frame = JSON.stringify({ type: 'read', upTo: lastInbound(sql) })
  for (const ws of customers) send(ws, frame)
}

/**
 * Pushes one transcript row to the conversation's live sockets. Customers see their own messages
 * and what was actually sent to them, never queued drafts; agent sockets see every row in full.
 */
export const broadcast = (ctx: DurableObjectState, sql: SqlStorage, id: number): void => {
  const sockets = ctx.getWebSockets()
  if (sockets.length === 0) return
  const message = getMessage(sql, id)
  if (!message) return
  const customerFrame = JSON.stringify({
    type: 'message',
    message: toCustomerMessage(message, clientIdOf(sql, id)),
  })
  const agentFrame = JSON.stringify({ type: 'message', message })
  for (const ws of sockets) {
    const agent = isAgent(ctx, ws)
    if (!agent && message.direction === 'out' && message.status !== 'sent') continue
    send(ws, agent ? agentFrame : customerFrame)
  }
  // An agent has the conversation open: a new customer message is seen as it arrives.
  if (message.direction === 'in') announceRead(ctx, sql)
}

/** Pushes a private note to agent sockets only. */
export const broadcastNote = (ctx: DurableObjectState, note: Note): void => {
  const frame = JSON.stringify({ type: 'note', note })
  for (const ws of ctx.getWebSockets('agent')) send(ws, frame)
}

/** Display names of the agents with this conversation open. */
export const viewers = (ctx: DurableObjectState, except?: WebSocket): string[] => {
  const names = new Set<string>()
  for (const ws of ctx.getWebSockets('agent')) {
    if (ws === except) continue
    const a = ws.deserializeAttachment() as AgentAttachment | null
    if (a?.name) names.add(a.name)
  }
  return [...names].sort()
}

/** Tells every agent socket who is viewing (after a socket opened or closed). */
export const announceViewers = (ctx: DurableObjectState, except?: WebSocket): void => {
  const frame = JSON.stringify({ type: 'viewers', names: viewers(ctx, except) })
  for (const ws of ctx.getWebSockets('agent')) if (ws !== except) send(ws, frame)
}

/**
 * An agent socket said it is typing: the customer sees "<name> is typing", other agents see a
 * collision warning. Anything else a socket sends is ignored (customers write through the webhook).
 */
export const relayTyping = (
  ctx: DurableObjectState,
  from: WebSocket,
  raw: string | ArrayBuffer
): void => {
  if (!isAgent(ctx, from) || typeof raw !== 'string' || raw.length > 200) return
  let frame: unknown
  try {
    frame = JSON.parse(raw)
  } catch {
    return
  }
  if (!frame || typeof frame !== 'object' || (frame as { type?: unknown }).type !== 'typing') return
  const name = (from.deserializeAttachment() as AgentAttachment | null)?.name ?? ''
  const out = JSON.stringify({ type: 'typing', name })
  for (const ws of ctx.getWebSockets()) if (ws !== from) send(ws, out)
}

/** Accepts a live socket with the hibernation API (sockets survive the object's eviction). */
export const acceptSocket = (ctx: DurableObjectState, request: Request): Response => {
  const url = new URL(request.url)
  if (url.pathname !== '/ws') return new Response('not found', { status: 404 })
  if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
    return new Response('expected a websocket upgrade', { status: 426 })
  }
  const role = url.searchParams.get('role') === 'agent' ? 'agent' : 'customer'
  if (role === 'customer') {
    // Oldest first by the time each was accepted (kept in the socket's attachment).
    const open = ctx
      .getWebSockets('customer')
      .map((ws) => ({ ws, at: (ws.deserializeAttachment() as { at?: number } | null)?.at ?? 0 }))
      .sort((a, b) => a.at - b.at)
    for (const { ws } of open.slice(0, Math.max(0, open.length - MAX_CUSTOMER_SOCKETS + 1))) {
      try {
        ws.close(4008, 'too many connections for this chat')
      } catch {
        // already closing
      }
    }
  }
  const pair = new WebSocketPair()
  ctx.acceptWebSocket(pair[1], [role])
  if (role === 'customer') pair[1].serializeAttachment({ at: Date.now() })
  if (role === 'agent') {
    pair[1].serializeAttachment({
      name: (url.searchParams.get('name') ?? '').slice(0, 64),
    } satisfies AgentAttachment)
    announceViewers(ctx)
  }
  return new Response(null, { status: 101, webSocket: pair[0] })
}
