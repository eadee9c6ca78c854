import { businessHoursSchema } from './business-hours-schema'
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from './calendar'

/** KV key of the stored business-hours document. */
export const BUSINESS_HOURS_KEY = 'settings:business-hours'

/** How long one isolate trusts its copy before reading KV again. */
export const BUSINESS_HOURS_TTL_MS = 30_000

// Every message checks the calendar; a short per-isolate cache keeps that off KV's hot path.
let cache: { at: number; value: BusinessHours } | null = null

/** The stored business hours, or the default when absent or invalid; cached per isolate 30 s. */
export const readBusinessHours = async (
  kv: KVNamespace,
  now: number = Date.now()
): Promise<BusinessHours> => {
  if (cache && now >= cache.at && now - cache.at < BUSINESS_HOURS_TTL_MS) return cache.value
  let value: BusinessHours = DEFAULT_BUSINESS_HOURS
  try {
    const parsed = businessHoursSchema.safeParse(await kv.get(BUSINESS_HOURS_KEY, 'json'))
    if (parsed.success) value = parsed.data
  } catch {
    // Unparseable JSON reads as absent: the shop keeps its default hours rather than failing.
  }
  cache = { at: now, value }
  return value
}

/** Stores the business hours and drops this isolate's cached copy. */
export const writeBusinessHours = async (kv: KVNamespace, value: BusinessHours): Promise<void> => {
  await kv.put(BUSINESS_HOURS_KEY, JSON.stringify(value))
  cache = null
}

/** Drops this isolate's cached copy (tests, or after an out-of-band KV change). */
export const clearBusinessHoursCache = (): void => {
  cache = null
}
