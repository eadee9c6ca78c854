// A small parser for the flat XML WeChat and WeCom post (`<xml><Field><![CDATA[..]]></Field>..`).
// It reads elements, CDATA, text and the five predefined plus numeric entities; it refuses
// DOCTYPEs (no entity definitions, so no XXE or entity expansion) and never throws.

/** One parsed element: its name, its own text (CDATA and decoded text) and its child elements. */
export interface XmlElement {
  name: string
  text: string
  children: XmlElement[]
}

class XmlError extends Error {}

const MAX_DEPTH = 16
const NAME = /[A-Za-z_][\w.-]*/y
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

const fail = (): never => {
  throw new XmlError()
}

const codePoint = (value: number): string | undefined =>
  value > 0 && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff)
    ? String.fromCodePoint(value)
    : undefined

/** Decodes the predefined and numeric character references; unknown ones stay as written. */
export const decodeEntities = (text: string): string =>
  text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name] ?? whole
    const value = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16)
    return codePoint(value) ?? whole
  })

const isSpace = (ch: string | undefined) =>
  ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\ufeff'

const parseDocument = (s: string): XmlElement => {
  let i = 0

  const skipUntil = (end: string, from: number) => {
    const at = s.indexOf(end, from)
    if (at < 0) fail()
    i = at + end.length
  }

  const skipMisc = () => {
    for (;;) {
      while (isSpace(s[i])) i++
      if (s.startsWith('<?', i)) skipUntil('?>', i + 2)
      else if (s.startsWith('<!--', i)) skipUntil('-->', i + 4)
      else return
    }
  }

  const name = (): string => {
    NAME.lastIndex = i
    const match = NAME.exec(s)
    if (!match) return fail()
    i += match[0].length
    return match[0]
  }

  const element = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH || s[i] !== '<') fail()
    i++
    const tag = name()
    // Attributes are skipped (WeChat sends none); quoted values may contain '>'.
    while (i < s.length && s[i] !== '>' && s[i] !== '/') {
      const ch = s[i]
      if (ch === '"' || ch === "'") skipUntil(ch, i + 1)
      else i++
    }
    if (s[i] === '/') {
      if (s[i + 1] !== '>') fail()
      i += 2
      return { name: tag, text: '', children: [] }
    }
    if (s[i] !== '>') fail()
    i++
    const text: string[] = []
    const children: XmlElement[] = []
    for (;;) {
      if (i >= s.length) fail()
      if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i + 9)
        if (end < 0) fail()
        text.push(s.slice(i + 9, end))
        i = end + 3
      } else if (s.startsWith('<!--', i)) {
        skipUntil('-->', i + 4)
      } else if (s.startsWith('</', i)) {
        i += 2
        if (name() !== tag) fail()
        while (isSpace(s[i])) i++
        if (s[i] !== '>') fail()
        i++
        return { name: tag, text: text.join(''), children }
      } else if (s[i] === '<') {
        if (s[i + 1] === '!' || s[i + 1] === '?') fail()
        children.push(element(depth + 1))
      } else {
        const next = s.indexOf('<', i)
        if (next < 0) fail()
        text.push(decodeEntities(s.slice(i, next)))
        i = next
      }
    }
  }

  skipMisc()
  const root = element(0)
  skipMisc()
  if (i !== s.length) fail()
  return root
}

/** Parses an XML document; null when it is not well-formed (or has a DOCTYPE). Never throws. */
export const parseXml = (source: string): XmlElement | null => {
  try {
    return parseDocument(source)
  } catch {
    return null
  }
}

/**
 * The leaf fields under the root, by name; nested ones as `Parent.Child`
 * (e.g. `SendLocationInfo.Location_X`). The first of repeated names wins.
 */
export const xmlFields = (root: XmlElement): Record<string, string> => {
  const fields = new Map<string, string>()
  const walk = (element: XmlElement, prefix: string) => {
    for (const child of element.children) {
      const key = `${prefix}${child.name}`
      if (child.children.length > 0) walk(child, `${key}.`)
      else if (!fields.has(key)) fields.set(key, child.text)
    }
  }
  walk(root, '')
  // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
  return Object.fromEntries(fields)
}

/** The fields of a WeChat `<xml>...</xml>` document; null when malformed or another root. */
export const readXml = (source: string): Record<string, string> | null => {
  const root = parseXml(source)
  return root && root.name === 'xml' ? xmlFields(root) : null
}

/** Wraps text in CDATA; a literal `]]>` is split across two sections. */
export const cdata = (text: string): string =>
  `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`

/** Builds a flat `<xml>` document: strings as CDATA, numbers as plain text, in the given order. */
export const buildXml = (fields: Record<string, string | number>): string =>
  `<xml>${Object.entries(fields)
    .map(([key, value]) => `<${key}>${typeof value === 'number' ? value : cdata(value)}</${key}>`)
    .join('')}</xml>`
