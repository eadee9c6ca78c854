import type { ErrorCode } from '../api/errors'
import { readLimited } from '../lib/body'
import { FILE_LIMIT_MESSAGE, MAX_FILE_BYTES } from '../lib/media'
import { checkFile, type FileFormat, type FileProblem } from './formats'

/** Why an upload was refused, as the HTTP answer gives it. */
export interface UploadRefusal {
  ok: false
  status: 400 | 413 | 415
  code: ErrorCode
  message: string
}

/** An upload's bytes and proven format, or why it was refused. */
export type UploadRead = { ok: true; bytes: Uint8Array; format: FileFormat } | UploadRefusal

/**
 * Reads an upload (counted while read: never more than 20 MB buffered) and proves its format by
 * content; `refuse` words what the check found for this caller's audience.
 */
export const readUpload = async (
  body: ReadableStream<Uint8Array> | null,
  refuse: (problem: FileProblem) => UploadRefusal
): Promise<UploadRead> => {
  // A client that drops mid-upload breaks the stream: a 400, not a 500.
  const read = await readLimited(body, MAX_FILE_BYTES).catch(() => null)
  if (!read)
    return {
      ok: false,
      status: 400,
      code: 'invalid_file',
      message: 'the upload broke off; send it again',
    }
  if (!read.ok)
    return { ok: false, status: 413, code: 'payload_too_large', message: FILE_LIMIT_MESSAGE }
  const check = checkFile(read.bytes, MAX_FILE_BYTES)
  if (!check.ok) return refuse(check.problem)
  return { ok: true, bytes: read.bytes, format: check.format }
}
