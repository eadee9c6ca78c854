/** Locales the bundled pack ships; templates may add more. */
export type Locale = 'zh-CN' | 'en'

/** The list form of {@link Locale}; the first is the fallback locale. */
export const LOCALES: readonly Locale[] = ['zh-CN', 'en']

/** The five stages of the service procedure (docs/conversation.md). */
export type Stage = 'greeting' | 'listening' | 'solution' | 'objection' | 'closing'

/** A button on a template: `id` comes back as an action; labels per locale. */
export interface TemplateButton {
  id: string
  labels: Record<string, string>
}

/** One published version of a template (immutable once written). */
export interface TemplateDoc {
  id: string
  version: number
  /** Text per locale, with `{{variable}}` placeholders from the variable registry. */
  locales: Record<string, string>
  buttons?: TemplateButton[]
  updatedAt: string
}

/** Saves part of the customer's free text into a variable, then moves on. */
export interface Capture {
  /** Variable to fill, e.g. `order.id`. */
  variable: string
  /** Regex source (case-insensitive); capture group 1, or the whole match, is stored. */
  pattern: string
  /** Step entered when the text matches. */
  next: string
  /** Step entered when it does not (defaults to the flow's fallback). */
  invalid?: string
}

/** One step of a flow: what the bot says on entering it and what it expects next. */
export interface FlowStep {
  stage: Stage
  /** Template ids sent in order on entering the step. */
  say: string[]
  /** The scenario this step belongs to (pre-sale, order, ...), recorded as the conversation's intent. */
  intent?: string
  capture?: Capture
  /** Button action id -> next step, valid while this step is current. */
  on?: Record<string, string>
  /**
   * Typed answers that count as pressing a button (`confirm.yes` for "对" / "yes"): action id ->
   * regex sources per locale. Tried after `capture`, before the flow's intents; for channels
   * without buttons and customers who type.
   */
  replies?: Record<string, Record<string, string[]>>
  /** Entering this step hands the conversation to a human. */
  handoff?: boolean
  /**
   * What the step asked the customer for, so their answer is read in that context: `confirm`
   * (yes/no in everyday forms go to `on['confirm.yes' | 'confirm.no']`), `order_id` / `phone`
   * (the capture), `photo` (an attachment goes to `on.attachment`), `text` (any free text goes to
   * `on.text`), `choice` (one of the buttons). Steps with yes/no buttons expect `confirm` by default.
   */
  expects?: Expectation
  /**
   * A check the engine makes on entering: `order` looks the captured `order.id` up among the
   * orders the shop reported for this customer and continues at `on['order.found']` or
   * `on['order.unknown']`; `known_order` (on a step that asks for the order number) takes the
   * number of the one order the shop reported for this customer, when there is exactly one, and
   * continues at the capture's `next` (the confirmation) instead of asking.
   */
  lookup?: 'order' | 'known_order'
  /**
   * Entering this step opens a work order of this category for the conversation (once per case
   * and category), its fields filled from what the bot learned; the customer is asked for anything
   * still missing and told the ticket number (DOMAIN §6: a confirmed defect, a missing parcel).
   */
  ticket?: { category: string; urgency?: 'low' | 'normal' | 'high' | 'urgent' }
}

/** What a step asked the customer for (see FlowStep.expects). */
export type Expectation = 'confirm' | 'order_id' | 'phone' | 'photo' | 'text' | 'choice'

/**
 * An intent of the flow: free text the customer writes leads to `step`. `patterns` are explicit
 * regex overrides (tried first, in order); `examples` train the intent classifier.
 */
export interface IntentRule {
  id: string
  step: string
  /** Regex sources per locale (case-insensitive); any match in any locale wins. May be empty. */
  patterns: Record<string, string[]>
  /** Example phrases per locale the classifier learns this intent from. */
  examples?: Record<string, string[]>
}

/** One published version of a flow (immutable once written). */
export interface FlowDoc {
  id: string
  version: number
  /** Step whose templates greet a new conversation (its first template is normally `greeting`). */
  start: string
  /** Checked in order; the first rule that matches wins. */
  intents: IntentRule[]
  /** Global button action id -> step, valid at any point. */
  actions: Record<string, string>
  steps: Record<string, FlowStep>
  /** Unmatched text: `reask` the first time in a row, then `offerHuman`. */
  fallback: { reask: string; offerHuman: string }
  /** Below this confidence (0-1) the classifier's guess is not used and the fallback asks again. */
  classifier?: { threshold: number }
  updatedAt: string
}

/** Versions a conversation pinned when it started. */
export interface Pins {
  flow: { id: string; version: number }
  templates: Record<string, number>
  /** Knowledge base version; absent in conversations pinned before the knowledge base existed. */
  knowledge?: number
}

/** A flow plus the templates it was pinned with: everything a decision needs. */
export interface FlowPack {
  flow: FlowDoc
  templates: Record<string, TemplateDoc>
  /** The shop's knowledge base (answers to common questions); absent = none. */
  knowledge?: KnowledgeDoc
}

/** One answer of the shop's knowledge base; the classifier routes questions to it as `kb.<id>`. */
export interface KnowledgeEntry {
  /** `[a-z0-9_]+`, e.g. `shipping_regions`; the classifier label is `kb.<id>`. */
  id: string
  /** Short title per locale, for the admin and agents. */
  title: Record<string, string>
  /** Example questions per locale the classifier learns this entry from. */
  questions: Record<string, string[]>
  /** The answer per locale; `{{variables}}` from the registry allowed. */
  answer: Record<string, string>
}

/** One published version of the knowledge base (immutable once written). */
export interface KnowledgeDoc {
  version: number
  entries: KnowledgeEntry[]
  updatedAt: string
}
