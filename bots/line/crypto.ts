import { hmac, safeEqual } from '../../src/lib/crypto'
import { toBase64, toHex, utf8 } from '../../src/lib/encoding'

/** The `x-line-signature` of a body: base64(HMAC-SHA256(channel secret, UTF-8 body bytes)). */
export const signBody = async (channelSecret: string, body: string): Promise<string> =>
  toBase64(await hmac(channelSecret, body))

// https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/
/** Does `signature` match the body? Constant time; false for a missing or empty header. */
export const verifySignature = async (
  channelSecret: string,
  body: string,
  signature: string | null
): Promise<boolean> => {
  if (!signature) return false
  return safeEqual(signature, await signBody(channelSecret, body))
}

const uuidBytes = (uuid: string): Uint8Array => {
  const hex = uuid.replace(/-/g, '')
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16))
}

/** A name-based UUID, version 5 (SHA-1), as in RFC 9562 §5.5: same inputs, same UUID. */
export const uuidV5 = async (namespace: string, name: string): Promise<string> => {
  const space = uuidBytes(namespace)
  const text = utf8(name)
  const input = new Uint8Array(space.length + text.length)
  input.set(space)
  input.set(text, space.length)
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = toHex(bytes)
  const groups = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)]
  return [...groups, hex.slice(20)].join('-')
}

// Random, fixed once: keeps this engine's retry keys apart from anyone else's v5 names.
const RETRY_KEY_NAMESPACE = 'b187c86e-34c9-4a27-b8bf-4564ccc9b9c2'

/**
 * The `X-Line-Retry-Key` of one push request: a UUID derived from the conversation, the outbox
 * row and the request's index within the message, so the engine's retries of the same row reuse
 * it and LINE answers 409 instead of sending twice.
 * https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
 */
export const retryKey = (
  conversationKey: string,
  idempotencyKey: string,
  part: number
): Promise<string> => uuidV5(RETRY_KEY_NAMESPACE, `${conversationKey}\n${idempotencyKey}\n${part}`)
