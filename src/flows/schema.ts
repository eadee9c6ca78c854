import { z } from 'zod'
import { checkFlow, checkTemplate } from './schema-checks'
import { ACTION_ID_PATTERN, LIMITS, STAGES, TEMPLATE_ID_PATTERN } from './schema-rules'
import type { FlowDoc, TemplateDoc } from './types'

// The rules are imported from here across the app (admin routes, knowledge, console).
export {
  ACTION_ID_PATTERN,
  LIMITS,
  LOCALE_TAG_PATTERN,
  STAGES,
  TEMPLATE_ID_PATTERN,
} from './schema-rules'

/** One problem with an input, with a dotted path (the admin API's issue shape). */
export interface Issue {
  path: string
  message: string
}

// Admin input rejects unknown keys (a typo like `button` must not vanish silently); stored docs
// are read leniently so a field added later doesn't invalidate old versions.
type ObjectFactory = typeof z.object
const objectSchemas = (object: ObjectFactory) => {
  const actionId = z.string().regex(ACTION_ID_PATTERN, `must match ${ACTION_ID_PATTERN.source}`)
  const templateId = z
    .string()
    .regex(TEMPLATE_ID_PATTERN, `must match ${TEMPLATE_ID_PATTERN.source}`)
  const nonBlank = (max: number) => z.string().min(1).max(max).regex(/\S/, 'must not be blank')
  const byLocale = <T extends z.ZodType>(value: T, what: string) =>
    z
      .record(z.string(), value)
      .refine((r) => Object.keys(r).length > 0, `needs at least one ${what}`)
  const patterns = byLocale(
    z.array(z.string().min(1).max(LIMITS.pattern)).min(1).max(LIMITS.patternsPerLocale),
    'locale'
  )
  // Intent patterns are optional overrides now that the classifier routes: empty is fine.
  const intentPatterns = z.record(
    z.string(),
    z.array(z.string().min(1).max(LIMITS.pattern)).max(LIMITS.patternsPerLocale)
  )
  const examples = z.record(
    z.string(),
    z.array(nonBlank(LIMITS.example)).max(LIMITS.examplesPerLocale)
  )
  const intent = object({
    id: actionId,
    step: actionId,
    patterns: intentPatterns,
    examples: examples.optional(),
  })

  const button = object({ id: actionId, labels: byLocale(nonBlank(LIMITS.label), 'label') })
  const template = object({
    locales: byLocale(nonBlank(LIMITS.text), 'locale'),
    buttons: z.array(button).max(LIMITS.buttons).optional(),
  })
  const capture = object({
    variable: z.string().min(1).max(64),
    pattern: z.string().min(1).max(LIMITS.pattern),
    next: actionId,
    invalid: actionId.optional(),
  })
  const step = object({
    stage: z.enum(STAGES),
    say: z.array(templateId).max(LIMITS.say),
    intent: actionId.optional(),
    capture: capture.optional(),
    on: z.record(z.string(), actionId).optional(),
    replies: z.record(z.string(), patterns).optional(),
    handoff: z.boolean().optional(),
    expects: z.enum(['confirm', 'order_id', 'phone', 'photo', 'text', 'choice']).optional(),
    lookup: z.enum(['order', 'known_order']).optional(),
    ticket: z
      .object({
        category: z.string().trim().min(1).max(40),
        urgency: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
      })
      .strict()
      .optional(),
  })
  const flow = object({
    start: actionId,
    intents: z.array(intent).max(LIMITS.intents),
    actions: z.record(z.string(), actionId),
    steps: z
      .record(z.string(), step)
      .refine((r) => Object.keys(r).length > 0, 'needs at least one step'),
    fallback: object({ reask: actionId, offerHuman: actionId }),
    classifier: object({ threshold: z.number().min(0).max(1) }).optional(),
  })
  return { template, flow }
}

// Same output types either way; only the handling of unknown keys differs.
const strict = objectSchemas(z.strictObject as unknown as ObjectFactory)
const lenient = objectSchemas(z.object)

/** Admin input for a template version (PUT body, minus id/version/updatedAt). */
export const templateInputSchema = strict.template.superRefine(checkTemplate)

/** A stored template version as read from KV (structure only: it was checked at publish). */
export const templateDocSchema: z.ZodType<TemplateDoc> = lenient.template.extend({
  id: z.string().regex(TEMPLATE_ID_PATTERN),
  version: z.number().int().nonnegative(),
  updatedAt: z.string().min(1),
})

/** Admin input for a flow version (PUT body, minus id/version/updatedAt). */
export const flowInputSchema = strict.flow.superRefine((flow, ctx) => checkFlow(flow, ctx, true))

/** A stored flow version as read from KV; references are re-checked (a bad one strands chats). */
export const flowDocSchema: z.ZodType<FlowDoc> = lenient.flow
  .extend({
    id: z.string().regex(TEMPLATE_ID_PATTERN),
    version: z.number().int().nonnegative(),
    updatedAt: z.string().min(1),
  })
  .superRefine((flow, ctx) => checkFlow(flow, ctx, false))

/** A valid template input. */
export type TemplateInput = z.infer<typeof templateInputSchema>

/** A valid flow input. */
export type FlowInput = z.infer<typeof flowInputSchema>

/** `say` entries naming templates that don't exist, as admin API issues. */
export const validateFlowTemplates = (
  flow: Pick<FlowDoc, 'steps'>,
  templateIds: ReadonlySet<string>
): Issue[] =>
  Object.entries(flow.steps).flatMap(([id, step]) =>
    step.say.flatMap((template, i) =>
      templateIds.has(template)
        ? []
        : [{ path: `steps.${id}.say.${i}`, message: `unknown template "${template}"` }]
    )
  )

/** Buttons a step's templates show that nothing handles there (neither `on` nor `actions`). */
export const validateFlowButtons = (
  flow: Pick<FlowDoc, 'steps' | 'actions'>,
  templates: Record<string, Pick<TemplateDoc, 'buttons'>>
): Issue[] =>
  Object.entries(flow.steps).flatMap(([id, step]) =>
    step.say.flatMap((template, i) =>
      (Object.hasOwn(templates, template) ? (templates[template]?.buttons ?? []) : [])
        .filter((b) => !Object.hasOwn(step.on ?? {}, b.id) && !Object.hasOwn(flow.actions, b.id))
        .map((b) => ({
          path: `steps.${id}.say.${i}`,
          message: `button "${b.id}" of template "${template}" leads nowhere`,
        }))
    )
  )
