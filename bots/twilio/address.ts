// Conversation keys split on ':', but WhatsApp addresses carry one (`whatsapp:+14155551234`):
// https://www.twilio.com/docs/whatsapp/api#using-twilio-phone-numbers-with-whatsapp
// So each address becomes one colon-free, reversible key id:
//   +14158675309 / 12345 (phone number, short code)  -> unchanged
//   whatsapp:+14155551234                             -> wa+14155551234
//   anything else (messenger:…, rcs:…, alphanumeric)  -> ~ + encodeURIComponent(address)
// The three forms start with '+'/digit, 'wa', '~', so decoding is unambiguous.

const PHONE = /^\+?[0-9]+$/
const WHATSAPP = 'whatsapp:'
const WA = 'wa'
const ESCAPED = '~'

/** A Twilio address (`From`/`To`) as a colon-free conversation-key id; see the table above. */
export const encodeAddress = (address: string): string => {
  if (PHONE.test(address)) return address
  if (address.startsWith(WHATSAPP) && PHONE.test(address.slice(WHATSAPP.length))) {
    return WA + address.slice(WHATSAPP.length)
  }
  return ESCAPED + encodeURIComponent(address)
}

/** The Twilio address behind a key id made by {@link encodeAddress}; null when not one. */
export const decodeAddress = (id: string): string | null => {
  if (PHONE.test(id)) return id
  if (id.startsWith(WA) && PHONE.test(id.slice(WA.length))) return WHATSAPP + id.slice(WA.length)
  if (!id.startsWith(ESCAPED) || id.length === ESCAPED.length) return null
  try {
    const address = decodeURIComponent(id.slice(ESCAPED.length))
    // Only the canonical form decodes, so every address has exactly one key.
    return encodeAddress(address) === id ? address : null
  } catch {
    return null
  }
}

/** Is this a WhatsApp address (`whatsapp:+…`)? WhatsApp has no SMS segments but a 24 h window. */
export const isWhatsApp = (address: string): boolean => address.startsWith(WHATSAPP)
