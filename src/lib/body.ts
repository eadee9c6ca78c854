/** Largest webhook body accepted; bigger ones are refused with 413 before they are buffered. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024

/**
 * Reads a request body as text, stopping as soon as it passes `limit` bytes.
 * Returns null when the body is too large (declared or actual).
 */
export const readLimitedText = async (request: Request, limit: number): Promise<string | null> => {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (Number.isFinite(declared) && declared > limit) return null
  const read = await readLimited(request.body, limit)
  return read.ok ? new TextDecoder().decode(read.bytes) : null
}

/**
 * Reads a body up to `limit` bytes: the bytes, or `tooLarge` as soon as one byte more arrives
 * (a platform's size hint can be missing or wrong; the count is what is trusted).
 */
export const readLimited = async (
  body: ReadableStream<Uint8Array> | null,
  limit: number
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true }> => {
  if (!body) return { ok: true, bytes: new Uint8Array(0) }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      return { ok: false, tooLarge: true }
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return { ok: true, bytes }
}
