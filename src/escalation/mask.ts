// Digit runs glued to letters are tracking or order numbers ('SF1234567890123'), never masked.
// Local parts and domains may be in any script ('用户@例子.中国').
const EMAIL = /(?:[A-Za-z0-9._%+-]+|[\p{L}\p{N}]+)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu
const RESIDENT_ID = /(?<![\dA-Za-z])[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX](?![\dA-Za-z])/giu
// Cards as typed: plain, in groups of 4 (spaces, dashes or dots), or Amex-style 4-6-5; 13-19
// digits, checked with Luhn after.
const CARD = new RegExp(
  String.raw`(?<![\dA-Za-z+])(?:\d{4}(?:[ .-]\d{4}){2,3}(?:[ .-]\d{1,4})?` +
    String.raw`|\d{4}[ .-]\d{6}[ .-]\d{5}|\d{13,19})(?![\dA-Za-z])`,
  'gu'
)
const CN_MOBILE = /(?<![\dA-Za-z+])(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\dA-Za-z])/gu
// '+1 (415) 555-2671', '+1.415.555.2671', '00 44 20 7946 0958': a + or 00 prefix, then 8-15
// digits (not in the middle of a group of digits; a country code never starts with 0) with spaces, dots, dashes or parentheses between them.
const INTERNATIONAL_PHONE =
  /(?<![\dA-Za-z]|\d[ .-])(?:\+|00)[ ]?\(?[1-9](?:[ .\-()]{0,2}\d){7,14}(?![\dA-Za-z])/gu
const FOREIGN_PHONE =
  /(?<![\dA-Za-z]|\d[ .-])(?:\+|00)[ ]?(?!86[ -]?1[3-9])\(?[1-9](?:[ .\-()]{0,2}\d){7,14}(?![\dA-Za-z])/gu
// A North American number written with the area code in parentheses: '(415) 555-2671'.
const PARENTHESISED_PHONE = /(?<![\dA-Za-z])\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}(?![\dA-Za-z])/gu
// A Chinese street address: the province, city and district stay, from the road on is hidden.
// Name characters exclude the suffix characters, so each part splits one way only: no
// catastrophic backtracking on text a customer wrote (e.g. a run of 区区区…)
// ('浙江省杭州市西湖区文三路 90 号 3 单元 502 室' -> '浙江省杭州市西湖区****').
const CN_ADDRESS =
  /((?:(?:(?![省市区县旗镇乡])[\u4e00-\u9fff]){1,9}(?:省|自治区|特别行政区|市|区|县|旗|镇|乡|街道)){0,5})(?:(?![路街道巷弄号])[\u4e00-\u9fff]){1,12}(?:大道|路|街|巷|弄|胡同|道)\s*\d+(?:-\d+)?\s*号(?:\s*[\dA-Za-z-]+\s*(?:号楼|栋|幢|座|单元|楼|层|室|号))*/gu
// A street address in English ('221B Baker Street') and a UK postcode ('NW1 6XE').
const EN_STREET =
  /\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'.-]*\s+){0,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Parkway|Pkwy)\b\.?/gu
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b/gu

// Full-width digits and signs ('１３８１２３４５６７８', '＋８６') map one to one onto ASCII, so
// matching runs on a normalised copy and index ranges carry straight back to the original.
const FULL_WIDTH = /[\uff10-\uff19\uff0b\uff0d\uff08\uff09\uff0e\uff20]/gu
const normalise = (text: string): string =>
  text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))

/** Like String.replace, but matching on the normalised text; unmatched parts stay as written. */
const replaceNormalised = (
  text: string,
  pattern: RegExp,
  fn: (match: string, ...groups: string[]) => string
): string => {
  const plain = normalise(text)
  if (plain === text) return text.replace(pattern, fn as (m: string, ...rest: unknown[]) => string)
  let out = ''
  let last = 0
  for (const m of plain.matchAll(pattern)) {
    const start = m.index
    out += text.slice(last, start) + fn(m[0], ...m.slice(1))
    last = start + m[0].length
  }
  return out + text.slice(last)
}

const digitCount = (text: string): number => text.replace(/\D/gu, '').length

/** Replaces every digit from `from` (a digit index) up to the last `keep` digits with '*'. */
const maskDigits = (text: string, keep: number, from = 0): string => {
  const total = digitCount(text)
  let seen = 0
  return text.replace(/\d/gu, (d) => {
    const index = seen++
    return index >= from && index < total - keep ? '*' : d
  })
}

const isValidDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    year >= 1900 &&
    year <= 2100 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  )
}

/** The Luhn checksum card numbers carry. */
const passesLuhn = (digits: string): boolean => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

const maskEmail = (email: string): string => {
  const at = email.indexOf('@')
  return `${email.slice(0, 1)}***${email.slice(at)}`
}

// The birth date has to be a real date: 18-digit order numbers rarely carry one at digits 7-14.
const maskResidentId = (id: string, year: string, month: string, day: string): string =>
  isValidDate(Number(year), Number(month), Number(day)) ? `${'*'.repeat(14)}${id.slice(-4)}` : id

const maskCard = (card: string): string => {
  const digits = card.replace(/\D/gu, '')
  const isCard = digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)
  return isCard ? maskDigits(card, 4) : card
}

// Keeps the country code and the carrier prefix ('+86 138 **** 5678').
const maskCnMobile = (phone: string): string => {
  const mobileStart = digitCount(phone) - 11
  return maskDigits(phone, 4, mobileStart + 3)
}

const maskInternational = (phone: string): string => maskDigits(phone, 4)

/**
 * Masks personal data in a text, keeping the last 4 digits visible: e-mail addresses
 * ('a***@example.com'), Chinese resident IDs, bank cards that pass the Luhn check, Chinese mobile
 * numbers ('138****5678'), international and parenthesised phone numbers, street addresses and UK
 * postcodes. Full-width digits count as digits. Other numbers are left alone.
 */
export const maskPersonalData = (text: string): string => {
  let out = text
  out = replaceNormalised(out, EMAIL, maskEmail)
  out = replaceNormalised(out, RESIDENT_ID, maskResidentId)
  // Numbers with a foreign country prefix first, so '+1 130 0000 0000' is read neither as a card
  // nor as a Chinese mobile; then cards; then Chinese mobiles (with or without +86, keeping the
  // carrier prefix); then anything else with a prefix.
  out = replaceNormalised(out, FOREIGN_PHONE, maskInternational)
  out = replaceNormalised(out, CARD, maskCard)
  out = replaceNormalised(out, CN_MOBILE, maskCnMobile)
  out = replaceNormalised(out, INTERNATIONAL_PHONE, maskInternational)
  out = replaceNormalised(out, PARENTHESISED_PHONE, maskInternational)
  out = replaceNormalised(out, CN_ADDRESS, (_m, prefix = '') => `${prefix}****`)
  out = replaceNormalised(out, EN_STREET, () => '****')
  out = replaceNormalised(out, UK_POSTCODE, () => '****')
  return out
}
