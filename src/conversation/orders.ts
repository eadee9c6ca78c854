import type { OrderInfo } from './types'

const normalId = (id: string) => id.normalize('NFKC').replace(/^#/, '').trim().toUpperCase()

/** An order the shop reported for this conversation, by the number the customer gave. */
export const findOrder = (
  orders: Record<string, OrderInfo>,
  id: string | undefined
): OrderInfo | null => {
  if (!id) return null
  const wanted = normalId(id)
  return Object.values(orders).find((o) => normalId(o.id) === wanted) ?? null
}

/** An order's status in the customer's language, for `{{order.status}}`. */
export const describeOrder = (order: OrderInfo, locale: string): string => {
  const zh = /^zh/i.test(locale)
  switch (order.status) {
    case 'created':
      return zh ? '已下单，目前还没有付款' : 'placed, but not paid yet'
    case 'paid':
      return zh
        ? '已付款，正在备货，发货后会把运单号发到这里'
        : "paid and being prepared; we'll send the tracking number here once it ships"
    case 'shipped': {
      const via = order.carrier ?? (zh ? '快递' : 'the courier')
      const tracking = order.tracking
        ? zh
          ? `，运单号 ${order.tracking}`
          : `, tracking number ${order.tracking}`
        : ''
      return zh
        ? `已发货（${via}${tracking}），在「我的订单」-「查看物流」里可以看到最新进度`
        : `shipped with ${via}${tracking}; you can follow it under "My orders" > "Track package"`
    }
    case 'cancelled':
      return zh ? '已取消' : 'cancelled'
    case 'refunded':
      return zh ? '已退款，款项会按原支付方式退回' : 'refunded to your original payment method'
  }
}
