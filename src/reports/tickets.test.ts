import { describe, expect, it } from 'vitest'
import { countTickets } from './tickets'

describe('work orders by category', () => {
  it('count by the shop-local day of opening, leave out merged duplicates, busiest first', () => {
    const at = (iso: string) => Date.parse(iso)
    const rows = [
      {
        category: 'logistics',
        created_at: at('2026-12-01T16:30:00Z'),
        closed_at: null,
        breached_at: null,
        status: 'received',
      }, // 12-02 00:30 in Shanghai
      {
        category: 'logistics',
        created_at: at('2026-12-02T03:00:00Z'),
        closed_at: at('2026-12-02T09:00:00Z'),
        breached_at: null,
        status: 'closed',
      },
      {
        category: 'quality',
        created_at: at('2026-12-02T04:00:00Z'),
        closed_at: null,
        breached_at: at('2026-12-03T04:00:00Z'),
        status: 'analysing',
      },
      {
        category: 'quality',
        created_at: at('2026-12-02T05:00:00Z'),
        closed_at: null,
        breached_at: null,
        status: 'merged',
      },
      {
        category: 'refund',
        created_at: at('2026-12-01T15:00:00Z'),
        closed_at: null,
        breached_at: null,
        status: 'received',
      }, // 12-01 23:00 local: outside
    ]
    expect(countTickets(rows, { from: '2026-12-02', to: '2026-12-02' }, 'Asia/Shanghai')).toEqual([
      { category: 'logistics', opened: 2, closed: 1, breached: 0 },
      { category: 'quality', opened: 1, closed: 0, breached: 1 },
    ])
  })
})
