import { DEFAULT_CONVERSATION_TEMPLATES } from './default-templates-conversation'
import { DEFAULT_FOLLOWUP_TEMPLATES } from './default-templates-followup'
import { DEFAULT_ORDER_TEMPLATES } from './default-templates-orders'
import type { TemplateDoc } from './types'

// The bundled copy: version 0 of every template, in zh-CN and en, written by topic in
// default-templates-*.ts. Shops override any template by publishing a newer version through the
// admin API. The flow that says them is default-pack.ts.

const UPDATED_AT = '2026-01-01T00:00:00.000Z'

/** Templates the engine says by id, outside any step (each may have an `.offhours` twin). */
export const ENGINE_TEMPLATES = [
  'intro',
  'knowledge.more',
  'ack.waiting',
  'promise.update',
  'promise.update.resolution',
  'ticket.ask',
  'ticket.registered',
  'ticket.noted',
  'ticket.noted.due',
  'ticket.progress',
  'ticket.progress.again',
  'ticket.progress.late',
  'ticket.progress.late.again',
  'ticket.closed',
  'file.too_large',
  'file.unsupported',
  'file.failed',
] as const

/** Version 0 of every bundled template, by id. */
export const DEFAULT_TEMPLATES: Record<string, TemplateDoc> = Object.fromEntries(
  Object.entries({
    ...DEFAULT_CONVERSATION_TEMPLATES,
    ...DEFAULT_ORDER_TEMPLATES,
    ...DEFAULT_FOLLOWUP_TEMPLATES,
  }).map(([id, source]) => [
    id,
    { id, version: 0, ...source, updatedAt: UPDATED_AT } satisfies TemplateDoc,
  ])
)
