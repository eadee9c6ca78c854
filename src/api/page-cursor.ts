import { z } from 'zod'
import { fromBase64, toBase64Url, utf8 } from '../lib/encoding'

// Cursors are opaque base64url JSON of the last row's sort keys.

const encodeCursor = (value: Record<string, unknown>): string =>
  toBase64Url(utf8(JSON.stringify(value)))

const decodeJson = (text: string): unknown => {
  const bytes = fromBase64(text)
  if (!bytes) return null
  try {
    return JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return null
  }
}

/** A `cursor` query parameter decoding to `shape` (the sort keys of a list's order). */
export const cursorParam = <T extends z.ZodType>(shape: T) =>
  z
    .string()
    .max(1024)
    .describe('opaque: `nextCursor` of the previous page')
    .transform((text, ctx): z.output<T> => {
      const parsed = shape.safeParse(decodeJson(text))
      if (parsed.success) return parsed.data
      ctx.addIssue({ code: 'custom', message: 'invalid cursor' })
      return z.NEVER
    })

/** The `limit` query parameter of a paged list. */
export const limitParam = z.coerce.number().int().min(1).max(200).default(50)

/** A page's `nextCursor` in a response. */
export const nextCursorSchema = z
  .string()
  .nullable()
  .describe('pass as `cursor` for the next page; null at the end')

/** Pure: one page of rows fetched with one extra (`limit + 1`) to know whether more follow. */
export const paginate = <T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => Record<string, unknown>
): { items: T[]; nextCursor: string | null } => {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  }
}
