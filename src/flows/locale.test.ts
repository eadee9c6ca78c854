import { describe, expect, it } from 'vitest'
import { detectLocale, localeFromHint } from './locale'

describe('detectLocale', () => {
  it('Chinese text is zh-CN, Latin text is en, whatever the hint', () => {
    expect(detectLocale('我的快递三天了还没到', 'en')).toBe('zh-CN')
    expect(detectLocale('where is my parcel?', 'zh-hans')).toBe('en')
    expect(detectLocale('Où est mon colis ?', undefined, 'zh-CN')).toBe('en')
  })

  it('emoji, digits and empty text follow the hint, then the current locale, then zh-CN', () => {
    expect(detectLocale('👍', 'zh-hans')).toBe('zh-CN')
    expect(detectLocale('👍', 'en-US', 'zh-CN')).toBe('en')
    expect(detectLocale('202611230001', undefined, 'en')).toBe('en')
    expect(detectLocale('202611230001', 'ja', 'en')).toBe('en')
    expect(detectLocale('', undefined, undefined)).toBe('zh-CN')
    expect(detectLocale('123', undefined, '')).toBe('zh-CN')
  })

  it('fullwidth punctuation counts only together with Han', () => {
    expect(detectLocale('？？！', 'en')).toBe('en')
    expect(detectLocale('好！！！ ok', 'en')).toBe('zh-CN')
  })

  it('mixed text goes to the majority script, the hint breaks a tie', () => {
    expect(detectLocale('我的订单 A12345678 怎么还没发货', 'en')).toBe('zh-CN')
    expect(detectLocale('where is my 订单', 'zh')).toBe('en')
    expect(detectLocale('ok好的', 'zh-TW')).toBe('zh-CN')
    expect(detectLocale('ok好的', 'en')).toBe('en')
  })

  it('codes with digits are not English words', () => {
    expect(detectLocale('订单 ABCD1234', 'en')).toBe('zh-CN')
    expect(detectLocale('TB20261123ABC', undefined, 'zh-CN')).toBe('zh-CN')
  })
})

describe('localeFromHint', () => {
  it('maps Chinese and English tags, nothing else', () => {
    for (const hint of ['zh', 'zh-hans', 'zh-CN', 'zh-TW', 'zh_Hant_HK', 'ZH']) {
      expect(localeFromHint(hint), hint).toBe('zh-CN')
    }
    for (const hint of ['en', 'en-US', 'en_GB', 'EN']) expect(localeFromHint(hint), hint).toBe('en')
    for (const hint of ['ja', 'zhx', 'eng', '', undefined]) {
      expect(localeFromHint(hint), String(hint)).toBeUndefined()
    }
  })
})
