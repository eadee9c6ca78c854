import type { KnowledgeDoc } from '../flows/types'
import { DEFAULT_KNOWLEDGE } from './default-knowledge'
import { knowledgeDocSchema } from './schema'

/** The knowledge base's KV keys (in the `CONFIG` namespace). */
export const KNOWLEDGE_KEYS = {
  /** One immutable version, never overwritten. */
  version: (version: number) => `knowledge:v:${version}`,
  /** `[{ version, updatedAt }]` of every stored version. */
  versions: 'knowledge:versions',
  /** `{ version, updatedAt }`: the version the admin API serves as current. */
  current: 'knowledge:current',
} as const

/** Immutable docs live forever in the edge cache; mutable keys use KV's default. */
const IMMUTABLE_CACHE_TTL = 3600

// Immutable versions by number: a warm isolate reads each stored version at most once.
const cache = new Map<number, KnowledgeDoc>()

/** Remembers a version this isolate just wrote. */
export const rememberKnowledge = (doc: KnowledgeDoc): void => {
  cache.set(doc.version, doc)
}

/** Has this isolate seen a stored version (so its key is taken)? */
export const knowsKnowledge = (version: number): boolean => cache.has(version)

/**
 * One version of the knowledge base: 0 is the bundled default; others come from KV, validated.
 * Null when absent, unreadable, invalid or not the version it claims to be.
 */
export const readKnowledge = async (
  kv: KVNamespace,
  version: number
): Promise<KnowledgeDoc | null> => {
  if (version === 0) return DEFAULT_KNOWLEDGE
  const cached = cache.get(version)
  if (cached) return cached
  let raw: unknown
  try {
    raw = await kv.get(KNOWLEDGE_KEYS.version(version), {
      type: 'json',
      cacheTtl: IMMUTABLE_CACHE_TTL,
    })
  } catch {
    return null
  }
  const parsed = knowledgeDocSchema.safeParse(raw)
  if (!parsed.success || parsed.data.version !== version) return null
  cache.set(version, parsed.data)
  return parsed.data
}
