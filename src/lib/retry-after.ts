/** How one caller reads a `Retry-After` header; platforms differ, so each passes its own. */
export interface RetryAfterRules {
  /** Most digits of whole seconds taken as a wait (a longer number is unreadable); default any. */
  maxDigits?: number
  /** Take fractional seconds (`1.5`) too. */
  fractions?: boolean
  /** The clock (ms epoch), to read an HTTP date as well; without it only seconds count. */
  now?: number
}

/**
 * A `Retry-After` header (delta-seconds, or an HTTP date when `now` is given) as ms to wait;
 * undefined when absent or unreadable, so each caller applies its own default (`?? 1000`).
 */
export const retryAfterMs = (
  header: string | null,
  rules: RetryAfterRules = {}
): number | undefined => {
  const value = header?.trim() ?? ''
  if (value === '') return undefined
  const digits = rules.maxDigits === undefined ? '+' : `{1,${rules.maxDigits}}`
  const seconds = new RegExp(`^\\d${digits}${rules.fractions ? '(\\.\\d+)?' : ''}$`)
  if (seconds.test(value)) return Number(value) * 1000
  if (rules.now === undefined) return undefined
  const at = Date.parse(value)
  return Number.isFinite(at) ? Math.max(0, at - rules.now) : undefined
}
