import { z } from 'zod'
import { kvDoc } from '../lib/kv-doc'
import { DEFAULT_RUBRIC } from './score'

const weight = z.number().min(0).max(100)

/** The rubric's weights and the review sample an admin edits (`/api/v1/policies/rubric`). */
export const rubricSchema = z.strictObject({
  speed: weight,
  stages: weight,
  wording: weight,
  promises: weight,
  /** Percent of resolved cases sampled for a supervisor's review (red lines and low ratings always are). */
  sampleShare: z.number().min(0).max(100).default(5),
})

/** The rubric in KV: the scorer's default weights and a 5% review sample. */
export const rubricDoc = kvDoc('policy:rubric', rubricSchema, { ...DEFAULT_RUBRIC, sampleShare: 5 })
