import { type WxAnswer, redact, requestJson } from './http'
import { type TokenSource, getAccessToken } from './token'

// Invalid credential, invalid access_token, access_token expired:
// https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
export const TOKEN_REJECTED: ReadonlySet<number> = new Set([40001, 40014, 42001])

/**
 * POSTs `payload` to `${base}${path}?access_token=...` with the cached token. When the platform
 * rejects the token it is refreshed once and the call retried once. Never throws; the token and
 * secret never appear in a failure reason.
 */
export const callApi = async (
  source: TokenSource,
  doFetch: typeof fetch,
  now: number,
  path: string,
  payload: unknown
): Promise<WxAnswer> => {
  let rejected: string | undefined
  for (let attempt = 0; ; attempt++) {
    const token = await getAccessToken(source, doFetch, now, rejected)
    if (!token.ok) return { kind: 'failure', failure: token }
    const url = `${source.base}${path}?access_token=${encodeURIComponent(token.token)}`
    const answer = await requestJson(doFetch, url, payload, [token.token, source.secret])
    if (answer.kind === 'error' && TOKEN_REJECTED.has(answer.errcode) && attempt === 0) {
      rejected = token.token
      continue
    }
    if (answer.kind === 'error') {
      return { ...answer, errmsg: redact(answer.errmsg, [token.token, source.secret]) }
    }
    return answer
  }
}
