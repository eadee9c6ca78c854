import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { classify, writeAudit } from './log'

const later = (c: Context<AppEnv>, work: Promise<unknown>): Promise<unknown> | undefined => {
  try {
    c.executionCtx.waitUntil(work)
    return undefined
  } catch {
    // No execution context (a direct app.request in tests): finish before answering.
    return work
  }
}

/**
 * Records reads of customer data and every change, by whoever the auth layer identified, after the
 * answer is ready (waitUntil): no extra D1 round trip before the caller gets its answer, and none
 * at all on the webhook path, which this is never mounted on.
 */
export const audit: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  const actor = c.get('actorId')
  if (!actor) return
  const path = new URL(c.req.url).pathname
  const kind = classify(c.req.method, path)
  if (!kind) return
  const write = writeAudit(c.env.DB, {
    at: Date.now(),
    actor,
    // The auth layer sets actor and role together with actorId.
    actorName: c.get('actor'),
    role: c.get('role'),
    action: kind.action,
    method: c.req.method,
    path,
    target: kind.target,
    ip: c.req.header('CF-Connecting-IP') ?? null,
    status: c.res.status,
  }).catch((err: unknown) => console.error('audit write failed', path, err))
  const pending = later(c, write)
  if (pending) await pending
}
