import { DEFAULT_KNOWLEDGE } from '../knowledge/default-knowledge'
import { KNOWLEDGE_KEYS, readKnowledge } from '../knowledge/read'
import { DEFAULT_FLOW } from './default-pack'
import { DEFAULT_TEMPLATES } from './default-templates'
import { readManifest } from './manifest'
import { flowDocSchema, templateDocSchema, type FlowInput, type TemplateInput } from './schema'
import { own, versionedDocs, type VersionInfo } from './versioned-docs'
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

const BUNDLED_FLOWS: Record<string, FlowDoc> = { [DEFAULT_FLOW.id]: DEFAULT_FLOW }

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
  const templates = versionedDocs(kv, 'template', DEFAULT_TEMPLATES, templateDocSchema)
  const flows = versionedDocs(kv, 'flow', BUNDLED_FLOWS, flowDocSchema)

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
