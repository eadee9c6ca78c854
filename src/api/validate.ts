import type { z } from 'zod'
import type { FieldIssue } from './errors'

/** Converts zod issues to `{ path, message }` with dotted paths. */
export const toFieldIssues = (issues: readonly z.core.$ZodIssue[]): FieldIssue[] =>
  issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }))
