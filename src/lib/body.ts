/** Largest webhook body accepted; bigger ones are refused with 413 before they are buffered. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024

/**
 * Reads a request body as text, stopping as soon as it passes `limit` bytes.
 * Returns null when the body is too large (declared or actual).
 */
export const readLimitedText = async (request: Request, limit: number): Promise<string | null> => {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (Number.isFinite(declared) && declared > limit) return null
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}
