// 1005, 1006 and 1015 describe how a socket ended; they may never be sent in a close frame.
const RESERVED = new Set([1004, 1005, 1006, 1015])

/** A close code that may be echoed back to the peer: the peer's own, or 1000 when it can't be sent. */
export const echoableCloseCode = (code: number): number =>
  (code === 1000 || (code >= 1001 && code <= 1014) || (code >= 3000 && code <= 4999)) &&
  !RESERVED.has(code)
    ? code
    : 1000

/** Completes the closing handshake of a socket the peer closed (or lost); never throws. */
export const finishClose = (ws: WebSocket, code: number): void => {
  try {
    ws.close(echoableCloseCode(code), 'closing')
  } catch {
    // Already closed: nothing to finish.
  }
}
