import { describe, expect, it } from 'vitest'
import { conditions, parseJsonColumn, selectList } from './sql'

describe('conditions', () => {
  it('numbers every placeholder in order, a value repeated where a condition asks for it twice', () => {
    const w = conditions()
    expect(w.where()).toBe('')
    w.add("level > 0 AND status = 'open'")
    w.add('(instr(lower(name), lower(?)) > 0 OR instr(lower(text), lower(?)) > 0)', 'q', 'q')
    w.add('(at < ? OR (at = ? AND key < ?))', 5, 5, 'k')
    expect(`${w.where()} LIMIT ${w.bind(51)}`).toBe(
      "WHERE level > 0 AND status = 'open' AND (instr(lower(name), lower(?1)) > 0 OR instr(lower(text), lower(?2)) > 0) AND (at < ?3 OR (at = ?4 AND key < ?5)) LIMIT ?6"
    )
    expect(w.values).toEqual(['q', 'q', 5, 5, 'k', 51])
  })
})

describe('selectList', () => {
  it('names each column by its field, aliasing only where they differ', () => {
    const columns = { key: 'key', customerName: 'customer_name', qa: 'qa_detail' }
    expect(selectList(columns, ['key', 'customerName', 'qa'])).toBe(
      'key, customer_name AS customerName, qa_detail AS qa'
    )
  })
})

describe('parseJsonColumn', () => {
  it('reads JSON text and gives null for an empty or unreadable column', () => {
    expect(parseJsonColumn('{"a":1}')).toEqual({ a: 1 })
    expect(parseJsonColumn(null)).toBeNull()
    expect(parseJsonColumn('')).toBeNull()
    expect(parseJsonColumn('{')).toBeNull()
  })
})
