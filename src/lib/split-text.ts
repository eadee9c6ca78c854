import { utf8Length } from './encoding'

/** Is this UTF-16 unit the first half of a surrogate pair? */
export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff

/** `limit`, moved back by one when it would cut a surrogate pair in half (UTF-16 units). */
export const safeEnd = (text: string, limit: number): number =>
  limit > 1 && isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit

/** Length (UTF-16 units) of the longest prefix of `text` of at most `limit` UTF-8 bytes, whole code points. */
export const utf8Prefix = (text: string, limit: number): number => {
  let bytes = 0
  let end = 0
  for (const ch of text) {
    bytes += utf8Length(ch)
    if (bytes > limit) break
    end += ch.length
  }
  return end
}

/** Where one chunk ends (UTF-16 units) and how many separator units after it are dropped. */
export interface Cut {
  end: number
  skip: number
}

/** How one platform cuts its text: does all of it fit one chunk, and where does the first end? */
export interface Cutter {
  fits(text: string): boolean
  cut(text: string): Cut
}

/**
 * The cut at the last newline, else the last space, at or before `reach` that `late` accepts
 * (one far enough into the chunk); null when there is none.
 */
export const separatorCut = (
  text: string,
  reach: number,
  late: (at: number) => boolean
): Cut | null => {
  for (const separator of ['\n', ' ']) {
    const at = text.lastIndexOf(separator, reach)
    if (at >= 0 && late(at)) return { end: at, skip: 1 }
  }
  return null
}

/** Splits text into chunks with `cutter`; whitespace-only chunks are dropped (blank text: none). */
export const splitWith = (text: string, cutter: Cutter): string[] => {
  const chunks: string[] = []
  let rest = text
  while (!cutter.fits(rest)) {
    const { end, skip } = cutter.cut(rest)
    chunks.push(rest.slice(0, end))
    rest = rest.slice(end + skip)
  }
  chunks.push(rest)
  return chunks.filter((chunk) => chunk.trim() !== '')
}

// In escaped text every `&` starts an entity (`&amp;` is the longest); a cut never goes through one.
const outsideEntity = (text: string, end: number): number => {
  const amp = text.lastIndexOf('&', end - 1)
  return amp > 0 && amp > end - 5 && text.indexOf(';', amp) >= end ? amp : end
}

/** How a platform counts its text limit: UTF-16 code units (most) or UTF-8 bytes (WeChat, WeCom). */
export type TextUnit = 'utf16' | 'utf8'

/** A platform's text limit, in its own unit. */
export interface SplitRules {
  limit: number
  /** Default `utf16`. */
  unit?: TextUnit
  /** The text is already escaped (`&amp;`): never cut inside an entity. */
  escaped?: boolean
}

const utf16Cutter = (limit: number, escaped: boolean): Cutter => ({
  fits: (text) => text.length <= limit,
  cut: (text) => {
    const late = separatorCut(text, limit, (at) => at >= limit / 2)
    if (late) return late
    const end = safeEnd(text, limit)
    return { end: escaped ? outsideEntity(text, end) : end, skip: 0 }
  },
})

const utf8Cutter = (limit: number): Cutter => ({
  fits: (text) => utf8Length(text) <= limit,
  cut: (text) => {
    const end = utf8Prefix(text, limit)
    // A single code point wider than the limit still has to go somewhere.
    if (end === 0) return { end: (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1, skip: 0 }
    const late = separatorCut(text, end, (at) => utf8Length(text.slice(0, at)) >= limit / 2)
    return late ?? { end, skip: 0 }
  },
})

/**
 * Splits plain (or escaped) text into chunks of at most `limit` units, preferring a newline, then
 * a space, in the last half of each chunk; never inside a surrogate pair (nor an entity, for
 * escaped text). Whitespace-only chunks are dropped, so blank text gives no chunks.
 */
export const splitText = (text: string, rules: SplitRules): string[] =>
  splitWith(
    text,
    rules.unit === 'utf8'
      ? utf8Cutter(rules.limit)
      : utf16Cutter(rules.limit, rules.escaped === true)
  )
