import { z } from 'zod'
import { readJsonKey } from '../lib/kv-json'
import { DEFAULT_KNOWLEDGE } from '../knowledge/default-knowledge'
import { KNOWLEDGE_KEYS, readKnowledge } from '../knowledge/read'
import { DEFAULT_FLOW } from './default-pack'
import { DEFAULT_TEMPLATES } from './default-templates'
import { flowDocSchema, templateDocSchema, type FlowInput, type TemplateInput } from './schema'
import type { FlowDoc, FlowPack, KnowledgeDoc, Pins, TemplateDoc } from './types'

// KV layout (one namespace, `CONFIG`):
//   manifest                  { templates: { id: n }, flows: { id: n }, knowledge?: n }, read per
//                             new conversation
//   template:<id>:v:<n>       one immutable TemplateDoc (never overwritten)
//   template:<id>:versions    [{ version, updatedAt }] of every stored version
//   template:<id>:current     { version, updatedAt }: the per-id pointer the admin API reads
//   flow:<id>:v:<n>, flow:<id>:versions, flow:<id>:current: the same for flows
//   knowledge:v:<n>, knowledge:versions, knowledge:current: the same for the knowledge base, one
//                             doc with no id (src/knowledge/store.ts writes them)
// Version 0 of a bundled id is the bundled pack itself and is never stored.
//
// KV is eventually consistent and has no compare-and-set, so publishing is a read-modify-write:
// two admins publishing the same id in the same second can race. The immutable key is probed
// before writing, so both versions stay stored, but the version list, the pointer and the
// manifest are last-writer-wins (the pointer may name either version, and the version list may
// miss one). Publishing two different ids (or an id and the knowledge base) at once can likewise
// drop one from the manifest until its next publish; its pointer stays right. KV also allows
// about one write per second per key, so a second publish of the same id within that second may
// fail with an error.
// Mutable keys keep KV's default edge cache (60 s), so a publish can take that long to reach new
// conversations in other locations; pinned conversations never see it at all.

/** Where a new conversation's versions come from: one key, read once per conversation start. */
const MANIFEST_KEY = 'manifest'

/** Immutable docs live forever in the edge cache; mutable keys use KV's default. */
const IMMUTABLE_CACHE_TTL = 3600

/** Versions a new conversation pins, per kind. */
interface Manifest {
  templates: Record<string, number>
  flows: Record<string, number>
  /** Absent until the knowledge base is first published: version 0, the bundled one. */
  knowledge?: number
}

/** One entry of an id's version history. */
export interface VersionInfo {
  version: number
  updatedAt: string
  current: boolean
}

/** {@link FlowPack} plus the `kind:id:v:n` docs that were missing or invalid and replaced. */
export interface LoadedPack extends FlowPack {
  knowledge: KnowledgeDoc
  /** Empty when every pinned doc loaded as stored. */
  missing: string[]
}

/** Versioned flows and templates in KV, with the bundled pack as version 0. */
export interface FlowStore {
  /** The versions a new conversation pins now (one KV read). */
  currentPins(flowId?: string): Promise<Pins>
  /** The pinned flow, templates and knowledge base; a missing stored doc falls back to bundled. */
  loadPack(pins: Pins): Promise<LoadedPack>
  /** The current version of every known template, sorted by id. */
  listTemplates(): Promise<TemplateDoc[]>
  /** One template: the current version, or the given one; null when it doesn't exist. */
  getTemplate(id: string, version?: number): Promise<TemplateDoc | null>
  /** Every version of a template, newest first; empty when the id is unknown. */
  templateVersions(id: string): Promise<VersionInfo[]>
  /** Stores a new version and makes it current. */
  publishTemplate(id: string, input: TemplateInput, now: Date): Promise<TemplateDoc>
  /** Makes an existing version current again; null when it doesn't exist. */
  rollbackTemplate(id: string, version: number, now: Date): Promise<TemplateDoc | null>
  /** The current version of every known flow, sorted by id. */
  listFlows(): Promise<FlowDoc[]>
  /** One flow: the current version, or the given one; null when it doesn't exist. */
  getFlow(id: string, version?: number): Promise<FlowDoc | null>
  /** Every version of a flow, newest first; empty when the id is unknown. */
  flowVersions(id: string): Promise<VersionInfo[]>
  /** Stores a new flow version and makes it current. */
  publishFlow(id: string, input: FlowInput, now: Date): Promise<FlowDoc>
  /** Makes an existing flow version current again; null when it doesn't exist. */
  rollbackFlow(id: string, version: number, now: Date): Promise<FlowDoc | null>
}

const versionSchema = z.number().int().nonnegative()
const manifestSchema = z.object({
  templates: z.record(z.string(), versionSchema).catch({}),
  flows: z.record(z.string(), versionSchema).catch({}),
  knowledge: versionSchema.optional().catch(undefined),
})
const pointerSchema = z.object({ version: versionSchema })
const versionListSchema = z.array(z.object({ version: versionSchema, updatedAt: z.string() }))

type Kind = 'template' | 'flow'
type Doc = TemplateDoc | FlowDoc

const BUNDLED_FLOWS: Record<string, FlowDoc> = { [DEFAULT_FLOW.id]: DEFAULT_FLOW }

// Immutable docs by KV key: a warm isolate reads each stored version at most once.
const immutableDocs = new Map<string, Doc>()

const versionKey = (kind: Kind, id: string, version: number) => `${kind}:${id}:v:${version}`
const listKey = (kind: Kind, id: string) => `${kind}:${id}:versions`
const pointerKey = (kind: Kind, id: string) => `${kind}:${id}:current`

const own = <T>(record: Record<string, T>, id: string): T | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined

const readManifest = async (kv: KVNamespace): Promise<Manifest> =>
  (await readJsonKey(kv, MANIFEST_KEY, manifestSchema)) ?? { templates: {}, flows: {} }

/** The knowledge base version new conversations pin; undefined before the first publish. */
export const manifestKnowledge = async (kv: KVNamespace): Promise<number | undefined> =>
  (await readManifest(kv)).knowledge

/** Makes a knowledge base version the one new conversations pin (read-modify-write). */
export const pinKnowledge = async (kv: KVNamespace, version: number): Promise<void> => {
  const manifest = await readManifest(kv)
  await kv.put(MANIFEST_KEY, JSON.stringify({ ...manifest, knowledge: version }))
}

/** One kind of versioned doc (templates or flows): storage, history, pointer, manifest. */
const versioned = <D extends Doc>(
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

/** The pinned knowledge base; no pin (an older conversation) or a missing doc: the bundled one. */
const loadKnowledge = async (
  kv: KVNamespace,
  version: number | undefined,
  missing: string[]
): Promise<KnowledgeDoc> => {
  if (version === undefined) return DEFAULT_KNOWLEDGE
  const doc = await readKnowledge(kv, version)
  if (doc) return doc
  missing.push(KNOWLEDGE_KEYS.version(version))
  return DEFAULT_KNOWLEDGE
}

/** Template ids the flow's steps say. */
const saidTemplates = (flow: FlowDoc): string[] => [
  ...new Set(Object.values(flow.steps).flatMap((step) => step.say)),
]

/** The {@link FlowStore} over a KV namespace (the `CONFIG` binding). */
export const kvFlowStore = (kv: KVNamespace): FlowStore => {
  const templates = versioned(kv, 'template', DEFAULT_TEMPLATES, templateDocSchema)
  const flows = versioned(kv, 'flow', BUNDLED_FLOWS, flowDocSchema)

  return {
    async currentPins(flowId = 'main') {
      const manifest = await readManifest(kv)
      const pinned: Record<string, number> = {}
      for (const id of Object.keys(DEFAULT_TEMPLATES)) pinned[id] = 0
      Object.assign(pinned, manifest.templates)
      return {
        flow: { id: flowId, version: own(manifest.flows, flowId) ?? 0 },
        templates: pinned,
        knowledge: manifest.knowledge ?? 0,
      }
    },

    async loadPack(pins) {
      const missing: string[] = []
      const [flow, loaded, knowledge] = await Promise.all([
        flows.load(pins.flow.id, pins.flow.version, missing).then((doc) => doc ?? DEFAULT_FLOW),
        Promise.all(
          Object.entries(pins.templates).map(([id, v]) => templates.load(id, v, missing))
        ),
        loadKnowledge(kv, pins.knowledge, missing),
      ])
      const pack: Record<string, TemplateDoc> = {}
      for (const doc of loaded) if (doc) pack[doc.id] = doc
      // A step may say a template the pins predate, and the engine says some of its own (`intro`,
      // `.offhours` twins): the bundled one is the best answer there is.
      for (const id of new Set([...saidTemplates(flow), ...Object.keys(DEFAULT_TEMPLATES)])) {
        if (Object.hasOwn(pack, id)) continue
        const bundled = own(DEFAULT_TEMPLATES, id)
        if (bundled) pack[id] = bundled
        else missing.push(`template:${id}`)
      }
      return { flow, templates: pack, knowledge, missing }
    },

    listTemplates: () => templates.list(),
    getTemplate: (id, version) =>
      version === undefined ? templates.current(id) : templates.get(id, version),
    templateVersions: (id) => templates.versions(id),
    publishTemplate: (id, input, now) => templates.publish(id, input, now),
    rollbackTemplate: (id, version, now) => templates.rollback(id, version, now),

    listFlows: () => flows.list(),
    getFlow: (id, version) => (version === undefined ? flows.current(id) : flows.get(id, version)),
    flowVersions: (id) => flows.versions(id),
    publishFlow: (id, input, now) => flows.publish(id, input, now),
    rollbackFlow: (id, version, now) => flows.rollback(id, version, now),
  }
}
