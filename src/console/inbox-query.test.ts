import { describe, expect, it } from 'vitest'
import { inboxFilters, likePattern, whereFor } from './inbox-query'

describe('inbox filters', () => {
  it('reads a bookmarked URL and falls back to defaults for anything unreadable', () => {
    expect(inboxFilters.parse({})).toEqual({ tab: 'all', status: 'open', page: 0 })
    expect(
      inboxFilters.parse({
        tab: 'mine',
        status: 'any',
        channel: 'telegram',
        level: '2',
        q: ' 0777 ',
        page: '3',
      })
    ).toMatchObject({
      tab: 'mine',
      status: 'any',
      channel: 'telegram',
      level: '2',
      q: '0777',
      page: 3,
    })
    expect(
      inboxFilters.parse({ tab: 'x', status: 'y', channel: 'DROP TABLE', level: '9', page: '-1' })
    ).toEqual({ tab: 'all', status: 'open', page: 0 })
  })

  it('builds numbered placeholders in order, constant SQL only', () => {
    const f = inboxFilters.parse({
      tab: 'mine',
      channel: 'line',
      level: '1',
      intent: 'order',
      q: '50%_off',
    })
    const where = whereFor(f, 'Mia')
    expect(where.sql).toBe(
      "WHERE status = ?1 AND agent = ?2 AND channel = ?3 AND level = ?4 AND intent = ?5 AND search_text LIKE ?6 ESCAPE '\\'"
    )
    expect(where.values).toEqual(['open', 'Mia', 'line', 1, 'order', '%50\\%\\_off%'])
    expect(whereFor(inboxFilters.parse({ tab: 'unassigned', status: 'any' }), 'Mia')).toEqual({
      sql: "WHERE owner = 'human' AND agent IS NULL",
      values: [],
    })
  })

  it('searches case-insensitively with LIKE wildcards taken literally', () => {
    expect(likePattern('Li LEI')).toBe('%li lei%')
    expect(likePattern('a\\b')).toBe('%a\\\\b%')
  })
})
