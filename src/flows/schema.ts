import { z } from 'zod'
import { scanPlaceholders } from './render'
import type { FlowDoc, FlowStep, Stage, TemplateDoc } from './types'
import { isKnownVariable } from './variables'

/** Button, action and step ids. */
export const ACTION_ID_PATTERN = /^[a-z0-9_.:-]{1,64}$/

/** Template ids as `say` names them (the store's document id rule). */
export const TEMPLATE_ID_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/

/** Locale tags, BCP-47 shaped: `zh-CN`, `en`, `zh-Hant-TW`. */
export const LOCALE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

/** Limits of the admin input. */
export const LIMITS = {
  text: 4000,
  label: 40,
  buttons: 10,
  pattern: 500,
  patternsPerLocale: 50,
  example: 200,
  examplesPerLocale: 300,
  intents: 200,
  steps: 200,
  say: 10,
} as const

/** The five stages, in order. */
export const STAGES = [
  'greeting',
  'listening',
  'solution',
  'objection',
  'closing',
] as const satisfies readonly Stage[]

/** One problem with an input, with a dotted path (the admin API's issue shape). */
export interface Issue {
  path: string
  message: string
}

type Path = (string | number)[]
type Ctx = { addIssue: (issue: { code: 'custom'; message: string; path: Path }) => void }

const report = (ctx: Ctx, path: Path, message: string) =>
  ctx.addIssue({ code: 'custom', message, path })

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

const checkLocaleTag = (ctx: Ctx, path: Path, tag: string) => {
  if (!LOCALE_TAG_PATTERN.test(tag)) {
    report(ctx, path, `invalid locale tag "${tag}" (e.g. zh-CN, en)`)
  }
}

const checkPlaceholders = (ctx: Ctx, path: Path, text: string) => {
  for (const p of scanPlaceholders(text)) {
    if (p.name === null) report(ctx, path, `malformed placeholder ${p.raw}`)
    else if (!isKnownVariable(p.name)) report(ctx, path, `unknown variable {{${p.name}}}`)
  }
}

type TemplateShape = Pick<TemplateDoc, 'locales' | 'buttons'>

const checkTemplate = (doc: TemplateShape, ctx: Ctx) => {
  for (const [tag, text] of Object.entries(doc.locales)) {
    checkLocaleTag(ctx, ['locales', tag], tag)
    checkPlaceholders(ctx, ['locales', tag], text)
  }
  const seen = new Set<string>()
  for (const [i, button] of (doc.buttons ?? []).entries()) {
    if (seen.has(button.id)) report(ctx, ['buttons', i, 'id'], `duplicate button id "${button.id}"`)
    seen.add(button.id)
    for (const [tag, label] of Object.entries(button.labels)) {
      checkLocaleTag(ctx, ['buttons', i, 'labels', tag], tag)
      checkPlaceholders(ctx, ['buttons', i, 'labels', tag], label)
    }
  }
}

/** Admin input for a template version (PUT body, minus id/version/updatedAt). */
export const templateInputSchema = strict.template.superRefine(checkTemplate)

/** A stored template version as read from KV (structure only: it was checked at publish). */
export const templateDocSchema: z.ZodType<TemplateDoc> = lenient.template.extend({
  id: z.string().regex(TEMPLATE_ID_PATTERN),
  version: z.number().int().nonnegative(),
  updatedAt: z.string().min(1),
})

type FlowShape = Omit<FlowDoc, 'id' | 'version' | 'updatedAt'>

const checkRegex = (ctx: Ctx, path: Path, source: string) => {
  let re: RegExp
  try {
    re = new RegExp(source, 'iu')
  } catch (error) {
    report(ctx, path, `invalid regex: ${error instanceof Error ? error.message : String(error)}`)
    return
  }
  // A pattern that matches empty text would match every message.
  if (re.test('')) report(ctx, path, 'regex matches empty text')
}

const checkPatterns = (ctx: Ctx, path: Path, byLocale: Record<string, string[]>) => {
  for (const [tag, sources] of Object.entries(byLocale)) {
    checkLocaleTag(ctx, [...path, tag], tag)
    sources.forEach((source, i) => checkRegex(ctx, [...path, tag, i], source))
  }
}

const checkFlow = (flow: FlowShape, ctx: Ctx, registry: boolean) => {
  const has = (id: string) => Object.hasOwn(flow.steps, id)
  const ref = (path: Path, id: string | undefined) => {
    if (id !== undefined && !has(id)) report(ctx, path, `unknown step "${id}"`)
  }
  const actionKey = (path: Path, id: string) => {
    if (!ACTION_ID_PATTERN.test(id)) report(ctx, path, `invalid action id "${id}"`)
  }

  ref(['start'], flow.start)
  ref(['fallback', 'reask'], flow.fallback.reask)
  ref(['fallback', 'offerHuman'], flow.fallback.offerHuman)
  flow.intents.forEach((rule, i) => {
    ref(['intents', i, 'step'], rule.step)
    checkPatterns(ctx, ['intents', i, 'patterns'], rule.patterns)
    for (const tag of Object.keys(rule.examples ?? {})) {
      checkLocaleTag(ctx, ['intents', i, 'examples', tag], tag)
    }
    const count = (byLocale: Record<string, string[]> | undefined) =>
      Object.values(byLocale ?? {}).reduce((sum, list) => sum + list.length, 0)
    if (count(rule.patterns) === 0 && count(rule.examples) === 0) {
      report(ctx, ['intents', i], 'needs patterns or examples (nothing would lead to it)')
    }
  })
  for (const [action, target] of Object.entries(flow.actions)) {
    actionKey(['actions', action], action)
    ref(['actions', action], target)
  }
  for (const [id, step] of Object.entries(flow.steps) as [string, FlowStep][]) {
    const at = (...rest: Path): Path => ['steps', id, ...rest]
    if (!ACTION_ID_PATTERN.test(id)) report(ctx, at(), `invalid step id "${id}"`)
    for (const [action, target] of Object.entries(step.on ?? {})) {
      actionKey(at('on', action), action)
      ref(at('on', action), target)
    }
    for (const [action, byLocale] of Object.entries(step.replies ?? {})) {
      const handled = Object.hasOwn(step.on ?? {}, action) || Object.hasOwn(flow.actions, action)
      if (!handled) report(ctx, at('replies', action), `action "${action}" is not in on or actions`)
      checkPatterns(ctx, at('replies', action), byLocale)
    }
    // What a step expects or looks up must lead somewhere, or the customer is left without a reply.
    if (step.lookup === 'order') {
      for (const outcome of ['order.found', 'order.unknown']) {
        if (!Object.hasOwn(step.on ?? {}, outcome))
          report(ctx, at('on'), `lookup "order" needs on["${outcome}"]`)
      }
    }
    if (step.lookup === 'known_order' && !step.capture)
      report(ctx, at('lookup'), 'lookup "known_order" needs a capture')
    if (step.expects === 'text' && !Object.hasOwn(step.on ?? {}, 'text'))
      report(ctx, at('on'), 'expects "text" needs on.text')
    if (step.capture) {
      const { variable, pattern, next, invalid } = step.capture
      if (registry && !isKnownVariable(variable)) {
        report(ctx, at('capture', 'variable'), `unknown variable "${variable}"`)
      }
      checkRegex(ctx, at('capture', 'pattern'), pattern)
      ref(at('capture', 'next'), next)
      ref(at('capture', 'invalid'), invalid)
    }
  }
  if (Object.keys(flow.steps).length > LIMITS.steps) {
    report(ctx, ['steps'], `at most ${LIMITS.steps} steps`)
  }
}

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
