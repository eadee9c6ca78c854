import { clientIdOf, getMessage, toCustomerMessage } from './transcript'

/**
 * Pushes one transcript row to the conversation's live sockets. Customers see their own messages
 * and what was actually sent to them, never queued drafts; agent sockets see every row in full.
 */
export const broadcast = (ctx: DurableObjectState, sql: SqlStorage, id: number): void => {
  const sockets = ctx.getWebSockets()
  if (sockets.length === 0) return
  const message = getMessage(sql, id)
  if (!message) return
  const customerFrame = JSON.stringify({ type: 'message', message: toCustomerMessage(message, clientIdOf(sql, id)) })
  const agentFrame = JSON.stringify({ type: 'message', message })
  for (const ws of sockets) {
    const isAgent = ctx.getTags(ws).includes('agent')
    if (!isAgent && message.direction === 'out' && message.status !== 'sent') continue
    try {
      ws.send(isAgent ? agentFrame : customerFrame)
    } catch {
      // A socket closing mid-send is fine: the client reloads history when it reconnects.
    }
  }
}

/** Accepts a live socket with the hibernation API (sockets survive the object's eviction). */
export const acceptSocket = (ctx: DurableObjectState, request: Request): Response => {
  const url = new URL(request.url)
  if (url.pathname !== '/ws') return new Response('not found', { status: 404 })
  if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
    return new Response('expected a websocket upgrade', { status: 426 })
  }
  const role = url.searchParams.get('role') === 'agent' ? 'agent' : 'customer'
  const pair = new WebSocketPair()
  ctx.acceptWebSocket(pair[1], [role])
  return new Response(null, { status: 101, webSocket: pair[0] })
}
