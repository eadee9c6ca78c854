import { describe, expect, it } from 'vitest'
import { echoableCloseCode } from './ws'

describe('closing a socket the peer closed', () => {
  it('never sends a reserved code (an abrupt drop arrives as 1006)', () => {
    for (const code of [1004, 1005, 1006, 1015, 0, 999, 1016, 2999, 5000])
      expect(echoableCloseCode(code)).toBe(1000)
  })
  it('echoes codes that may be sent', () => {
    for (const code of [1000, 1001, 1008, 1009, 1011, 3000, 4001])
      expect(echoableCloseCode(code)).toBe(code)
  })
})
