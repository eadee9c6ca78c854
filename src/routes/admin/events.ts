import { z } from 'zod'
import { apiError } from '../../api/errors'
import { errorResponse, jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { parseKey } from '../../channels/keys'
import { LOCALE_TAG_PATTERN } from '../../flows/schema'
import { routesFor } from './route-builders'

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

const record = routesFor('events').admin(
  'post',
  '/',
  'Order events from the shop system: unpaid orders get a payment reminder after the policy delay (business hours respected), cancelled by payment or cancellation; shipping sends the tracking template',
  {
    request: { body: jsonRequest(eventBody) },
    responses: {
      202: jsonResponse(
        z.object({ accepted: z.literal(true), conversationKey: z.string() }),
        'recorded'
      ),
      404: errorResponse('no such conversation'),
    },
  }
)

/** `POST /api/v1/events` (the shop system's integration, admin token). */
export const events = apiRouter('/api/v1/events').openapi(record, async (c) => {
  const { conversationKey, type, orderId, ...rest } = c.req.valid('json')
  const result = await c.env.CONVERSATION.getByName(conversationKey).orderEvent(conversationKey, {
    type,
    orderId,
    ...rest,
  })
  if (!result.ok) throw apiError(404, 'not_found', result.message)
  return c.json({ accepted: true as const, conversationKey }, 202)
})
