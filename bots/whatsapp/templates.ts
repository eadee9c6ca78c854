import { isRecord } from '../../src/lib/guards'
import { str } from '../../src/lib/guards'
import { parseJson } from '../meta/guards'

/** An approved WhatsApp message template: its name and language code (e.g. `en_US`). */
export interface Template {
  name: string
  language: string
}

/**
 * Reads `WHATSAPP_TEMPLATES`, a JSON map of engine template id -> `{ name, language }`.
 * Malformed JSON or entries are ignored (the channel keeps working, just without templates).
 */
export const parseTemplates = (json: string | undefined): ReadonlyMap<string, Template> => {
  const templates = new Map<string, Template>()
  const map = json ? parseJson(json) : undefined
  if (!isRecord(map)) return templates
  for (const [id, entry] of Object.entries(map)) {
    const name = isRecord(entry) ? str(entry.name) : undefined
    const language = isRecord(entry) ? str(entry.language) : undefined
    if (name && language) templates.set(id, { name, language })
  }
  return templates
}
