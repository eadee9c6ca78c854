import { z } from 'zod'
import { apiError } from '../../api/errors'
import { jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { randomId } from '../../lib/crypto'
import { deliver } from '../../notify/deliver'
import {
  mergeSecrets,
  notifyConfigInputSchema,
  notifyConfigSchema,
  redact,
} from '../../notify/schema'
import { readNotifyConfig, writeNotifyConfig } from '../../notify/store'
import type { EscalationNotice, Team } from '../../notify/types'
import { routesFor } from './route-builders'

const route = routesFor('settings')

const teamSchema = z.enum(['senior', 'risk', 'pr'])
const testBodySchema = z.object({ team: teamSchema })
const sendResultSchema = z.union([
  z.object({ ok: z.literal(true), externalId: z.string() }),
  z.object({
    ok: z.literal(false),
    retryable: z.boolean(),
    retryAfterMs: z.number().optional(),
    reason: z.string(),
  }),
])
const testResultSchema = z.object({
  team: teamSchema,
  deliveryId: z.string(),
  results: z.array(
    z.object({ index: z.number().int(), kind: z.string(), result: sendResultSchema })
  ),
})

/** A harmless notice that looks like a real one, so a team can check what it will receive. */
const sampleNotice = (team: Team, now: number): EscalationNotice => ({
  deliveryId: `test-${randomId()}`,
  conversationKey: 'webchat:sample',
  channel: 'webchat',
  level: team === 'senior' ? 1 : 2,
  team,
  reasons: ['test notification'],
  summary:
    'This is a test notification from the customer-service engine. No customer is waiting; ' +
    'real escalations arrive here with a summary and the recent transcript.',
  customer: { id: 'sample', name: 'Sample customer' },
  submittedAt: now,
  expectedResolutionAt: now + 60 * 60 * 1000,
  locale: 'en',
  intent: null,
  transcript: [
    { direction: 'in', author: 'Sample customer', text: 'Where is my order?', at: now - 120_000 },
    { direction: 'out', author: 'bot', text: 'Let me hand you to a colleague.', at: now - 60_000 },
  ],
})

const read = route.admin(
  'get',
  '/',
  'Get the escalation notification targets (webhook secrets redacted)',
  {
    responses: { 200: jsonResponse(notifyConfigInputSchema, 'targets per team') },
  }
)
const write = route.admin(
  'put',
  '/',
  'Replace the notification targets; a redacted secret keeps the stored one',
  {
    request: { body: jsonRequest(notifyConfigInputSchema) },
    responses: { 200: jsonResponse(notifyConfigInputSchema, 'the stored targets, redacted') },
  }
)
const test = route.admin(
  'post',
  '/test',
  'Send a sample escalation to every target of a team now',
  {
    request: { body: jsonRequest(testBodySchema) },
    responses: { 200: jsonResponse(testResultSchema, 'the outcome per target, in order') },
  }
)

/** Admin API for escalation notification targets (`/api/v1/settings/notifications`). */
export const notifySettings = apiRouter('/api/v1/settings/notifications')
  .openapi(read, async (c) => c.json(redact(await readNotifyConfig(c.env.CONFIG)), 200))
  .openapi(write, async (c) => {
    const incoming = c.req.valid('json')
    const merged = mergeSecrets(incoming, await readNotifyConfig(c.env.CONFIG))
    if (!merged.ok) throw apiError(400, 'invalid_body', 'body failed validation', merged.issues)
    const config = notifyConfigSchema.parse(merged.config)
    await writeNotifyConfig(c.env.CONFIG, config)
    return c.json(redact(config), 200)
  })
  .openapi(test, async (c) => {
    const { team } = c.req.valid('json')
    const config = await readNotifyConfig(c.env.CONFIG)
    const now = Date.now()
    const notice = sampleNotice(team, now)
    const deps = { env: c.env, now }
    const results = await Promise.all(
      config.teams[team].map(async (target, index) => ({
        index,
        kind: target.kind,
        result: await deliver(target, notice, deps),
      }))
    )
    return c.json({ team, deliveryId: notice.deliveryId, results }, 200)
  })
