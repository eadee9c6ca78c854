import type { MiddlewareHandler } from 'hono'
import { readLimitedText } from '../lib/body'
import { apiError } from './errors'

/** Largest JSON body the admin API accepts. */
export const MAX_API_BODY_BYTES = 256 * 1024

/**
 * Reads a route's JSON body before its validator: 413 past `MAX_API_BODY_BYTES` (counted while
 * streaming, not trusted from Content-Length), 400 `invalid_json` when it does not parse. The
 * validator then reads the buffered copy, labelled as JSON: bodies sent without a JSON content type
 * and empty bodies (read as `{}`) are accepted, as they always were.
 */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  const text = await readLimitedText(c.req.raw, MAX_API_BODY_BYTES)
  if (text === null) {
    throw apiError(413, 'payload_too_large', `body over ${MAX_API_BODY_BYTES} bytes`)
  }
  if (text !== '') {
    try {
      JSON.parse(text)
    } catch {
      throw apiError(400, 'invalid_json', 'body is not valid JSON')
    }
  }
  const headers = new Headers(c.req.raw.headers)
  headers.set('content-type', 'application/json')
  headers.delete('content-length')
  // The stream is spent; the validator reads this copy (Hono's own bodyLimit swaps `raw` the same way).
  c.req.raw = new Request(c.req.raw, { headers, body: text === '' ? '{}' : text })
  await next()
}
