import { describe, expect, it } from 'vitest'
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './passwords'

describe('passwords', () => {
  it('hashes with PBKDF2 at 100k rounds and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery')
    const b = await hashPassword('correct horse battery')
    expect(a.iterations).toBe(PBKDF2_ITERATIONS)
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(100_000)
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
    expect(await verifyPassword('correct horse battery', a)).toBe(true)
    expect(await verifyPassword('correct horse batterY', a)).toBe(false)
    expect(await verifyPassword('', a)).toBe(false)
  })

  it('keeps verifying with the rounds a hash was made with', async () => {
    const old = await hashPassword('pw-from-before', 1000)
    expect(await verifyPassword('pw-from-before', old)).toBe(true)
    expect(await verifyPassword('pw-from-before', { ...old, iterations: 1001 })).toBe(false)
    expect(await verifyPassword('pw-from-before', { ...old, salt: '%%%' })).toBe(false)
  })
})
