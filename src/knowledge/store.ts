import { z } from 'zod'
import { readJsonKey } from '../lib/kv-json'
import { manifestKnowledge, pinKnowledge } from '../flows/manifest'
import type { VersionInfo } from '../flows/versioned-docs'
import type { KnowledgeDoc } from '../flows/types'
import { DEFAULT_KNOWLEDGE } from './default-knowledge'
import { KNOWLEDGE_KEYS, knowsKnowledge, readKnowledge, rememberKnowledge } from './read'
import { knowledgeDocSchema, type KnowledgeInput } from './schema'

// KV layout (the `CONFIG` namespace, beside templates and flows; see src/flows/store.ts):
//   knowledge:v:<n>      one immutable KnowledgeDoc (never overwritten)
//   knowledge:versions   [{ version, updatedAt }] of every stored version
//   knowledge:current    { version, updatedAt }: the pointer the admin API reads
//   manifest.knowledge   the version new conversations pin (written through src/flows/store.ts)
// Version 0 is DEFAULT_KNOWLEDGE and is never stored. Publishing is a read-modify-write with the
// same races as templates: two publishes in the same second both store their version, but the
// version list, the pointer and the manifest are last-writer-wins.

/** The shop's versioned knowledge base in KV, with the bundled one as version 0. */
export interface KnowledgeStore {
  /** The current version (the bundled one until something is published). */
  current(): Promise<KnowledgeDoc>
  /** One version; null when it doesn't exist. */
  get(version: number): Promise<KnowledgeDoc | null>
  /** Every version, newest first, including the bundled version 0. */
  versions(): Promise<VersionInfo[]>
  /** Stores a new version and makes it current (for the admin API and new conversations). */
  publish(input: KnowledgeInput, now: Date): Promise<KnowledgeDoc>
  /** Makes an existing version current again; null when it doesn't exist. */
  rollback(version: number, now: Date): Promise<KnowledgeDoc | null>
}

const versionSchema = z.number().int().nonnegative()
const pointerSchema = z.object({ version: versionSchema })
const versionListSchema = z.array(z.object({ version: versionSchema, updatedAt: z.string() }))

/** The {@link KnowledgeStore} over a KV namespace (the `CONFIG` binding). */
export const kvKnowledgeStore = (kv: KVNamespace): KnowledgeStore => {
  /** The pointer, else the manifest, else the bundled 0. */
  const currentVersion = async (): Promise<number> =>
    (await readJsonKey(kv, KNOWLEDGE_KEYS.current, pointerSchema))?.version ??
    (await manifestKnowledge(kv)) ??
    0

  const history = async () =>
    (await readJsonKey(kv, KNOWLEDGE_KEYS.versions, versionListSchema)) ?? []

  const makeCurrent = async (version: number, now: Date) => {
    await kv.put(KNOWLEDGE_KEYS.current, JSON.stringify({ version, updatedAt: now.toISOString() }))
    await pinKnowledge(kv, version)
  }

  return {
    async current() {
      // A pointer to a lost or invalid version serves the bundled one rather than nothing.
      return (await readKnowledge(kv, await currentVersion())) ?? DEFAULT_KNOWLEDGE
    },

    get: (version) => readKnowledge(kv, version),

    async versions() {
      const [entries, current] = await Promise.all([history(), currentVersion()])
      const all = new Map<number, string>([[0, DEFAULT_KNOWLEDGE.updatedAt]])
      for (const entry of entries) all.set(entry.version, entry.updatedAt)
      return [...all]
        .sort(([a], [b]) => b - a)
        .map(([version, updatedAt]) => ({ version, updatedAt, current: version === current }))
    },

    async publish(input, now) {
      const [entries, current] = await Promise.all([history(), currentVersion()])
      let version = Math.max(current, ...entries.map((entry) => entry.version)) + 1
      // Never overwrite an immutable version, even one the version list lost in a race.
      const taken = async (n: number) =>
        knowsKnowledge(n) || (await kv.get(KNOWLEDGE_KEYS.version(n))) !== null
      while (await taken(version)) version += 1
      const doc = knowledgeDocSchema.parse({
        version,
        entries: input.entries,
        updatedAt: now.toISOString(),
      })
      await kv.put(KNOWLEDGE_KEYS.version(version), JSON.stringify(doc))
      rememberKnowledge(doc)
      const list = entries.filter((entry) => entry.version !== version)
      list.push({ version, updatedAt: doc.updatedAt })
      list.sort((a, b) => a.version - b.version)
      await kv.put(KNOWLEDGE_KEYS.versions, JSON.stringify(list))
      await makeCurrent(version, now)
      return doc
    },

    async rollback(version, now) {
      const doc = await readKnowledge(kv, version)
      if (!doc) return null
      await makeCurrent(version, now)
      return doc
    },
  }
}
