import type { KnowledgeEntry } from '../flows/types'

/** The entry with an id, or undefined. */
export const findEntry = (
  entries: readonly KnowledgeEntry[],
  id: string
): KnowledgeEntry | undefined => entries.find((entry) => entry.id === id)

/** The entries with `entry` in place of the one with its id, or appended when the id is new. */
export const upsertEntry = (
  entries: readonly KnowledgeEntry[],
  entry: KnowledgeEntry
): KnowledgeEntry[] =>
  findEntry(entries, entry.id)
    ? entries.map((old) => (old.id === entry.id ? entry : old))
    : [...entries, entry]

/** The entries without the one with `id`; null when there is none. */
export const removeEntry = (
  entries: readonly KnowledgeEntry[],
  id: string
): KnowledgeEntry[] | null =>
  findEntry(entries, id) ? entries.filter((entry) => entry.id !== id) : null
