import { fromBase64, toBase64, utf8 } from '../../src/lib/encoding'

// The message crypto shared by Official Account safe mode and WeCom callbacks:
// https://developer.work.weixin.qq.com/document/path/90968 (加解密方案说明)
// AES-256-CBC, key = base64(EncodingAESKey + '='), IV = first 16 key bytes, plaintext =
// random(16) ‖ msg_len (4 bytes, big-endian) ‖ msg ‖ receiveid, PKCS#7-padded to 32 bytes.

const BLOCK = 16
const WX_BLOCK = 32
const HEADER = 20
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** An imported EncodingAESKey: the AES-CBC key and its IV (the key's first 16 bytes). */
export interface WxAesKey {
  key: CryptoKey
  iv: Uint8Array<ArrayBuffer>
}

/** A decrypted payload: the message and the id it was encrypted for (AppID or CorpID). */
export interface WxOpened {
  message: string
  receiveId: string
}

/** Is `value` shaped like an EncodingAESKey (43 base64 characters)? */
export const isEncodingAesKey = (value: string): boolean => ENCODING_AES_KEY.test(value)

/** Imports a 43-character EncodingAESKey; null when it is malformed. */
export const importAesKey = async (encodingAesKey: string): Promise<WxAesKey | null> => {
  if (!isEncodingAesKey(encodingAesKey)) return null
  const bytes = fromBase64(`${encodingAesKey}=`)
  if (!bytes || bytes.length !== 32) return null
  try {
    const key = await crypto.subtle.importKey('raw', bytes, { name: 'AES-CBC' }, false, [
      'encrypt',
      'decrypt',
    ])
    return { key, iv: bytes.slice(0, BLOCK) }
  } catch {
    return null
  }
}

/**
 * Web Crypto always strips 16-byte PKCS#7, but WeChat pads to 32 bytes (pad values 1..32), so a
 * pad over 16 would fail. Appending one block that decrypts to 16 × 0x10 gives Web Crypto a
 * padding it accepts; WeChat's own padding is then stripped by hand.
 */
const decryptRaw = async (aes: WxAesKey, cipher: Uint8Array<ArrayBuffer>): Promise<Uint8Array> => {
  const last = cipher.slice(-BLOCK)
  const filler = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CBC', iv: last },
      aes.key,
      new Uint8Array(BLOCK).fill(BLOCK)
    )
  ).slice(0, BLOCK)
  const extended = new Uint8Array(cipher.length + BLOCK)
  extended.set(cipher)
  extended.set(filler, cipher.length)
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-CBC', iv: aes.iv }, aes.key, extended)
  )
}

/** Decrypts a base64 `Encrypt` value (or WeCom `echostr`); null when anything is malformed. */
export const wxDecrypt = async (aes: WxAesKey, base64: string): Promise<WxOpened | null> => {
  try {
    if (!BASE64.test(base64)) return null
    const cipher = fromBase64(base64)
    if (!cipher || cipher.length < WX_BLOCK || cipher.length % BLOCK !== 0) return null
    const plain = await decryptRaw(aes, cipher)
    const pad = plain[plain.length - 1] ?? 0
    if (pad < 1 || pad > WX_BLOCK || plain.length - pad < HEADER) return null
    const content = plain.subarray(0, plain.length - pad)
    const length = new DataView(content.buffer, content.byteOffset + BLOCK, 4).getUint32(0)
    if (HEADER + length > content.length) return null
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
    return {
      message: decoder.decode(content.subarray(HEADER, HEADER + length)),
      receiveId: decoder.decode(content.subarray(HEADER + length)),
    }
  } catch {
    return null
  }
}

/**
 * Encrypts a message for `receiveId`, base64. `random` (16 bytes) is fixed only in tests; it
 * defaults to fresh random bytes. WeChat's 32-byte padding is added here and Web Crypto's extra
 * 16-byte block dropped.
 */
export const wxEncrypt = async (
  aes: WxAesKey,
  message: string,
  receiveId: string,
  random: Uint8Array = crypto.getRandomValues(new Uint8Array(BLOCK))
): Promise<string> => {
  if (random.length !== BLOCK) throw new RangeError('random prefix must be 16 bytes')
  const body = utf8(message)
  const id = utf8(receiveId)
  const length = HEADER + body.length + id.length
  const pad = WX_BLOCK - (length % WX_BLOCK)
  const plain = new Uint8Array(length + pad)
  plain.set(random)
  new DataView(plain.buffer).setUint32(BLOCK, body.length)
  plain.set(body, HEADER)
  plain.set(id, HEADER + body.length)
  plain.fill(pad, length)
  const cipher = await crypto.subtle.encrypt({ name: 'AES-CBC', iv: aes.iv }, aes.key, plain)
  return toBase64(new Uint8Array(cipher).subarray(0, plain.length))
}
