import { describe, expect, it } from 'vitest'
import { sampleForReview } from './sample'

describe('the review sample', () => {
  it('always takes red lines and low ratings', () => {
    expect(sampleForReview('case-1', { redLines: 1, rating: null }, 0)).toBe(true)
    expect(sampleForReview('case-1', { redLines: 0, rating: 2 }, 0)).toBe(true)
    expect(sampleForReview('case-1', { redLines: 0, rating: 3 }, 0)).toBe(false)
  })

  it('draws about the configured share, the same way every time', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `case-${i}`)
    const drawn = ids.filter((id) => sampleForReview(id, { redLines: 0, rating: 5 }, 5)).length
    expect(drawn / ids.length).toBeGreaterThan(0.04)
    expect(drawn / ids.length).toBeLessThan(0.06)
    expect(ids.map((id) => sampleForReview(id, { redLines: 0, rating: null }, 5))).toEqual(
      ids.map((id) => sampleForReview(id, { redLines: 0, rating: null }, 5))
    )
    expect(ids.every((id) => sampleForReview(id, { redLines: 0, rating: null }, 100))).toBe(true)
  })
})
