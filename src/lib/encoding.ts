const encoder = new TextEncoder()

/** UTF-8 bytes of a string. */
export const utf8 = (text: string): Uint8Array<ArrayBuffer> =>
  encoder.encode(text) as Uint8Array<ArrayBuffer>

/** Lower-case hex of bytes. */
export const toHex = (bytes: ArrayBuffer | Uint8Array): string =>
  Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) =>
    b.toString(16).padStart(2, '0')
  ).join('')

/** Standard base64 of bytes. */
export const toBase64 = (bytes: ArrayBuffer | Uint8Array): string => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let binary = ''
  for (const b of view) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** URL-safe base64 without padding. */
export const toBase64Url = (bytes: ArrayBuffer | Uint8Array): string =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** Decodes standard or URL-safe base64; null on malformed input. */
export const fromBase64 = (text: string): Uint8Array<ArrayBuffer> | null => {
  try {
    const normal = text.replace(/-/g, '+').replace(/_/g, '/')
    const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4))
    return Uint8Array.from(binary, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/** UTF-8 length of one code point. */
const codePointBytes = (code: number): number =>
  code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4

/** UTF-8 length of a string without encoding it (a lone surrogate counts as U+FFFD, 3 bytes). */
export const utf8Length = (text: string): number => {
  let bytes = 0
  for (const ch of text) bytes += codePointBytes(ch.codePointAt(0) ?? 0)
  return bytes
}
