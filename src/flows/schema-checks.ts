import { scanPlaceholders } from './render'
import { ACTION_ID_PATTERN, LIMITS, LOCALE_TAG_PATTERN } from './schema-rules'
import type { FlowDoc, FlowStep, TemplateDoc } from './types'
import { isKnownVariable } from './variables'

// The checks beyond shape that templates and flows must pass (as zod refinements, in schema.ts).

type Path = (string | number)[]
/** Where a check reports its issues (zod's refinement context). */
export type Ctx = { addIssue: (issue: { code: 'custom'; message: string; path: Path }) => void }

const report = (ctx: Ctx, path: Path, message: string) =>
  ctx.addIssue({ code: 'custom', message, path })

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

/** Locale tags, placeholders and unique button ids of a template. */
export const checkTemplate = (doc: TemplateShape, ctx: Ctx) => {
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

/**
 * A flow's references (steps, actions), regexes, locale tags and what its steps need to lead
 * somewhere; `registry` also checks capture variables against the known ones (admin input only).
 */
export const checkFlow = (flow: FlowShape, ctx: Ctx, registry: boolean) => {
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
  for (const [id, step] of Object.entries<FlowStep>(flow.steps)) {
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
