import { z } from 'zod'
import type { EscalationRules } from './types'

/** Limits of the escalation policy document. */
export const ESCALATION_LIMITS = {
  entriesPerList: 500,
  pattern: 500,
  weight: 100,
} as const

/** ISO 4217 currency codes ('CNY', 'USD'). */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/

/** Why a regex source can't be used, or null when it compiles with `iu` and needs some text. */
export const regexProblem = (source: string): string | null => {
  let re: RegExp
  try {
    re = new RegExp(source, 'iu')
  } catch (error) {
    return `invalid regex: ${error instanceof Error ? error.message : String(error)}`
  }
  // A pattern that matches empty text would match every message.
  return re.test('') ? 'regex matches empty text' : null
}

const pattern = z
  .string()
  .min(1)
  .max(ESCALATION_LIMITS.pattern)
  .superRefine((source, ctx) => {
    const problem = regexProblem(source)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const patterns = z.array(pattern).max(ESCALATION_LIMITS.entriesPerList)

const weightedTerm = z.strictObject({
  term: pattern,
  weight: z.number().min(-ESCALATION_LIMITS.weight).max(ESCALATION_LIMITS.weight),
  locale: z.string().min(1).max(35).optional(),
})

const weightedTerms = z.array(weightedTerm).max(ESCALATION_LIMITS.entriesPerList)

const currency = z.string().regex(CURRENCY_PATTERN, `must match ${CURRENCY_PATTERN.source}`)

/** The escalation policy as admins write it and KV stores it; issues carry field paths. */
export const escalationRulesSchema: z.ZodType<EscalationRules> = z.strictObject({
  repeatComplaintThreshold: z.number().int().positive(),
  angerThreshold: z.number().positive().max(1000),
  compensation: z.record(currency, z.number().positive()),
  defaultCurrency: currency,
  lexicon: z.strictObject({
    anger: weightedTerms,
    abuse: patterns,
    human: patterns,
    complaint: patterns,
    legal: patterns,
    media: patterns,
    threat: patterns,
    compensation: patterns,
  }),
  intensifiers: z.strictObject({
    terms: weightedTerms,
    caps: z.strictObject({
      weight: z.number().min(0).max(ESCALATION_LIMITS.weight),
      minLetters: z.number().int().min(2).max(40),
      maxWords: z.number().int().min(0).max(100),
    }),
  }),
})
