import type { z } from 'zod'

/** A validated JSON document in KV with a short per-isolate cache (settings and policies). */
export interface KvDoc<T> {
  read(kv: KVNamespace, now?: number): Promise<T>
  write(kv: KVNamespace, value: T): Promise<void>
  /** Deletes the stored document, so the default applies again. */
  reset(kv: KVNamespace): Promise<void>
  clearCache(): void
}

/**
 * Settings are read on hot paths (every message checks the SLA policy), so each isolate trusts
 * its copy for `ttlMs`; a write from another isolate shows up within that time. An absent or
 * invalid stored document reads as the default and a failed read keeps the last copy, so the
 * shop keeps working.
 */
export const kvDoc = <S extends z.ZodType>(
  key: string,
  schema: S,
  fallback: z.output<S>,
  ttlMs = 30_000
): KvDoc<z.output<S>> => {
  let cache: { at: number; value: z.output<S> } | null = null
  return {
    async read(kv, now = Date.now()) {
      if (cache && now >= cache.at && now - cache.at < ttlMs) return cache.value
      let value = fallback
      try {
        const parsed = schema.safeParse(await kv.get(key, 'json'))
        if (parsed.success) value = parsed.data
      } catch {
        // Unparseable JSON or a failed read: keep running on what this isolate had.
        value = cache?.value ?? fallback
      }
      cache = { at: now, value }
      return value
    },
    async write(kv, value) {
      await kv.put(key, JSON.stringify(value))
      cache = null
    },
    async reset(kv) {
      await kv.delete(key)
      cache = null
    },
    clearCache() {
      cache = null
    },
  }
}
