import { describe, expect, it } from 'vitest'
import {
  extractVariables,
  pickLocale,
  renderTemplate,
  renderText,
  scanPlaceholders,
} from './render'
import type { TemplateDoc } from './types'

const doc = (locales: Record<string, string>, buttons?: TemplateDoc['buttons']): TemplateDoc => ({
  id: 't',
  version: 1,
  locales,
  ...(buttons ? { buttons } : {}),
  updatedAt: '2026-01-01T00:00:00.000Z',
})

describe('extractVariables', () => {
  it('finds names with optional spaces and defaults, once each, in order', () => {
    expect(
      extractVariables(
        'Hi {{ customer.name | friend }}, order {{order.id}} / {{order.id}} {{shop.name}}'
      )
    ).toEqual(['customer.name', 'order.id', 'shop.name'])
  })

  it('ignores malformed placeholders, which scanPlaceholders reports', () => {
    expect(extractVariables('{{Order.Id}} {{ }} {{1abc}} {single}')).toEqual([])
    expect(scanPlaceholders('{{Order.Id}} {{ok}}')).toEqual([
      { raw: '{{Order.Id}}', name: null },
      { raw: '{{ok}}', name: 'ok' },
    ])
  })
})

describe('pickLocale', () => {
  it('prefers the exact tag, then the language, then zh-CN, en, the first', () => {
    expect(pickLocale(['zh-CN', 'en'], 'en')).toBe('en')
    expect(pickLocale(['zh-CN', 'en'], 'EN_us')).toBe('en')
    expect(pickLocale(['en', 'zh-CN'], 'zh-TW')).toBe('zh-CN')
    expect(pickLocale(['en', 'zh-CN'], 'fr')).toBe('zh-CN')
    expect(pickLocale(['ja', 'en'], 'fr')).toBe('en')
    expect(pickLocale(['ja', 'ko'], 'fr')).toBe('ja')
    expect(pickLocale(['ja'], undefined)).toBe('ja')
    expect(pickLocale([], 'en')).toBeUndefined()
  })
})

describe('renderTemplate', () => {
  const template = doc(
    {
      'zh-CN': '{{customer.name|亲}}，订单 {{ order.id }} 已收到，{{reply.minutes}} 分钟内回复。',
      en: 'Hi {{customer.name|there}}, order {{order.id}} received; reply within {{reply.minutes}} min.',
    },
    [{ id: 'confirm.yes', labels: { 'zh-CN': '好的', en: 'OK {{customer.name|}}' } }]
  )

  it('substitutes values and applies |default', () => {
    expect(renderTemplate(template, 'zh-CN', { 'order.id': 'A1', 'reply.minutes': 10 }).text).toBe(
      '亲，订单 A1 已收到，10 分钟内回复。'
    )
    expect(
      renderTemplate(template, 'en', {
        'customer.name': 'Amy',
        'order.id': 'A1',
        'reply.minutes': 5,
      }).text
    ).toBe('Hi Amy, order A1 received; reply within 5 min.')
  })

  it('treats empty and undefined values as missing', () => {
    const rendered = renderTemplate(template, 'en', { 'customer.name': '', 'order.id': undefined })
    expect(rendered.text).toBe(
      'Hi there, order (no order number yet) received; reply within 10 min.'
    )
  })

  it('renders buttons in the same locale, with placeholders', () => {
    expect(renderTemplate(template, 'en', { 'customer.name': 'Amy' }).buttons).toEqual([
      { id: 'confirm.yes', label: 'OK Amy' },
    ])
    expect(renderTemplate(template, 'zh-CN', {}).buttons).toEqual([
      { id: 'confirm.yes', label: '好的' },
    ])
    expect(renderTemplate(doc({ en: 'x' }), 'en', {}).buttons).toBeUndefined()
  })

  it('falls back across locales: zh-CN, then en, then the first', () => {
    const both = doc({ en: 'english', 'zh-CN': '中文' })
    expect(renderTemplate(both, 'fr', {}).text).toBe('中文')
    expect(renderTemplate(both, 'en-GB', {}).text).toBe('english')
    expect(renderTemplate(doc({ ja: 'にほんご', en: 'english' }), 'zh-CN', {}).text).toBe('english')
    expect(renderTemplate(doc({ ja: 'にほんご' }), 'en', {}).text).toBe('にほんご')
  })

  it('labels follow the text locale and fall back to the button id when empty', () => {
    const enOnly = doc({ en: 'english' }, [
      { id: 'a', labels: { 'zh-CN': '甲', en: 'A' } },
      { id: 'b', labels: { en: '{{customer.name}}' } },
    ])
    expect(renderTemplate(enOnly, 'zh-CN', {}).buttons).toEqual([
      { id: 'a', label: 'A' },
      { id: 'b', label: 'b' },
    ])
  })

  it('keeps markup characters unescaped: each bot escapes for its own markup', () => {
    const html = doc({ en: '<b>{{shop.name}}</b> & co' })
    expect(renderTemplate(html, 'en', { 'shop.name': 'Tom & <Jerry>' }).text).toBe(
      '<b>Tom & <Jerry></b> & co'
    )
  })

  it('formats numbers per locale and cleans text values', () => {
    expect(renderText('{{return.days}}', 'en', { 'return.days': 12000 })).toBe('12,000')
    expect(renderText('{{return.days}}', 'de', { 'return.days': 12000 })).toBe('12.000')
    expect(
      renderText('[{{customer.name}}]', 'en', { 'customer.name': '  A\u202eB\nC\u0000 ' })
    ).toBe('[AB C]')
  })

  it('does not re-expand placeholders inside values and leaves malformed ones alone', () => {
    expect(renderText('{{customer.name}}', 'en', { 'customer.name': '{{shop.name}}' })).toBe(
      '{{shop.name}}'
    )
    expect(renderText('{{Bad Name}} {{ }}', 'en', {})).toBe('{{Bad Name}} {{ }}')
  })

  it('uses registry defaults per locale and empty for unknown names', () => {
    expect(renderText('{{shop.name}}', 'zh-CN', {})).toBe('本店')
    expect(renderText('{{shop.name}}', 'en', {})).toBe('our shop')
    expect(renderText('a{{customer.name}}b', 'en', {})).toBe('ab')
    expect(renderText('a{{not.known}}b', 'en', {})).toBe('ab')
    expect(renderText('a{{not.known|x}}b', 'en', { 'not.known': 'v' })).toBe('avb')
  })
})
