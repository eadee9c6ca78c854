import type { Context } from 'hono'
import type { z } from 'zod'
import { readLimitedText } from '../lib/body'
import { apiError, type FieldIssue } from './errors'
import { MAX_API_BODY_BYTES } from './json-body'

export { MAX_API_BODY_BYTES } from './json-body'

/** Converts zod issues to `{ path, message }` with dotted paths. */
export const toFieldIssues = (issues: readonly z.core.$ZodIssue[]): FieldIssue[] =>
  issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }))

/** Reads and validates a JSON body: 413 when too large, 400 with field paths when invalid. */
export const readJson = async <S extends z.ZodType>(
  c: Context,
  schema: S
): Promise<z.output<S>> => {
  const text = await readLimitedText(c.req.raw, MAX_API_BODY_BYTES)
  if (text === null) {
    throw apiError(413, 'payload_too_large', `body over ${MAX_API_BODY_BYTES} bytes`)
  }
  let data: unknown
  try {
    data = text === '' ? {} : JSON.parse(text)
  } catch {
    throw apiError(400, 'invalid_json', 'body is not valid JSON')
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    throw apiError(
      400,
      'invalid_body',
      'body failed validation',
      toFieldIssues(parsed.error.issues)
    )
  }
  return parsed.data
}

/** Validates the query string: 400 with field paths when invalid. */
export const readQuery = <S extends z.ZodType>(c: Context, schema: S): z.output<S> => {
  const parsed = schema.safeParse(c.req.query())
  if (!parsed.success) {
    throw apiError(
      400,
      'invalid_query',
      'query failed validation',
      toFieldIssues(parsed.error.issues)
    )
  }
  return parsed.data
}
