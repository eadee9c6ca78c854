import { z } from 'zod'
import { kvDoc } from '../lib/kv-doc'

/** What a red line is about: rude or blaming wording, or a promise nobody has confirmed. */
export type RedLineKind = 'wording' | 'promise'

const patterns = z
  .array(
    z
      .string()
      .min(2)
      .max(200)
      .refine((source) => {
        try {
          return !new RegExp(source, 'iu').test('')
        } catch {
          return false
        }
      }, 'must be a valid regular expression that does not match empty text')
  )
  .max(100)

const byLocale = z.strictObject({ 'zh-CN': patterns, en: patterns })

/** The red-line lexicon an admin edits (`/api/v1/policies/red-lines`). */
export const redLinesSchema = z.strictObject({ wording: byLocale, promise: byLocale })

/** The red-line lexicon. */
export type RedLines = z.infer<typeof redLinesSchema>

/**
 * The handbook's red lines (docs/service-rules.md): wording that blames or brushes off the customer, and
 * promises of dates or money that nobody has confirmed.
 */
export const DEFAULT_RED_LINES: RedLines = {
  wording: {
    'zh-CN': [
      '你自己(看|查|去)',
      '不关我(的)?事',
      '爱买不买',
      '听不懂(吗|啊)?',
      '(是)?你自己的问题',
      '说过(了)?多少遍',
      '投诉也没用',
      '随便你',
      '没(办法|法子)(了)?[。！!]*$',
    ],
    en: [
      '\\bnot (my|our) (problem|job|fault)\\b',
      '\\byour (own )?fault\\b',
      '\\bcalm down\\b',
      '\\bas I (already )?(said|told you)\\b',
      "\\bthere'?s nothing (I|we) can do\\b",
      '\\bread the (description|page|listing)\\b',
      '^\\s*whatever\\b',
    ],
  },
  promise: {
    'zh-CN': [
      '(保证|一定|肯定|绝对)(会)?(在)?(今天|明天|后天|\\d+\\s*天内)?(就)?(能)?(到|送达|到货|发货|发出)',
      '(保证|一定|肯定|绝对)(会)?(给您|给你)?(赔|退款|退钱|补偿)',
      '赔(偿)?(您|你)?\\s*\\d+\\s*(元|块)',
      '全额(退款|赔偿)',
    ],
    en: [
      '\\bguarantee(d|s)?\\b.{0,40}\\b(deliver|arrive|ship|refund|compensat)',
      "\\b(will|'ll) (definitely|surely|certainly) (arrive|be delivered|ship|get there)",
      "\\b(we|i)('ll| will) (refund|compensate|pay) you (back )?\\$?\\d+",
      '\\bfull refund\\b',
      '\\b(arrives?|delivered|get there) (by|on) (tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b',
    ],
  },
}

/** The red-line lexicon in KV, cached per isolate like the other policies. */
export const redLinesDoc = kvDoc('policy:red-lines', redLinesSchema, DEFAULT_RED_LINES)

/** One red line found in a text. */
export interface RedLineHit {
  kind: RedLineKind
  /** The words that matched, as written. */
  match: string
  pattern: string
}

/** Pure: every red line in a text, both languages' lexicons applied (agents switch languages). */
export const findRedLines = (text: string, rules: RedLines): RedLineHit[] => {
  const hits: RedLineHit[] = []
  for (const kind of ['wording', 'promise'] as const) {
    for (const source of [...rules[kind]['zh-CN'], ...rules[kind].en]) {
      let re: RegExp
      try {
        re = new RegExp(source, 'iu')
      } catch {
        continue
      }
      const m = re.exec(text)
      if (m) hits.push({ kind, match: m[0].trim().slice(0, 80), pattern: source })
    }
  }
  return hits
}
