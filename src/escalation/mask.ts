// Digit runs glued to letters are tracking or order numbers ('SF1234567890123'), never masked.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu
const RESIDENT_ID = /(?<![\dA-Za-z])[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX](?![\dA-Za-z])/giu
// Cards as typed: plain, in groups of 4, or Amex-style 4-6-5; 13-19 digits are checked after.
const CARD = new RegExp(
  String.raw`(?<![\dA-Za-z+])(?:\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?` +
    String.raw`|\d{4}[ -]\d{6}[ -]\d{5}|\d{13,19})(?![\dA-Za-z])`,
  'gu'
)
const CN_MOBILE = /(?<![\dA-Za-z+])(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\dA-Za-z])/gu
const INTERNATIONAL_PHONE = /(?<![\dA-Za-z])\+\d(?:[ -]?\d){7,14}(?![\dA-Za-z])/gu

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
 * numbers ('138****5678') and international phone numbers. Other numbers are left alone.
 */
export const maskPersonalData = (text: string): string =>
  text
    .replace(EMAIL, maskEmail)
    .replace(RESIDENT_ID, maskResidentId)
    .replace(CARD, maskCard)
    .replace(CN_MOBILE, maskCnMobile)
    .replace(INTERNATIONAL_PHONE, maskInternational)
