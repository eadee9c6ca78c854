import { hmac, safeEqual, sha256Hex } from '../../src/lib/crypto'
import { toBase64 } from '../../src/lib/encoding'

/** The query parameter that marks a JSON-body webhook and carries hex SHA-256 of the body. */
export const BODY_HASH_PARAM = 'bodySHA256'

/** Request parameters as Twilio signs them: each key with all its values. */
export type SignedParams = ReadonlyMap<string, readonly string[]>

/** Groups decoded form fields by key, keeping repeated keys (`a=1&a=2`). */
export const formParams = (body: string): Map<string, string[]> => {
  const params = new Map<string, string[]>()
  for (const [key, value] of new URLSearchParams(body)) {
    const values = params.get(key)
    if (values) values.push(value)
    else params.set(key, [value])
  }
  return params
}

// Keys sorted, repeated keys' values de-duplicated and sorted, each appended as key+value
// (twilio-node src/webhooks/webhooks.ts, getExpectedTwilioSignature / toFormUrlEncodedParam).
/** The string Twilio signs: the full URL, then every `key + value` in sorted order. */
export const stringToSign = (url: string, params: SignedParams): string => {
  let data = url
  for (const key of [...params.keys()].sort()) {
    const values = [...new Set(params.get(key) ?? [])].sort()
    for (const value of values) data += key + value
  }
  return data
}

/** `X-Twilio-Signature` for a URL and parameters: base64(HMAC-SHA1(authToken, stringToSign)). */
export const twilioSignature = async (
  authToken: string,
  url: string,
  params: SignedParams = new Map()
): Promise<string> => toBase64(await hmac(authToken, stringToSign(url, params), 'SHA-1'))

const DEFAULT_PORTS: Record<string, string> = { 'https:': '443', 'http:': '80' }

// Twilio signs the URL as configured, sometimes with the default port and sometimes without, so
// twilio-node accepts both (validateRequest: addPort / removePort):
// https://www.twilio.com/docs/usage/security#validating-requests
/** The URL spellings a genuine signature may cover: without and with the default port. */
export const urlVariants = (url: URL): string[] => {
  const withoutPort = new URL(url.href)
  withoutPort.port = ''
  const port = DEFAULT_PORTS[url.protocol]
  let withPort = url.href
  if (url.port === '' && port !== undefined) {
    const auth = url.username || url.password
    const userinfo = auth ? `${url.username}${url.password ? `:${url.password}` : ''}@` : ''
    const rest = `${url.pathname}${url.search}${url.hash}`
    withPort = `${url.protocol}//${userinfo}${url.host}:${port}${rest}`
  }
  return [...new Set([withoutPort.href, withPort])]
}

/**
 * Checks `X-Twilio-Signature` for a delivery to `url`. Form webhooks sign the URL plus the body's
 * parameters; JSON-body webhooks (URL carries `bodySHA256`) sign the URL alone, and the body must
 * hash to that parameter. Constant-time comparisons; never throws.
 */
export const verifySignature = async (
  authToken: string,
  signature: string | null,
  url: URL,
  body: string
): Promise<boolean> => {
  try {
    if (!signature) return false
    const bodyHash = url.searchParams.get(BODY_HASH_PARAM)
    const params = bodyHash === null ? formParams(body) : new Map<string, string[]>()
    const expected = urlVariants(url).map((variant) => twilioSignature(authToken, variant, params))
    // Every variant is compared, so timing does not reveal which one matched.
    const matches = await Promise.all(
      expected.map(async (candidate) => safeEqual(signature, await candidate))
    )
    if (!matches.includes(true)) return false
    return bodyHash === null || (await safeEqual(bodyHash.toLowerCase(), await sha256Hex(body)))
  } catch {
    return false
  }
}
