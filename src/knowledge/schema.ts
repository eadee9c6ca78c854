import { z } from 'zod'
import { scanPlaceholders } from '../flows/render'
import { LOCALE_TAG_PATTERN } from '../flows/schema'
import type { KnowledgeDoc, KnowledgeEntry } from '../flows/types'
import { isKnownVariable } from '../flows/variables'

/** Knowledge entry ids; the classifier label is `kb.<id>`. */
export const KNOWLEDGE_ID_PATTERN = /^[a-z0-9_]{1,48}$/

/** Limits of the admin input. */
export const KNOWLEDGE_LIMITS = {
  entries: 200,
  title: 100,
  answer: 2000,
  questionsPerLocale: 300,
  question: 200,
} as const

type Path = (string | number)[]
type Ctx = { addIssue: (issue: { code: 'custom'; message: string; path: Path }) => void }

const report = (ctx: Ctx, path: Path, message: string) =>
  ctx.addIssue({ code: 'custom', message, path })

const nonBlank = (max: number) => z.string().min(1).max(max).regex(/\S/, 'must not be blank')

const byLocale = <T extends z.ZodType>(value: T) =>
  z
    .record(z.string(), value)
    .refine((record) => Object.keys(record).length > 0, 'needs at least one locale')

const entryId = z.string().regex(KNOWLEDGE_ID_PATTERN, `must match ${KNOWLEDGE_ID_PATTERN.source}`)

// Admin input rejects unknown keys (a typo like `answers` must not vanish silently).
const entryFields = {
  title: byLocale(nonBlank(KNOWLEDGE_LIMITS.title)),
  questions: z
    .record(
      z.string(),
      z.array(nonBlank(KNOWLEDGE_LIMITS.question)).max(KNOWLEDGE_LIMITS.questionsPerLocale)
    )
    .default({}),
  answer: byLocale(nonBlank(KNOWLEDGE_LIMITS.answer)),
}

type EntryShape = Pick<KnowledgeEntry, 'title' | 'questions' | 'answer'>

/** Locale tags and placeholders of one entry; `at` is the entry's path in the input. */
const checkEntry = (entry: EntryShape, ctx: Ctx, at: Path) => {
  for (const field of ['title', 'questions', 'answer'] as const) {
    for (const tag of Object.keys(entry[field])) {
      if (!LOCALE_TAG_PATTERN.test(tag)) {
        report(ctx, [...at, field, tag], `invalid locale tag "${tag}" (e.g. zh-CN, en)`)
      }
    }
  }
  for (const [tag, text] of Object.entries(entry.answer)) {
    for (const p of scanPlaceholders(text)) {
      if (p.name === null) report(ctx, [...at, 'answer', tag], `malformed placeholder ${p.raw}`)
      else if (!isKnownVariable(p.name)) {
        report(ctx, [...at, 'answer', tag], `unknown variable {{${p.name}}}`)
      }
    }
  }
}

const strictEntry = z.strictObject({ id: entryId, ...entryFields })

/** Admin input for one entry (`PUT /entries/:id`); an `id` in the body must match the path. */
export const knowledgeEntryInputSchema = z
  .strictObject({ id: entryId.optional(), ...entryFields })
  .superRefine((entry, ctx) => checkEntry(entry, ctx, []))

/** Admin input for a whole knowledge base; `version` and `updatedAt` from a GET are ignored. */
export const knowledgeInputSchema = z
  .strictObject({
    entries: z.array(strictEntry).max(KNOWLEDGE_LIMITS.entries),
    version: z.unknown().optional(),
    updatedAt: z.unknown().optional(),
  })
  .superRefine(({ entries }, ctx) => {
    const seen = new Set<string>()
    entries.forEach((entry, i) => {
      if (seen.has(entry.id)) report(ctx, ['entries', i, 'id'], `duplicate id "${entry.id}"`)
      seen.add(entry.id)
      checkEntry(entry, ctx, ['entries', i])
    })
  })
  .transform(({ entries }) => ({ entries }))

/** A valid knowledge base input: the entries of a new version. */
export type KnowledgeInput = z.output<typeof knowledgeInputSchema>

/** A valid single-entry input. */
export type KnowledgeEntryInput = z.output<typeof knowledgeEntryInputSchema>

// Stored docs are read leniently (structure only: they were checked at publish), so a field
// added later doesn't invalidate old versions.
const storedEntry = z.object({
  id: z.string().min(1),
  title: z.record(z.string(), z.string()),
  questions: z.record(z.string(), z.array(z.string())).catch({}),
  answer: z.record(z.string(), z.string()),
})

/** A stored knowledge entry as read from KV (and as the admin API answers it). */
export const knowledgeEntrySchema: z.ZodType<KnowledgeEntry> = storedEntry

/** A stored knowledge base version as read from KV. */
export const knowledgeDocSchema: z.ZodType<KnowledgeDoc> = z.object({
  version: z.number().int().nonnegative(),
  entries: z.array(storedEntry),
  updatedAt: z.string().min(1),
})
