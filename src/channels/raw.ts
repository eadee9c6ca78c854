/** Raw payloads are kept for debugging, but never without bound. */
export const MAX_RAW_CHARS = 16_000

/**
 * The platform payload as bounded JSON text. Run before an event crosses the Durable Object RPC
 * boundary: structured clone of a deeply nested payload overflows the stack, which would turn a
 * valid, signed message into a 503 forever.
 */
export const boundRaw = (raw: unknown): string | null => {
  if (typeof raw === 'string') return raw.slice(0, MAX_RAW_CHARS)
  try {
    // undefined for undefined, a function or a symbol, whatever the declared type says.
    const text = JSON.stringify(raw) as string | undefined
    return text === undefined ? null : text.slice(0, MAX_RAW_CHARS)
  } catch {
    return null
  }
}
