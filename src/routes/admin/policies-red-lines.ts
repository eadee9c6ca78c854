import { redLinesDoc, redLinesSchema } from '../../qa/red-lines'
import { rubricDoc, rubricSchema } from '../../qa/rubric'
import { kvDocRoutes } from './kv-doc-routes'

/** `GET/PUT /api/v1/policies/red-lines`. */
export const redLinesPolicy = kvDocRoutes({
  path: '/api/v1/policies/red-lines',
  schema: redLinesSchema,
  doc: redLinesDoc,
  tag: 'policies',
  read: 'The red-line lexicon (regexes per language): wording that blames or brushes off, unconfirmed promises',
  write:
    'Replace the red-line lexicon; the console composer warns on matches before an agent sends',
})

/** `GET/PUT /api/v1/policies/rubric`. */
export const rubricPolicy = kvDocRoutes({
  path: '/api/v1/policies/rubric',
  schema: rubricSchema,
  doc: rubricDoc,
  tag: 'policies',
  read: "Weights of the automatic inspection's parts (speed, the five stages, wording, promises kept) and the review sample share",
  write: 'Replace the inspection weights; cases resolved from now on are scored with them',
})
