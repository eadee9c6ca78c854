import { z } from 'zod'
import { readJsonKey } from '../lib/kv-json'

// The manifest: the versions of templates, flows and the knowledge base a new conversation pins
// (one KV key, read once per conversation start; store.ts describes the whole KV layout).

/** Where a new conversation's versions come from: one key, read once per conversation start. */
export const MANIFEST_KEY = 'manifest'

/** Versions a new conversation pins, per kind. */
export interface Manifest {
  templates: Record<string, number>
  flows: Record<string, number>
  /** Absent until the knowledge base is first published: version 0, the bundled one. */
  knowledge?: number
}

/** A stored version number (0 is the bundled doc). */
export const versionSchema = z.number().int().nonnegative()
const manifestSchema = z.object({
  templates: z.record(z.string(), versionSchema).catch({}),
  flows: z.record(z.string(), versionSchema).catch({}),
  knowledge: versionSchema.optional().catch(undefined),
})

/** The manifest; empty (every id at its bundled version 0) when absent or unreadable. */
export const readManifest = async (kv: KVNamespace): Promise<Manifest> =>
  (await readJsonKey(kv, MANIFEST_KEY, manifestSchema)) ?? { templates: {}, flows: {} }

/** The knowledge base version new conversations pin; undefined before the first publish. */
export const manifestKnowledge = async (kv: KVNamespace): Promise<number | undefined> =>
  (await readManifest(kv)).knowledge

/** Makes a knowledge base version the one new conversations pin (read-modify-write). */
export const pinKnowledge = async (kv: KVNamespace, version: number): Promise<void> => {
  const manifest = await readManifest(kv)
  await kv.put(MANIFEST_KEY, JSON.stringify({ ...manifest, knowledge: version }))
}
