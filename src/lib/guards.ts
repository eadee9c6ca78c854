/** A plain JSON object (not null, not an array): platform payloads are untrusted until checked. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The value when it is a non-empty string (an untrusted payload's id, name or token). */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined
