import { describe, expect, it } from 'vitest'
import { utf8Length } from './encoding'
import { safeEnd, splitText, splitWith, utf8Prefix } from './split-text'

describe('splitText in UTF-16 units (Telegram, LINE, Slack, Graph)', () => {
  it('cuts at the last newline, else the last space, in the last half of the limit', () => {
    expect(splitText('aaaa\nbbb ccc', { limit: 10 })).toEqual(['aaaa\nbbb', 'ccc'])
    expect(splitText('aaaaaa\nbb\ncc', { limit: 10 })).toEqual(['aaaaaa\nbb', 'cc'])
    // A separator in the first half would leave a short chunk: the hard cut wins.
    expect(splitText('ab cdefghijklmn', { limit: 10 })).toEqual(['ab cdefghi', 'jklmn'])
    // A separator right after the limit is still a clean cut, and it is dropped.
    expect(splitText('aaaaaaaaaa bbb', { limit: 10 })).toEqual(['aaaaaaaaaa', 'bbb'])
  })

  it('never cuts a surrogate pair: an emoji straddling the limit goes to the next chunk', () => {
    const chunks = splitText(`a${'😀'.repeat(3000)}`, { limit: 4096 })
    expect(chunks.map((chunk) => chunk.length)).toEqual([4095, 1906])
    for (const chunk of chunks) expect(chunk.isWellFormed()).toBe(true)
  })

  it('counts a CJK character as one unit', () => {
    expect(splitText('你好世界你好', { limit: 4 })).toEqual(['你好世界', '你好'])
  })

  it('keeps escaped entities whole', () => {
    expect(splitText('aaaaaaaa&amp;b', { limit: 10, escaped: true })).toEqual([
      'aaaaaaaa',
      '&amp;b',
    ])
    expect(splitText('aaaaaaaa&amp;b', { limit: 10 })).toEqual(['aaaaaaaa&a', 'mp;b'])
  })

  it('keeps text that fits whole and drops blank chunks', () => {
    expect(splitText('x'.repeat(4096), { limit: 4096 })).toEqual(['x'.repeat(4096)])
    expect(splitText('   \n ', { limit: 10 })).toEqual([])
    expect(splitText('', { limit: 10 })).toEqual([])
  })
})

describe('splitText in UTF-8 bytes (WeChat, WeCom)', () => {
  it('counts bytes: three per CJK character, four per emoji', () => {
    expect(splitText('你好世界你好', { limit: 7, unit: 'utf8' })).toEqual(['你好', '世界', '你好'])
    expect(splitText('😀😀', { limit: 4, unit: 'utf8' })).toEqual(['😀', '😀'])
  })

  it('sends a code point wider than the limit alone rather than loop', () => {
    expect(splitText('😀😀', { limit: 3, unit: 'utf8' })).toEqual(['😀', '😀'])
  })

  it('keeps every chunk within the byte limit and loses nothing but the separators', () => {
    const text = `a${'😀'.repeat(1000)} 你好 ${'é'.repeat(900)}`
    const chunks = splitText(text, { limit: 2048, unit: 'utf8' })
    for (const chunk of chunks) {
      expect(chunk.isWellFormed()).toBe(true)
      expect(utf8Length(chunk)).toBeLessThanOrEqual(2048)
    }
    expect(chunks.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''))
  })

  it('measures the last half in bytes too', () => {
    // The space stands after 3 CJK characters (9 bytes): past half of 12 bytes, so it is the cut.
    expect(splitText('你好世 界你好', { limit: 12, unit: 'utf8' })).toEqual(['你好世', '界你好'])
  })
})

describe('helpers', () => {
  it('safeEnd steps back from the first half of a pair only', () => {
    expect(safeEnd('a😀', 2)).toBe(1)
    expect(safeEnd('ab', 2)).toBe(2)
    expect(safeEnd('😀', 1)).toBe(1)
  })

  it('utf8Prefix takes whole code points', () => {
    expect(utf8Prefix('a你😀', 3)).toBe(1)
    expect(utf8Prefix('a你😀', 4)).toBe(2)
    expect(utf8Prefix('a你😀', 8)).toBe(4)
  })

  it('splitWith takes any measure (SMS segments, say)', () => {
    const cutter = {
      fits: (text: string) => text.length <= 3,
      cut: () => ({ end: 3, skip: 0 }),
    }
    expect(splitWith('abcdefg', cutter)).toEqual(['abc', 'def', 'g'])
  })
})
