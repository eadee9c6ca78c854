import type { Stage } from './types'

// The id patterns and limits admin input is held to (schema.ts and schema-checks.ts apply them).

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
