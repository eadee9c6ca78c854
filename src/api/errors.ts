import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'

/** Machine-readable error codes of the HTTP API. */
export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_query'
  | 'payload_too_large'
  | 'admin_not_configured'
  | 'channel_not_configured'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'
  | 'unknown_category'
  | 'missing_customer'
  | 'invalid_transition'
  | 'missing_input'
  | 'invalid_merge'
  | 'link_expired'
  | 'unsupported_format'
  | 'invalid_file'
  | 'no_conversation'

/** One field-level problem, with a dotted path into the input. */
export interface FieldIssue {
  path: string
  message: string
}

/** The error body every API route answers with (contract). */
export const errorBody = (code: ErrorCode, message: string, issues?: FieldIssue[]) => ({
  error: issues ? { code, message, issues } : { code, message },
})

/** An error response as an exception, so handlers and middleware can stop with it. */
export const apiError = (
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  issues?: FieldIssue[]
): HTTPException =>
  new HTTPException(status, { res: Response.json(errorBody(code, message, issues), { status }) })

/** The error body, as a schema for the OpenAPI document. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
})
