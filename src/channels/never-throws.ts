import type { ParseResult, WebhookRequest } from './types'

/** An adapter's `verify` that never throws: anything thrown is a failed check (401). */
export const verifySafely =
  (check: (req: WebhookRequest) => Promise<boolean>) =>
  async (req: WebhookRequest): Promise<boolean> => {
    try {
      return await check(req)
    } catch {
      return false
    }
  }

/**
 * An adapter's `parse` that never throws: anything thrown is an `invalid` request (400) whose
 * reason says what could not be read (`unreadable update: …`).
 */
export const parseSafely =
  (what: string, parse: (req: WebhookRequest) => ParseResult) =>
  (req: WebhookRequest): ParseResult => {
    try {
      return parse(req)
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'unknown'
      return { kind: 'invalid', reason: `unreadable ${what}: ${detail}` }
    }
  }
