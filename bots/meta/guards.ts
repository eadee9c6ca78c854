import { isRecord } from '../../src/lib/guards'

// Runtime checks for Meta webhook JSON: every field is untrusted until checked here.

/** The value when it is an array, else an empty one. */
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** The records of an array-like value; anything else is skipped. */
export const records = (value: unknown): Record<string, unknown>[] => list(value).filter(isRecord)

/** Parses JSON without throwing; undefined when malformed. */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Unix seconds (number or digit string, as WhatsApp sends them) -> ms; `fallback` otherwise. */
export const secondsToMs = (value: unknown, fallback: number): number => {
  const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0
    ? seconds * 1000
    : fallback
}

/** A ms epoch (Messenger's `timestamp`); `fallback` otherwise. */
export const millis = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fallback

/** A non-empty platform id that is safe inside a conversation key (no `:` or whitespace). */
export const keyId = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[^\s:]+$/.test(value) ? value : undefined
