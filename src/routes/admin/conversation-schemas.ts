import { z } from 'zod'
import { cursorParam, limitParam, nextCursorSchema } from '../../api/page-cursor'
import { listedConversationSchema } from '../../tables/conversations'

/** Query of `GET /api/v1/conversations`. */
export const listQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  owner: z.enum(['bot', 'human']).optional(),
  level: z.enum(['0', '1', '2']).transform(Number).optional(),
  channel: z.string().min(1).max(64).optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .describe('true: at least one SLA breach')
    .optional(),
  q: z
    .string()
    .min(1)
    .max(100)
    .describe('case-insensitive substring of customer name or last message')
    .optional(),
  limit: limitParam,
  cursor: cursorParam(z.object({ updatedAt: z.number().int(), key: z.string() })).optional(),
})

/** Response of `GET /api/v1/conversations`. */
export const listPage = z.object({
  conversations: z.array(listedConversationSchema),
  nextCursor: nextCursorSchema,
})

const messageSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(['message', 'action']),
  author: z.enum(['customer', 'bot', 'agent']),
  agent: z.string().optional(),
  text: z.string(),
  buttons: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  at: z.number().int().describe('ms since epoch'),
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  error: z.string().optional(),
  attempts: z.number().int().optional(),
  sentAt: z.number().int().optional(),
  editedAt: z.number().int().optional(),
})

/** Response of `GET /api/v1/conversations/{key}`: state and a page of the transcript. */
export const viewSchema = z.object({
  state: z.object({
    key: z.string(),
    channel: z.string(),
    status: z.enum(['open', 'resolved']),
    owner: z.enum(['bot', 'human']),
    stage: z.string(),
    step: z.string().nullable(),
    intent: z.string().nullable(),
    locale: z.string(),
    agent: z.string().nullable(),
    vars: z.record(z.string(), z.string()),
  }),
  messages: z.array(messageSchema),
  nextBefore: z.number().int().nullable(),
})

/** Query of `GET /api/v1/conversations/{key}`: a page of the transcript. */
export const pageQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/** Body of an agent's reply. */
export const replyBody = z.object({ text: z.string().trim().min(1).max(4000) })
/** Response of an agent's reply. */
export const replyQueued = z.object({ id: z.number().int(), status: z.literal('queued') })
/** Response of the actions (assign, release, resolve, close, escalate): the new state. */
export const stateBody = z.object({ state: z.record(z.string(), z.unknown()) })
/** Body of `assign`. */
export const assignBody = z.object({ agent: z.string().trim().min(1).max(64) })
/** Body of `resolve` and `close`. */
export const resolveBody = z.object({ solution: z.string().trim().max(2000).optional() })
/** Body of `escalate`. */
export const escalateBody = z.object({
  level: z.union([z.literal(1), z.literal(2)]),
  reason: z.string().trim().min(1).max(500),
})
