/** What a customer's message gave towards a ticket's missing fields. */
export interface GivenFields {
  contact?: string
  description?: string
  fields?: Record<string, string>
}

const PHONE_CANDIDATE = /(?<![\w+])\+?\d[\d\s-]{5,18}\d(?![\w])/g

/**
 * A phone number, told apart from an order number (also a run of digits): a Chinese mobile number
 * (11 digits from 13-19), or 7-15 digits written with a leading + or with spaces or dashes.
 */
const findPhone = (text: string): string | null => {
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const digits = m[0].replace(/\D/g, '')
    if (
      /^1[3-9]\d{9}$/.test(digits) ||
      ((m[0].startsWith('+') || /[\s-]/.test(m[0].trim())) &&
        digits.length >= 7 &&
        digits.length <= 15)
    )
      return m[0].trim()
  }
  return null
}
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/
const ORDER_ID = /(?<![a-z0-9])#?((?=[a-z]*\d)[a-z0-9]{6,24})(?![a-z0-9])/i

/**
 * Pure: the phone or email, order number and description a message carries, for the fields a
 * ticket still misses. A phone number is taken as the contact before anything else, so its
 * digits are never read as an order number.
 */
export const extractTicketFields = (raw: string, missing: readonly string[]): GivenFields => {
  let text = raw.normalize('NFKC').trim()
  const given: GivenFields = {}
  if (missing.includes('contact')) {
    const found = EMAIL.exec(text)?.[0] ?? findPhone(text)
    if (found) {
      given.contact = found.includes('@') ? found : found.replace(/[\s-]/g, '')
      text = text.replace(found, ' ')
    }
  } else {
    const phone = findPhone(text)
    text = text.replace(EMAIL, ' ').replace(phone ?? '\u0000', ' ')
  }
  if (missing.includes('order.id')) {
    const order = ORDER_ID.exec(text)
    if (order?.[1]) {
      given.fields = { 'order.id': order[1].toUpperCase() }
      text = text.replace(order[0], ' ')
    }
  }
  // Whatever else the customer wrote describes the problem, if that is what is missing.
  const rest = text.replace(/\s+/g, ' ').trim()
  if (missing.includes('description') && Array.from(rest).length >= 6)
    given.description = rest.slice(0, 2000)
  return given
}

/** Pure: whether the message gave anything. */
export const gaveAnything = (g: GivenFields): boolean =>
  !!(g.contact || g.description || Object.keys(g.fields ?? {}).length)
