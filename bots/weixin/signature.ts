import { safeEqual } from '../../src/lib/crypto'
import { toHex, utf8 } from '../../src/lib/encoding'

/**
 * WeChat's request signature: the parts (token, timestamp, nonce[, Encrypt]) sorted
 * lexicographically, concatenated, SHA-1, lower-case hex.
 * https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html
 */
export const wxSignature = async (...parts: string[]): Promise<string> =>
  toHex(await crypto.subtle.digest('SHA-1', utf8([...parts].sort().join(''))))

/** Does `signature` match the parts? Constant time; false for a missing or empty signature. */
export const verifyWxSignature = async (
  signature: string | null,
  ...parts: string[]
): Promise<boolean> => {
  if (!signature) return false
  return safeEqual(signature.toLowerCase(), await wxSignature(...parts))
}
