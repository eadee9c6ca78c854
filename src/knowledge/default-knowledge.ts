import { KNOWLEDGE_EXAMPLES } from '../flows/training/examples'
import type { KnowledgeDoc, KnowledgeEntry } from '../flows/types'

// The bundled knowledge base: version 0, never stored. Shops replace it by publishing a newer
// version through the admin API. The bot sends these answers at night too, with nobody on shift,
// so each one stands on its own: no promised delivery dates, no compensation amounts, and where
// a person has to decide, the answer says so and says when people are there.

const UPDATED_AT = '2026-01-01T00:00:00.000Z'

const lines = (...parts: string[]) => parts.join('\n')

const entry = (
  id: string,
  title: [zh: string, en: string],
  zh: string,
  en: string
): KnowledgeEntry => ({
  id,
  title: { 'zh-CN': title[0], en: title[1] },
  questions: KNOWLEDGE_EXAMPLES[id] ?? {},
  answer: { 'zh-CN': zh, en },
})

/** Version 0 of the knowledge base: the answers a shop starts from and edits. */
export const DEFAULT_KNOWLEDGE: KnowledgeDoc = {
  version: 0,
  updatedAt: UPDATED_AT,
  entries: [
    entry(
      'shipping_time',
      ['发货与到货时间', 'Dispatch and delivery time'],
      lines(
        '亲，付款后 48 小时内发货（预售商品按商品页写明的时间发货）。',
        '发货后中国大陆一般 2-5 天送达，偏远地区和大促期间会稍慢一些。',
        '发货后在「我的订单」-「查看物流」里可以随时查看进度。'
      ),
      lines(
        'We dispatch within 48 hours of payment (pre-order items ship on the date shown on the product page).',
        'Delivery in mainland China usually takes 2-5 days after dispatch; remote areas and big sale periods can take a little longer.',
        'Once your order ships, you can follow it under "My orders" > "Track package".'
      )
    ),
    entry(
      'shipping_regions',
      ['配送范围', 'Where we ship'],
      lines(
        '我们目前发货到中国大陆以及港澳台地区。',
        '寄往其他国家和地区需要同事逐单确认：回复「人工」并留下收货国家和城市，客服同事会确认能否寄送、怎么寄（人工服务时间 {{hours.open}}）。'
      ),
      lines(
        'We ship to mainland China, Hong Kong, Macau and Taiwan.',
        'Other countries need a colleague to check each order: tap "Talk to a person" or type "person", with your country and city, and they will confirm whether and how we can ship to you (our team is here {{hours.open}}).'
      )
    ),
    entry(
      'shipping_fee',
      ['运费', 'Shipping fees'],
      lines(
        '单笔订单实付满 99 元包邮，不满 99 元运费 8 元。',
        '港澳台及海外运费另计，具体金额以结算页显示为准～'
      ),
      lines(
        'Shipping is free on orders of ¥99 or more (the amount you pay after discounts); below that it is ¥8.',
        'Hong Kong, Macau, Taiwan and overseas shipping is priced separately; checkout always shows the exact fee.'
      )
    ),
    entry(
      'courier',
      ['快递公司', 'Couriers'],
      lines(
        '我们默认发中通快递。',
        '需要发顺丰的话，下单时备注「顺丰」即可，需补运费差价；差价按收货地区计算，客服同事确认后再为您发出。'
      ),
      lines(
        'We ship with ZTO Express by default.',
        'Prefer SF Express? Add "SF" to your order note. It costs a surcharge that depends on your region, and a colleague confirms the amount with you before we ship.'
      )
    ),
    entry(
      'invoice',
      ['发票', 'Invoices'],
      lines(
        '可以开具电子增值税发票哦。',
        '需要的话请把订单号、发票抬头（公司全称）和纳税人识别号（税号）发给我们；个人发票抬头写「个人」就可以。',
        '发票开好后可在订单详情里下载，金额以实付金额为准。'
      ),
      lines(
        'We issue electronic VAT invoices on request.',
        'Send us your order number, your company\'s full name and its tax number; for a personal invoice, "Personal" is enough as the name.',
        'Once issued, you can download it from the order details. It shows the amount you actually paid.'
      )
    ),
    entry(
      'coupons',
      ['优惠券', 'Coupons'],
      lines(
        '每笔订单可以使用 1 张店铺优惠券，并且可以和平台的满减等活动叠加。',
        '结算时会自动使用，不用手动输入哦～每张券的使用门槛和有效期以券面说明为准。'
      ),
      lines(
        'You can use one shop coupon per order, and it stacks with platform-wide discounts.',
        "It's applied automatically at checkout, so there's nothing to enter. Each coupon's minimum spend and expiry date are shown on the coupon."
      )
    ),
    entry(
      'size_guide',
      ['尺码建议', 'Size guide'],
      lines(
        '每个商品详情页都有尺码表，可以对照您平时穿的尺码来选。',
        '我们是标准码，按平时的尺码选就好；如果在两个尺码之间，建议选大一码。',
        '还拿不准的话，告诉我们身高、体重和平时穿的尺码，同事帮您推荐～'
      ),
      lines(
        'Every product page has a size chart; compare it with the size you usually wear.',
        "Our sizes run standard, so your usual size should fit. If you're between two sizes, pick the larger one.",
        'Still unsure? Tell us your height, weight and usual size and a colleague will recommend one.'
      )
    ),
    entry(
      'care',
      ['洗涤保养', 'Care instructions'],
      lines(
        '建议冷水机洗（30℃以下）或手洗，深浅色分开洗，不要漂白。',
        '请勿烘干，洗后平铺或挂在阴凉通风处晾干，避免暴晒。',
        '不同面料要求不同，请以衣服上的洗涤标签为准。'
      ),
      lines(
        "Machine wash cold (30°C max) or hand wash, wash darks and lights separately, and don't bleach.",
        'Do not tumble dry; dry flat or hang in the shade, out of direct sun.',
        'Fabrics differ, so always follow the care label on the garment.'
      )
    ),
    entry(
      'genuine',
      ['正品保障', 'Genuine products'],
      lines(
        '{{shop.name}}所有商品都是正品，请放心购买。',
        '每件商品发货前都经过质检；收到后如果有质量问题，请拍照发给我们，我们会按售后政策为您处理。'
      ),
      lines(
        'Everything at {{shop.name}} is genuine, guaranteed.',
        "Every item is quality-checked before it ships. If something arrives with a quality problem, send us photos here and we'll sort it out under our after-sales policy."
      )
    ),
    entry(
      'payment_methods',
      ['支付方式', 'Payment methods'],
      lines(
        '支持支付宝、微信支付和银行卡（储蓄卡、信用卡）付款。',
        '也可以用花呗分期，可选的期数和手续费以结算页显示为准。'
      ),
      lines(
        'You can pay with Alipay, WeChat Pay or a bank card (debit or credit).',
        'Huabei installments are available too; the number of installments and any fees are shown at checkout.'
      )
    ),
  ],
}
