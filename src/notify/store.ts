import { notifyConfigSchema } from './schema'
import type { NotifyConfig } from './types'

/** The KV key of the notification settings (in the `CONFIG` namespace). */
export const NOTIFY_KEY = 'settings:notify'

/** How long an isolate reuses a read of the settings. */
export const NOTIFY_CACHE_MS = 30_000

const empty = (): NotifyConfig => ({ teams: { senior: [], risk: [], pr: [] } })

const parseJson = (text: string | null): unknown => {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

// Per isolate and per namespace binding, so test files with separate storage don't share it.
const cache = new WeakMap<KVNamespace, { at: number; config: NotifyConfig }>()

/**
 * The settings, cached per isolate for 30 s; no or invalid document reads as no targets.
 * A KV failure falls back to the last cached read, else rethrows so the caller can retry.
 */
export const readNotifyConfig = async (
  kv: KVNamespace,
  now = Date.now()
): Promise<NotifyConfig> => {
  const hit = cache.get(kv)
  if (hit && now >= hit.at && now - hit.at < NOTIFY_CACHE_MS) return structuredClone(hit.config)
  let text: string | null
  try {
    text = await kv.get(NOTIFY_KEY)
  } catch (error) {
    if (hit) return structuredClone(hit.config)
    throw error
  }
  const parsed = notifyConfigSchema.safeParse(parseJson(text))
  const config = parsed.success ? parsed.data : empty()
  cache.set(kv, { at: now, config })
  return structuredClone(config)
}

/** Stores the settings and refreshes this isolate's cache. */
export const writeNotifyConfig = async (
  kv: KVNamespace,
  config: NotifyConfig,
  now = Date.now()
): Promise<void> => {
  const valid = notifyConfigSchema.parse(config)
  await kv.put(NOTIFY_KEY, JSON.stringify(valid))
  cache.set(kv, { at: now, config: valid })
}
