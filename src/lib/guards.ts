/** A plain JSON object (not null, not an array): platform payloads are untrusted until checked. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
