import { kvDoc } from '../lib/kv-doc'
import { businessHoursSchema } from './business-hours-schema'
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from './calendar'

/** KV key of the stored business-hours document. */
export const BUSINESS_HOURS_KEY = 'settings:business-hours'

// Every message checks the calendar; the per-isolate cache keeps that off KV's hot path.
const doc = kvDoc(BUSINESS_HOURS_KEY, businessHoursSchema, DEFAULT_BUSINESS_HOURS)

/** The stored business hours, or the default when absent or invalid; cached per isolate 30 s. */
export const readBusinessHours = (kv: KVNamespace, now?: number): Promise<BusinessHours> =>
  doc.read(kv, now)

/** Stores the business hours and drops this isolate's cached copy. */
export const resetBusinessHours = (kv: KVNamespace): Promise<void> => doc.reset(kv)

/** Stores the business hours and drops this isolate's cached copy. */
export const writeBusinessHours = (kv: KVNamespace, value: BusinessHours): Promise<void> =>
  doc.write(kv, value)

/** Drops this isolate's cached copy (tests, or after an out-of-band KV change). */
export const clearBusinessHoursCache = (): void => doc.clearCache()
