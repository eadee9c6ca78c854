import type { z } from 'zod'

/** Reads a mutable JSON key; unreadable or invalid values count as absent (null). */
export const readJsonKey = async <T>(
  kv: KVNamespace,
  key: string,
  schema: z.ZodType<T>
): Promise<T | null> => {
  try {
    const parsed = schema.safeParse(await kv.get(key, 'json'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
