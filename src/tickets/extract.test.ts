import { describe, expect, it } from 'vitest'
import { extractTicketFields } from './extract'

describe('fields a customer gives for a work order', () => {
  it('tells a phone number from an order number, in either order', () => {
    expect(
      extractTicketFields('Order 202612070001, my phone is 138 0013 8000', ['contact', 'order.id'])
    ).toEqual({ contact: '13800138000', fields: { 'order.id': '202612070001' } })
    expect(
      extractTicketFields('电话13800138000，订单号202612070001', ['contact', 'order.id'])
    ).toEqual({ contact: '13800138000', fields: { 'order.id': '202612070001' } })
    expect(extractTicketFields('call me on +44 20 7946 0000', ['contact'])).toEqual({
      contact: '+442079460000',
    })
    expect(extractTicketFields('mail me: lin.wei@example.com', ['contact', 'order.id'])).toEqual({
      contact: 'lin.wei@example.com',
    })
  })

  it('takes only what is missing, and the rest as the description when that is missing', () => {
    expect(extractTicketFields('202612070001', ['contact'])).toEqual({})
    expect(
      extractTicketFields('The handle came off after two days, order #A1234567', [
        'description',
        'order.id',
      ])
    ).toEqual({
      description: 'The handle came off after two days, order',
      fields: { 'order.id': 'A1234567' },
    })
    expect(extractTicketFields('ok', ['description'])).toEqual({})
  })
})
