import { z } from 'zod'
import { readJsonKey } from '../lib/kv-json'
import { MANIFEST_KEY, readManifest, versionSchema, type Manifest } from './manifest'
import type { FlowDoc, TemplateDoc } from './types'

// Versioned docs in KV (templates or flows): immutable versions, their history, the per-id pointer
// and the manifest entry; version 0 is the bundled doc. store.ts describes the KV layout and its races.

/** Immutable docs live forever in the edge cache; mutable keys use KV's default. */
const IMMUTABLE_CACHE_TTL = 3600

/** One entry of an id's version history. */
export interface VersionInfo {
  version: number
  updatedAt: string
  current: boolean
}

const pointerSchema = z.object({ version: versionSchema })
const versionListSchema = z.array(z.object({ version: versionSchema, updatedAt: z.string() }))

type Kind = 'template' | 'flow'
type Doc = TemplateDoc | FlowDoc

// Immutable docs by KV key: a warm isolate reads each stored version at most once.
const immutableDocs = new Map<string, Doc>()

const versionKey = (kind: Kind, id: string, version: number) => `${kind}:${id}:v:${version}`
const listKey = (kind: Kind, id: string) => `${kind}:${id}:versions`
const pointerKey = (kind: Kind, id: string) => `${kind}:${id}:current`

/** The record's own entry for an id (never an inherited property). */
export const own = <T>(record: Record<string, T>, id: string): T | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined

/** One kind of versioned doc (templates or flows): storage, history, pointer, manifest. */
export const versionedDocs = <D extends Doc>(
  kv: KVNamespace,
  kind: Kind,
  bundled: Record<string, D>,
  schema: z.ZodType<D>
) => {
  const manifestField = kind === 'template' ? 'templates' : 'flows'

  /** A stored version, validated; null when absent, invalid or not the doc it claims to be. */
  const readStored = async (id: string, version: number): Promise<D | null> => {
    const key = versionKey(kind, id, version)
    const cached = immutableDocs.get(key)
    if (cached) return cached as D
    let raw: unknown
    try {
      raw = await kv.get(key, { type: 'json', cacheTtl: IMMUTABLE_CACHE_TTL })
    } catch {
      return null
    }
    const parsed = schema.safeParse(raw)
    if (!parsed.success || parsed.data.id !== id || parsed.data.version !== version) return null
    immutableDocs.set(key, parsed.data)
    return parsed.data
  }

  const get = async (id: string, version: number): Promise<D | null> =>
    version === 0 ? (own(bundled, id) ?? null) : readStored(id, version)

  /** Current version: the per-id pointer, else the manifest, else bundled 0; null if unknown. */
  const currentVersion = async (id: string, manifest?: Manifest): Promise<number | null> => {
    const pointer = await readJsonKey(kv, pointerKey(kind, id), pointerSchema)
    if (pointer) return pointer.version
    const listed = own((manifest ?? (await readManifest(kv)))[manifestField], id)
    if (listed !== undefined) return listed
    return own(bundled, id) ? 0 : null
  }

  const history = async (id: string) =>
    (await readJsonKey(kv, listKey(kind, id), versionListSchema)) ?? []

  const makeCurrent = async (id: string, version: number, now: Date) => {
    await kv.put(pointerKey(kind, id), JSON.stringify({ version, updatedAt: now.toISOString() }))
    const manifest = await readManifest(kv)
    manifest[manifestField] = { ...manifest[manifestField], [id]: version }
    await kv.put(MANIFEST_KEY, JSON.stringify(manifest))
  }

  return {
    get,

    /** The pinned version, or a replacement plus a note in `missing`. */
    async load(id: string, version: number, missing: string[]): Promise<D | null> {
      const doc = await get(id, version)
      if (doc) return doc
      missing.push(versionKey(kind, id, version))
      return own(bundled, id) ?? null
    },

    async current(id: string): Promise<D | null> {
      const version = await currentVersion(id)
      return version === null ? null : get(id, version)
    },

    async list(): Promise<D[]> {
      const manifest = await readManifest(kv)
      const ids = new Set([...Object.keys(bundled), ...Object.keys(manifest[manifestField])])
      const docs = await Promise.all(
        [...ids].map(async (id) => {
          const version = await currentVersion(id, manifest)
          return version === null ? null : get(id, version)
        })
      )
      return docs
        .filter((doc): doc is Awaited<D> => doc !== null)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },

    async versions(id: string): Promise<VersionInfo[]> {
      const [entries, current] = await Promise.all([history(id), currentVersion(id)])
      const base = own(bundled, id)
      const all = new Map<number, string>()
      if (base) all.set(0, base.updatedAt)
      for (const entry of entries) all.set(entry.version, entry.updatedAt)
      return [...all]
        .sort(([a], [b]) => b - a)
        .map(([version, updatedAt]) => ({ version, updatedAt, current: version === current }))
    },

    async publish(id: string, body: Omit<D, 'id' | 'version' | 'updatedAt'>, now: Date) {
      const [entries, current] = await Promise.all([history(id), currentVersion(id)])
      let version = Math.max(current ?? 0, ...entries.map((entry) => entry.version)) + 1
      // Never overwrite an immutable version, even one the version list lost in a race.
      const taken = async (key: string) => immutableDocs.has(key) || (await kv.get(key)) !== null
      while (await taken(versionKey(kind, id, version))) version += 1
      const doc = schema.parse({ ...body, id, version, updatedAt: now.toISOString() })
      await kv.put(versionKey(kind, id, version), JSON.stringify(doc))
      immutableDocs.set(versionKey(kind, id, version), doc)
      const list = entries.filter((entry) => entry.version !== version)
      list.push({ version, updatedAt: doc.updatedAt })
      list.sort((a, b) => a.version - b.version)
      await kv.put(listKey(kind, id), JSON.stringify(list))
      await makeCurrent(id, version, now)
      return doc
    },

    async rollback(id: string, version: number, now: Date): Promise<D | null> {
      const doc = await get(id, version)
      if (!doc) return null
      await makeCurrent(id, version, now)
      return doc
    },
  }
}
