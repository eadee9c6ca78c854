import type { AttachmentRef, MediaResult } from '../../src/channels/types'
import { readLimited } from '../../src/lib/body'
import { MAX_FILE_BYTES, downloadMedia } from '../../src/lib/media'
import { TOKEN_REJECTED } from './api'
import type { Failure } from '../../src/lib/failure'
import { isRecord } from '../../src/lib/guards'
import { redact } from './http'
import { type TokenSource, getAccessToken } from './token'

// Both platforms answer an error with HTTP 200 and a JSON body, typed `application/json` or
// `text/plain`; any other type is the file itself.
const JSON_TYPES = new Set(['application/json', 'text/json', 'text/plain'])

const mediaType = (response: Response): string =>
  response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''

/** A header value the runtime read as Latin-1 although the server sent raw UTF-8. */
const fromLatin1 = (value: string): string => {
  // eslint-disable-next-line no-control-regex -- the Latin-1 range starts at U+0000 on purpose
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value
  try {
    const bytes = Uint8Array.from(value, (c) => c.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return value
  }
}

/**
 * The file name of a `Content-Disposition` header (`filename*=UTF-8''...` preferred, then
 * `filename="..."`), or undefined. WeChat and WeCom name the file there.
 */
export const dispositionName = (header: string | null): string | undefined => {
  if (!header) return undefined
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1]
  let name: string | undefined
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim())
    } catch {
      name = undefined
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header)
    name = plain?.[1] ?? plain?.[2]
    if (name) name = fromLatin1(name)
  }
  const clean = name?.replace(/[\\/]/g, '_').trim()
  return clean && clean.length <= 255 ? clean : undefined
}

/** How one account reads `media/get`. */
export interface WxMediaRequest {
  source: TokenSource
  fetch: typeof fetch
  /** The token cache's clock (ms epoch). */
  now: number
  /** The platform's reading of an `errcode` other than a rejected token (busy and quota retry). */
  classify: (errcode: number, errmsg: string) => Failure
}

/**
 * Downloads a temporary media file: `GET <base>/cgi-bin/media/get?access_token=&media_id=`.
 * A JSON answer is an error: a rejected token (40001/40014/42001) is refreshed and the call
 * repeated once (then retryable), other codes go to `classify`. An Official Account video answers
 * `{ video_url }`, which is then downloaded. Never throws; the token and secret never appear in
 * a reason.
 * https://developers.weixin.qq.com/doc/service/api/material/temporary/api_getmedia.html
 * https://developer.work.weixin.qq.com/document/path/90254
 */
export const getWxMedia = async (
  request: WxMediaRequest,
  ref: AttachmentRef
): Promise<MediaResult> => {
  const { source, fetch: doFetch, now } = request
  let rejected: string | undefined
  for (let attempt = 0; ; attempt++) {
    const token = await getAccessToken(source, doFetch, now, rejected)
    if (!token.ok) return token
    const secrets = [token.token, source.secret]
    const scrub = <F extends { reason: string }>(failure: F): F => ({
      ...failure,
      reason: redact(failure.reason, secrets),
    })
    const url =
      `${source.base}/cgi-bin/media/get?access_token=${encodeURIComponent(token.token)}` +
      `&media_id=${encodeURIComponent(ref.ref)}`
    const hints = {
      ...(ref.mimeType ? { mimeType: ref.mimeType } : {}),
      ...(ref.name ? { name: ref.name } : {}),
    }
    const result = await downloadMedia(doFetch, url, {}, hints)
    if (!result.ok) return scrub(result)
    const { response } = result
    const type = mediaType(response)
    if (!JSON_TYPES.has(type)) {
      // The platform names the file `<media id>.<ext>`; only a real name is worth keeping.
      const named = ref.name
        ? undefined
        : dispositionName(response.headers.get('content-disposition'))
      const name = named && !named.startsWith(ref.ref) ? named : undefined
      return name ? { ...result, name } : result
    }
    const read = await readLimited(response.body, MAX_FILE_BYTES).catch(() => null)
    if (!read) return { ok: false, retryable: true, reason: 'media/get: answer broke off' }
    if (!read.ok) {
      return { ok: false, retryable: false, tooLarge: true, reason: `over ${MAX_FILE_BYTES} bytes` }
    }
    let body: unknown
    try {
      body = JSON.parse(new TextDecoder().decode(read.bytes))
    } catch {
      body = undefined
    }
    if (!isRecord(body)) {
      // A plain-text file (WeCom `file` messages can be .txt), not an error.
      if (type === 'text/plain') {
        const copy = new Response(read.bytes, {
          status: response.status,
          headers: response.headers,
        })
        return { ...result, response: copy, mimeType: ref.mimeType ?? 'text/plain' }
      }
      return { ok: false, retryable: false, reason: 'media/get: unreadable JSON answer' }
    }
    const errcode = body.errcode ?? 0
    if (typeof errcode !== 'number') {
      return { ok: false, retryable: false, reason: 'media/get: bad errcode' }
    }
    if (errcode !== 0) {
      const errmsg = redact(typeof body.errmsg === 'string' ? body.errmsg : '', secrets)
      if (TOKEN_REJECTED.has(errcode)) {
        if (attempt === 0) {
          rejected = token.token
          continue
        }
        return { ok: false, retryable: true, reason: `media/get: ${errcode} ${errmsg}`.trim() }
      }
      const failure = request.classify(errcode, errmsg)
      return {
        ok: false,
        retryable: failure.retryable,
        reason: `media/get: ${failure.reason}`,
        ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
      }
    }
    const videoUrl = typeof body.video_url === 'string' ? body.video_url : ''
    if (/^https?:\/\//i.test(videoUrl)) {
      // An Official Account video: the answer names a download URL that needs no token.
      const video = await downloadMedia(doFetch, videoUrl, {}, hints)
      return video.ok ? video : scrub(video)
    }
    return { ok: false, retryable: false, reason: 'media/get: JSON answer without a file' }
  }
}
