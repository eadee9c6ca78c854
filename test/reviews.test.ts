import { describe, expect, it } from 'vitest'
import { api, drain, fakeTelegram } from './helpers'
import { adminCall as call } from './support/admin-api'
import { telegramSays } from './support/telegram'

describe('the quality review queue', () => {
  it('queues every case with a red line, takes a supervisor score, and sums up per agent and week', async () => {
    fakeTelegram()
    const key = 'telegram:9301'
    await telegramSays(9301, 'my parcel is late, this is unacceptable')
    await drain(key)
    await call(`/api/v1/conversations/${key}/assign`, 'POST', { agent: 'Bo' })
    await call(`/api/v1/conversations/${key}/messages`, 'POST', {
      text: "That's not my problem, it will definitely arrive tomorrow.",
    })
    await call(`/api/v1/conversations/${key}/resolve`, 'POST', { solution: 'told to wait' })
    await drain(key)

    const queue = (await (await call('/api/v1/reviews')).json()) as {
      reviews: {
        id: string
        conversationKey: string
        qaScore: number
        redLines: { kind: string }[]
      }[]
    }
    const item = queue.reviews.find((r) => r.conversationKey === key)
    expect(item?.redLines.map((h) => h.kind).sort()).toEqual(['promise', 'wording'])
    expect(item?.qaScore).toBeLessThan(80)

    expect((await call(`/api/v1/reviews/${item?.id}`, 'POST', { score: 120 })).status).toBe(400)
    expect((await call('/api/v1/reviews/no-such-case', 'POST', { score: 50 })).status).toBe(404)
    expect(
      (
        await call(`/api/v1/reviews/${item?.id}`, 'POST', {
          score: 35,
          comment: 'Blamed the customer and promised a date.',
        })
      ).status
    ).toBe(200)
    const reviewed = (await (await call('/api/v1/reviews?state=reviewed')).json()) as {
      reviews: { id: string; reviewScore: number; reviewer: string }[]
    }
    expect(reviewed.reviews.find((r) => r.id === item?.id)).toMatchObject({
      reviewScore: 35,
      reviewer: 'admin',
    })
    const results = (await (await call('/api/v1/reviews/results')).json()) as {
      results: { handler: string; reviewed: number; reviewAverage: number }[]
    }
    // The case's handler is who resolved it (here the API's root admin).
    expect(results.results.find((r) => r.reviewed === 1)).toMatchObject({
      handler: 'admin',
      reviewAverage: 35,
    })
  })

  it('is for admins only', async () => {
    const token = (await (
      await call('/api/v1/tokens', 'POST', { name: 'shift', role: 'agent' })
    ).json()) as { token: string }
    expect(
      (await api('/api/v1/reviews', { headers: { Authorization: `Bearer ${token.token}` } })).status
    ).toBe(403)
  })
})
