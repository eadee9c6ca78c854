import { fromBase64, toBase64 } from '../lib/encoding'

/** PBKDF2-SHA256 rounds for new passwords (OWASP's 2023 floor is 600k; Workers CPU allows 100k per sign-in). */
export const PBKDF2_ITERATIONS = 100_000

/** Shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 10

/** A stored password: the derived key and its salt (base64) and the rounds used. */
export interface PasswordHash {
  hash: string
  salt: string
  iterations: number
}

const derive = async (
  password: string,
  salt: Uint8Array,
  iterations: number
): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits']
  )
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256
  )
  return new Uint8Array(bits)
}

/** Hashes a new password with a fresh 16-byte salt. */
export const hashPassword = async (
  password: string,
  iterations = PBKDF2_ITERATIONS
): Promise<PasswordHash> => {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return {
    hash: toBase64(await derive(password, salt, iterations)),
    salt: toBase64(salt),
    iterations,
  }
}

/** Checks a password against its stored hash, in constant time over the derived bytes. */
export const verifyPassword = async (password: string, stored: PasswordHash): Promise<boolean> => {
  const salt = fromBase64(stored.salt)
  const expected = fromBase64(stored.hash)
  if (!salt || !expected || stored.iterations < 1) return false
  const actual = await derive(password, salt, stored.iterations)
  if (actual.length !== expected.length) return false
  let diff = 0
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0)
  return diff === 0
}
