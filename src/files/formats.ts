/** The formats an attachment may have (listed formats only, docs/attachments.md); proven by the first bytes. */
export type FileFormat =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'heic'
  | 'mp4'
  | 'mov'
  | 'webm'
  | '3gp'
  | 'ogg'
  | 'mp3'
  | 'aac'
  | 'm4a'
  | 'amr'
  | 'wav'
  | 'pdf'
  | 'text'

/** What a file is to an agent: shown inline, played, or downloaded. */
export type FileKind = 'image' | 'video' | 'audio' | 'document'

/** Each format's kind and the MIME type it is served with (never the uploader's claim). */
export const FORMATS: Readonly<
  Record<FileFormat, { kind: FileKind; mimeType: string; extension: string }>
> = {
  jpeg: { kind: 'image', mimeType: 'image/jpeg', extension: 'jpg' },
  png: { kind: 'image', mimeType: 'image/png', extension: 'png' },
  gif: { kind: 'image', mimeType: 'image/gif', extension: 'gif' },
  webp: { kind: 'image', mimeType: 'image/webp', extension: 'webp' },
  heic: { kind: 'image', mimeType: 'image/heic', extension: 'heic' },
  mp4: { kind: 'video', mimeType: 'video/mp4', extension: 'mp4' },
  mov: { kind: 'video', mimeType: 'video/quicktime', extension: 'mov' },
  webm: { kind: 'video', mimeType: 'video/webm', extension: 'webm' },
  '3gp': { kind: 'video', mimeType: 'video/3gpp', extension: '3gp' },
  ogg: { kind: 'audio', mimeType: 'audio/ogg', extension: 'ogg' },
  mp3: { kind: 'audio', mimeType: 'audio/mpeg', extension: 'mp3' },
  aac: { kind: 'audio', mimeType: 'audio/aac', extension: 'aac' },
  m4a: { kind: 'audio', mimeType: 'audio/mp4', extension: 'm4a' },
  amr: { kind: 'audio', mimeType: 'audio/amr', extension: 'amr' },
  wav: { kind: 'audio', mimeType: 'audio/wav', extension: 'wav' },
  pdf: { kind: 'document', mimeType: 'application/pdf', extension: 'pdf' },
  text: { kind: 'document', mimeType: 'text/plain; charset=utf-8', extension: 'txt' },
}

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length))

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b)

// ISO base media files (MP4, MOV, HEIC, M4A, 3GP) say what they are in the `ftyp` box's brand.
const isoBrand = (brand: string): FileFormat => {
  if (/^(heic|heix|hevc|hevx|mif1|msf1)$/.test(brand)) return 'heic'
  if (brand === 'qt  ') return 'mov'
  if (brand === 'M4A ' || brand === 'M4B ') return 'm4a'
  if (brand.startsWith('3g')) return '3gp'
  return 'mp4'
}

/**
 * Pure: the format the content proves by its magic bytes, or null for anything else (an
 * executable renamed `.jpg` is null whatever its name or declared type). Plain text has no magic
 * bytes and is never sniffed: only exports the engine writes itself are text.
 */
export const sniff = (bytes: Uint8Array): FileFormat | null => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'wav'
  if (ascii(bytes, 4, 4) === 'ftyp' && bytes.length >= 12) return isoBrand(ascii(bytes, 8, 4))
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm'
  if (ascii(bytes, 0, 4) === 'OggS') return 'ogg'
  if (ascii(bytes, 0, 5) === '#!AMR') return 'amr'
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf'
  if (ascii(bytes, 0, 3) === 'ID3') return 'mp3'
  // MPEG audio frame sync: 11 set bits. Layer bits 01 (layer III) is MP3; 00 is AAC's ADTS header.
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) {
    const layer = ((bytes[1] ?? 0) >> 1) & 0x3
    if (layer === 0) return 'aac'
    if (layer === 1) return 'mp3'
  }
  return null
}

/** Why a file was not taken: the customer is told which, in their language. */
export type FileProblem = 'too_large' | 'unsupported' | 'empty' | 'failed'

/** The outcome of checking a file's bytes against the handbook's limits. */
export type FileCheck = { ok: true; format: FileFormat } | { ok: false; problem: FileProblem }

/** Pure: may these bytes be stored? At most `limit` bytes and a listed format, proven by content. */
export const checkFile = (bytes: Uint8Array, limit: number): FileCheck => {
  if (bytes.byteLength === 0) return { ok: false, problem: 'empty' }
  if (bytes.byteLength > limit) return { ok: false, problem: 'too_large' }
  const format = sniff(bytes)
  return format ? { ok: true, format } : { ok: false, problem: 'unsupported' }
}

/** Pure: a name cut to `max` characters, never inside a character, with any broken UTF-16 mended. */
export const cleanName = (name: string, max: number): string =>
  Array.from(
    name.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD'
    )
  )
    .slice(0, max)
    .join('')

/** A filename safe to offer in a download (no path, no control characters), with the proven extension. */
export const downloadName = (
  name: string | null | undefined,
  format: FileFormat,
  fallback: string
): string => {
  const base =
    (name ?? '')
      .split(/[\\/]/)
      .pop()
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      ?.replace(/[\u0000-\u001f\u007f"]/g, '')
      .trim() ?? ''
  const stem = base.replace(/\.[^.]*$/, '') || fallback
  return `${cleanName(stem, 100)}.${FORMATS[format].extension}`
}
