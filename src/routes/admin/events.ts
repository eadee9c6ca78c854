import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute } from '../../api/openapi'
import { readJson } from '../../api/validate'
import { parseKey } from '../../channels/keys'
import { LOCALE_TAG_PATTERN } from '../../flows/schema'
import type { AppEnv } from '../../env'

const eventBody = z
  .object({
    type: z.enum([
      'order.created',
      'order.paid',
      'order.cancelled',
      'order.shipped',
      'order.refunded',
    ]),
    conversationKey: z
      .string()
      .min(3)
      .max(300)
      .refine((k) => parseKey(k) !== null, 'must be <channel>:<ids>'),
    orderId: z.string().trim().min(1).max(64),
    amount: z.number().nonnegative().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    tracking: z.string().trim().max(64).optional(),
    carrier: z.string().trim().max(64).optional(),
    /** The customer's language, for a conversation the customer hasn't written in yet (`zh-CN`, `en`). */
    locale: z.string().regex(LOCALE_TAG_PATTERN).optional(),
  })
  .strict()

documentRoute({
  method: 'post',
  path: '/api/v1/events',
  summary:
    'Order events from the shop system: unpaid orders get a payment reminder after the policy delay (business hours respected), cancelled by payment or cancellation; shipping sends the tracking template',
  tag: 'events',
  access: 'admin',
  body: eventBody,
  responses: {
    202: {
      description: 'recorded',
      schema: z.object({ accepted: z.literal(true), conversationKey: z.string() }),
    },
  },
})

/** `POST /api/v1/events` (the shop system's integration, admin token). */
export const events = new Hono<AppEnv>().post('/', requireRole('admin'), async (c) => {
  const { conversationKey, type, orderId, ...rest } = await readJson(c, eventBody)
  const result = await c.env.CONVERSATION.getByName(conversationKey).orderEvent(conversationKey, {
    type,
    orderId,
    ...rest,
  })
  if (!result.ok) throw apiError(404, 'not_found', result.message)
  return c.json({ accepted: true as const, conversationKey }, 202)
})
