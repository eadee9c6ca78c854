import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskPersonalData as mask } from './mask'

describe('maskPersonalData', () => {
  it('masks Chinese mobile numbers, keeping the prefix and the last 4 digits', () => {
    expect(mask('我的手机13812345678')).toBe('我的手机138****5678')
    expect(mask('电话 138-1234-5678，谢谢')).toBe('电话 138-****-5678，谢谢')
    expect(mask('call 139 1234 5678 please')).toBe('call 139 **** 5678 please')
    expect(mask('+86 138 1234 5678')).toBe('+86 138 **** 5678')
    expect(mask('+8613812345678')).toBe('+86138****5678')
  })

  it('masks international numbers, keeping the last 4 digits', () => {
    expect(mask('Call me at +44 20 7946 0958')).toBe('Call me at +** ** **** 0958')
    expect(mask('my number: +1 415-555-2671.')).toBe('my number: +* ***-***-2671.')
  })

  it('masks e-mail addresses, keeping the first letter and the domain', () => {
    expect(mask('邮箱 alice.wang@example.com')).toBe('邮箱 a***@example.com')
    expect(mask('mail Bob+shop@mail.example.co.uk!')).toBe('mail B***@mail.example.co.uk!')
    expect(mask('13812345678@163.com')).toBe('1***@163.com')
  })

  it('masks Chinese resident IDs with a real birth date', () => {
    expect(mask('身份证11010519491231002X')).toBe('身份证**************002X')
    expect(mask('ID 11010519491231002x ok')).toBe('ID **************002x ok')
    expect(mask('身份证号：440305200002290017')).toBe('身份证号：**************0017')
  })

  it('masks bank cards that pass the Luhn check', () => {
    expect(mask('卡号 4111 1111 1111 1111')).toBe('卡号 **** **** **** 1111')
    expect(mask('card 4111-1111-1111-1111')).toBe('card ****-****-****-1111')
    expect(mask('4111111111111111')).toBe('************1111')
    expect(mask('amex 3782 822463 10005')).toBe('amex **** ****** *0005')
    expect(mask('UnionPay 6212 3456 7890 1234 569')).toBe('UnionPay **** **** **** ***4 569')
    expect(mask('6212345678901234569')).toBe('***************4569')
  })

  it('leaves order, tracking and other numbers alone', () => {
    for (const text of [
      '订单202611230001',
      '订单号 202611231234567890',
      'order 4111111111111112 (fails Luhn)',
      'SF1234567890123',
      'JD0012345678901',
      '金额12345678901元',
      '退款 ¥1,299.00',
      '2026-11-23 14:30',
      '尺码 XL，数量 2',
      '身份证 110105194913310021',
    ]) {
      expect(mask(text)).toBe(text)
    }
  })

  it('masks several items in one message', () => {
    expect(mask('我叫王芳，手机13912345678，邮箱 wf@qq.com，订单202611230001')).toBe(
      '我叫王芳，手机139****5678，邮箱 w***@qq.com，订单202611230001'
    )
  })

  it('is idempotent', () => {
    const once = mask('13812345678 / 4111 1111 1111 1111 / a@b.cn / 11010519491231002X')
    expect(mask(once)).toBe(once)
  })

  it('masks international formats: parentheses, dots, a 00 prefix, full-width digits', () => {
    expect(mask('call +1 (415) 555-2671 now')).toBe('call +* (***) ***-2671 now')
    expect(mask('tel +1.415.555.2671')).toBe('tel +*.***.***.2671')
    expect(mask('UK 00 44 20 7946 0958')).toBe('UK ** ** ** **** 0958')
    expect(mask('office (415) 555-2671')).toBe('office (***) ***-2671')
    expect(mask('手机１３８１２３４５６７８')).toBe('手机138****5678')
    expect(mask('卡 4111.1111.1111.1111')).toBe('卡 ****.****.****.1111')
  })

  it('masks e-mail addresses in any script', () => {
    expect(mask('邮箱 用户@例子.中国')).toBe('邮箱 用***@例子.中国')
  })

  it('hides street addresses, keeping the city or district', () => {
    expect(mask('寄到浙江省杭州市西湖区文三路 90 号 3 单元 502 室，谢谢')).toBe(
      '寄到浙江省杭州市西湖区****，谢谢'
    )
    expect(mask('地址：上海市浦东新区世纪大道100号')).toBe('地址：上海市浦东新区****')
    expect(mask('ship to 221B Baker Street, London NW1 6XE please')).toBe(
      'ship to ****, London **** please'
    )
    expect(mask('I live at 1600 Pennsylvania Ave in DC')).toBe('I live at **** in DC')
  })

  it('property: no generated phone number keeps more than its last 4 digits (and its country code)', () => {
    const sep = fc.constantFrom(' ', '.', '-', '')
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 998 }),
        fc.array(fc.stringMatching(/^[0-9]{2,4}$/), { minLength: 3, maxLength: 4 }),
        sep,
        fc.constantFrom('+', '00', '00 '),
        fc.boolean(),
        (country, groups, separator, prefix, parens) => {
          const digits = groups.join('')
          // +86 mobiles keep their carrier prefix by design (tested above).
          fc.pre(
            country !== 86 && digits.length >= 8 && digits.length + String(country).length <= 15
          )
          const [first, ...rest] = groups as [string, ...string[]]
          const body = (parens ? `(${first}) ` : first + separator) + rest.join(separator)
          const phone = `${prefix}${country} ${body}`
          const masked = mask(`phone: ${phone} ok`)
          const kept = masked.replace(/\D/g, '')
          expect(kept.endsWith(digits.slice(-4))).toBe(true)
          expect(kept.length).toBe(4)
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('property: Luhn-valid cards in any grouping keep only the last 4 digits; full-width too', () => {
    const luhnComplete = (body: string) => {
      for (let d = 0; d <= 9; d++) {
        const candidate = `${body}${d}`
        let sum = 0
        for (let i = 0; i < candidate.length; i++) {
          let x = Number(candidate[candidate.length - 1 - i])
          if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2
          sum += x
        }
        if (sum % 10 === 0) return candidate
      }
      return body
    }
    const fullWidth = (t: string) =>
      t.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    fc.assert(
      fc.property(
        fc.stringMatching(/^[3-6][0-9]{14}$/),
        fc.constantFrom(' ', '-', '.'),
        fc.boolean(),
        (body, separator, wide) => {
          const card = luhnComplete(body)
          const grouped = card.match(/.{1,4}/g)!.join(separator)
          const text = `card ${wide ? fullWidth(grouped) : grouped}`
          const kept = mask(text).normalize('NFKC').replace(/\D/g, '')
          expect(kept).toBe(card.slice(-4))
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('stays fast on text built to make the address rule backtrack', () => {
    const started = Date.now()
    for (const text of [
      '区'.repeat(200),
      '浙江省'.repeat(100),
      '市区'.repeat(150) + '路',
      '上海市'.repeat(60) + '人民路 1'.repeat(30),
    ])
      mask(text)
    expect(Date.now() - started).toBeLessThan(500)
  })
})
