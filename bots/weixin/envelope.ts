import { type WxAesKey, wxDecrypt } from './aes'
import { verifyWxSignature } from './signature'

const TIMESTAMP = /^\d{1,12}$/

/** A push's `timestamp` and `nonce`, or null when either is missing or malformed. */
export const signedQuery = (
  query: URLSearchParams
): { timestamp: string; nonce: string } | null => {
  const timestamp = query.get('timestamp') ?? ''
  const nonce = query.get('nonce') ?? ''
  return TIMESTAMP.test(timestamp) && nonce !== '' ? { timestamp, nonce } : null
}

/** An encrypted push (WeChat safe mode, every WeCom callback) and what opening it needs. */
export interface Envelope {
  /** `msg_signature`: SHA-1 over token, timestamp, nonce and the encrypted text. */
  signature: string | null
  token: string
  timestamp: string
  nonce: string
  /** The base64 `Encrypt` (or WeCom's GET `echostr`). */
  encrypted: string
  /** The AES key, imported only once a signature checks out. */
  key: () => Promise<WxAesKey | null>
  /** Who it must be addressed to: our AppID (WeChat) or CorpID (WeCom). */
  receiveId: string
}

/** The plaintext of a signed envelope addressed to us, or null when any check fails. */
export const openEnvelope = async (envelope: Envelope): Promise<string | null> => {
  const { signature, token, timestamp, nonce, encrypted } = envelope
  if (!(await verifyWxSignature(signature, token, timestamp, nonce, encrypted))) return null
  const aes = await envelope.key()
  const plain = aes ? await wxDecrypt(aes, encrypted) : null
  return plain && plain.receiveId === envelope.receiveId ? plain.message : null
}
