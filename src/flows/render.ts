import type { Button } from '../channels/types'
import { LOCALES, type TemplateDoc } from './types'
import { formatValue, variableDefault, variableSpec } from './variables'

// Placeholder syntax (the only markup templates have):
//   {{ name }}            the variable's value; when it has none, the registry's default for the
//                         locale (customer.name has '' as default, so prefer the next form)
//   {{ name | text }}     the value, or `text` when there is none: `{{customer.name|朋友}}`
// Names match [a-z][a-z0-9_.]*; spaces around the name and the default are ignored. Anything
// else between `{{` and `}}` is not a placeholder: it is left as written (and schema rejects it).
// Substitution is a single pass, so a value that itself contains `{{...}}` stays literal text.
// Output is plain text: each bot escapes it for its own markup.

/** Values a template may be rendered with; undefined and '' count as missing. */
export type TemplateVars = Record<string, string | number | undefined>

/** One `{{...}}` occurrence; `name` is null when the inside is not a valid placeholder. */
export interface Placeholder {
  raw: string
  name: string | null
  fallback?: string
}

const BRACES = /\{\{([^{}]*)\}\}/g
const NAME = /^[a-z][a-z0-9_.]*$/

const parse = (raw: string, inner: string): Placeholder => {
  const bar = inner.indexOf('|')
  const name = (bar < 0 ? inner : inner.slice(0, bar)).trim()
  if (!NAME.test(name)) return { raw, name: null }
  return bar < 0 ? { raw, name } : { raw, name, fallback: inner.slice(bar + 1).trim() }
}

/** Every `{{...}}` in a text, in order, including malformed ones. */
export const scanPlaceholders = (text: string): Placeholder[] =>
  Array.from(text.matchAll(BRACES), (m) => parse(m[0], m[1] ?? ''))

/** Distinct variable names a text mentions, in order of first appearance. */
export const extractVariables = (text: string): string[] => [
  ...new Set(scanPlaceholders(text).flatMap((p) => (p.name === null ? [] : [p.name]))),
]

const primary = (tag: string): string => tag.split('-')[0]?.toLowerCase() ?? ''

/**
 * The best of `available` for `wanted`: the same tag, else the same language (`zh-TW` -> `zh-CN`,
 * `en-US` -> `en`), else zh-CN, else en, else the first; undefined only when none is available.
 */
export const pickLocale = (
  available: readonly string[],
  wanted: string | undefined
): string | undefined => {
  const normal = wanted?.replace(/_/g, '-').toLowerCase()
  if (normal) {
    const exact = available.find((tag) => tag.toLowerCase() === normal)
    if (exact !== undefined) return exact
    const lang = primary(normal)
    const same = available.find((tag) => primary(tag) === lang)
    if (same !== undefined) return same
  }
  for (const fallback of LOCALES) if (available.includes(fallback)) return fallback
  return available[0]
}

const valueOf = (vars: TemplateVars, name: string): string | number | undefined => {
  if (!Object.hasOwn(vars, name)) return undefined
  const value = vars[name]
  return value === '' ? undefined : value
}

/** Substitutes the placeholders of one text (see the syntax note at the top of this file). */
export const renderText = (text: string, locale: string, vars: TemplateVars): string =>
  text.replace(BRACES, (raw: string, inner: string) => {
    const p = parse(raw, inner)
    if (p.name === null) return raw
    const value = valueOf(vars, p.name)
    const formatted =
      value === undefined ? '' : formatValue(variableSpec(p.name)?.type ?? 'text', value, locale)
    if (formatted !== '') return formatted
    return p.fallback ?? variableDefault(p.name, locale)
  })

/** A template as plain text and buttons in the best available locale. */
export const renderTemplate = (
  doc: Pick<TemplateDoc, 'locales' | 'buttons'>,
  locale: string,
  vars: TemplateVars
): { text: string; buttons?: Button[] } => {
  const chosen = pickLocale(Object.keys(doc.locales), locale)
  const textLocale = chosen ?? locale
  const text = chosen === undefined ? '' : renderText(doc.locales[chosen] ?? '', textLocale, vars)
  if (!doc.buttons || doc.buttons.length === 0) return { text }
  // Labels follow the text's locale, so one message never mixes languages when it can help it.
  const buttons = doc.buttons.map((button) => {
    const labelLocale = pickLocale(Object.keys(button.labels), textLocale)
    const label = labelLocale === undefined ? '' : (button.labels[labelLocale] ?? '')
    return { id: button.id, label: renderText(label, textLocale, vars) || button.id }
  })
  return { text, buttons }
}
