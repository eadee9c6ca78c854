import { z } from 'zod'
import { cursorParam, limitParam, nextCursorSchema } from '../../api/page-cursor'
import type { Note } from '../../conversation/notes'
import type {
  ConversationView,
  EscalationRecord,
  TranscriptAttachment,
  TranscriptMessage,
} from '../../conversation/types'
import type { TargetView } from '../../conversation/view'
import { FORMATS, type FileFormat } from '../../files/formats'
import { TEAMS, type Team } from '../../notify/types'
import type { SlaEvent } from '../../sla/engine'
import { TARGET_KINDS } from '../../sla/policy'
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

const time = z.number().int().describe('ms since epoch')

const attachmentSchema: z.ZodType<TranscriptAttachment> = z.object({
  kind: z.enum(['image', 'file', 'audio', 'video']),
  ref: z.string().describe("the platform's handle for the file"),
  mimeType: z.string().optional(),
  name: z.string().optional(),
  size: z.number().int().optional(),
  fileId: z.string().optional().describe('the stored file, once fetched (downloads go through it)'),
  format: z.enum(Object.keys(FORMATS) as [FileFormat, ...FileFormat[]]).optional(),
  problem: z
    .enum(['too_large', 'unsupported', 'empty', 'failed'])
    .optional()
    .describe('why it was not stored; the customer was told'),
  detail: z.string().optional().describe("the platform's answer when fetching failed for good"),
})

const messageSchema: z.ZodType<TranscriptMessage> = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(['message', 'action']),
  author: z.enum(['customer', 'bot', 'agent']),
  agent: z.string().optional(),
  text: z.string(),
  buttons: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  attachments: z.array(attachmentSchema).optional(),
  template: z.string().optional().describe('the template a bot reply was written from'),
  at: time,
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  error: z.string().optional(),
  attempts: z.number().int().optional(),
  sentAt: time.optional(),
  editedAt: time.optional(),
  delivery: z
    .enum(['sent', 'delivered', 'read', 'failed', 'unknown'])
    .optional()
    .describe("the platform's newest delivery receipt for a sent message"),
})

// The stored state has more fields (clocks, orders, work orders); these are the ones agents act on.
const stateSchema = z
  .looseObject({
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
  })
  .describe("the conversation's state")

const noteSchema: z.ZodType<Note> = z.object({
  id: z.number().int(),
  agent: z.string(),
  text: z.string(),
  at: time,
})

const targetSchema: z.ZodType<TargetView> = z.object({
  target: z.enum(TARGET_KINDS),
  status: z.enum(['running', 'paused', 'met', 'breached', 'cancelled']),
  startedAt: time,
  dueAt: time,
  warned: z.boolean(),
  remainingMs: z.number().nullable().describe('time left while paused'),
  endedAt: time.nullable(),
})

const slaEventSchema: z.ZodType<SlaEvent> = z.object({
  target: z.enum(TARGET_KINDS),
  event: z.enum([
    'started',
    'warned',
    'met',
    'breached',
    'paused',
    'resumed',
    'cancelled',
    'update_due',
  ]),
  at: time,
  dueAt: time.optional(),
})

const escalationSchema: z.ZodType<EscalationRecord> = z.object({
  level: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  reasons: z.array(z.string()),
  summary: z.string(),
  evidence: z.array(z.number().int()).describe('ids of the customer messages that triggered it'),
  submittedAt: time,
  by: z.string(),
  teams: z.array(z.enum(TEAMS as [Team, ...Team[]])),
  firstHandlingAt: time.nullable(),
  firstHandling: z.string().nullable(),
  handler: z.string().nullable(),
  expectedResolutionAt: time.nullable(),
  resolvedAt: time.nullable(),
  solution: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
})

const notificationSchema: z.ZodType<ConversationView['notifications'][number]> = z.object({
  id: z.string(),
  team: z.string(),
  level: z.number().int(),
  status: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
})

/** Response of `GET /api/v1/conversations/{key}`: state, a page of the transcript, the details. */
export const viewSchema = z.object({
  state: stateSchema,
  messages: z.array(messageSchema),
  nextBefore: z.number().int().nullable().describe('pass as `before` for the previous page'),
  notes: z.array(noteSchema).describe('private notes, oldest first'),
  sla: z.object({
    breaches: z.number().int(),
    targets: z.array(targetSchema),
    events: z.array(slaEventSchema),
  }),
  escalation: escalationSchema.nullable(),
  notifications: z.array(notificationSchema).describe('team notifications, newest first'),
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
export const stateBody = z.object({ state: stateSchema })
/** Body of `assign`. */
export const assignBody = z.object({ agent: z.string().trim().min(1).max(64) })
/** Body of `resolve` and `close`. */
export const resolveBody = z.object({ solution: z.string().trim().max(2000).optional() })
/** Body of `escalate`. */
export const escalateBody = z.object({
  level: z.union([z.literal(1), z.literal(2)]),
  reason: z.string().trim().min(1).max(500),
})
