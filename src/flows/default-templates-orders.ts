import { lines, button, template, HUMAN, YES_NO, type TemplateSource } from './template-copy'

// Copy for the order topics: asking for and confirming the order number, delivery problems,
// returns and payment help, with their out-of-hours twins.

/** Bundled copy for orders, delivery, returns and payment (zh-CN and en). */
export const DEFAULT_ORDER_TEMPLATES: Record<string, TemplateSource> = {
  'order.ask_id': template(
    '好的，帮您查订单～为了保护您的信息，请先发一下订单号（在「我的订单」里可以复制，例如 202611230001）。',
    'Happy to help with your order. To keep your details safe, please send your order number first (you can copy it from "My orders", e.g. 202611230001).'
  ),

  'order.invalid_id': template(
    '抱歉，这好像不是订单号哦。订单号是 6-24 位数字或字母，例如 202611230001，麻烦再发一次～',
    "Sorry, that doesn't look like an order number. It's 6-24 letters or digits, e.g. 202611230001. Could you send it again?"
  ),

  'order.retry_id': template(
    '好的，麻烦您重新发一下正确的订单号～',
    'No problem, please send the correct order number again.'
  ),

  'order.confirm_id': template(
    '您的订单号是 {{order.id}}，对吗？',
    'Your order number is {{order.id}}. Is that right?',
    YES_NO(['对的', "Yes, that's right"], ['不对，重新输入', 'No, let me re-enter'])
  ),

  'order.next_steps': template(
    '收到！订单 {{order.id}} 已转给订单组同事，同事核实后会在{{reply.within}}回复您。需要改地址或电话的话，同事会先跟您核对下单信息再修改。',
    "Got it! Order {{order.id}} is with our order team, who will check it and reply here {{reply.within}}. If the address or phone number needs changing, they'll verify the order details with you first."
  ),

  'logistics.ask': template(
    '给您添麻烦了，真不好意思！没揽收、物流不动、迟迟未到或者少件，我们都会帮您跟进到底。请先发一下订单号；如果是少件，之后再拍一张包裹里发货单的照片。',
    "Sorry for the trouble! Whether it hasn't been picked up, is stuck, is late or arrived with items missing, we'll chase it for you. Please send your order number first; if items are missing, please also send a photo of the packing slip afterwards."
  ),

  'logistics.next_steps': template(
    '已记录订单 {{order.id}}。物流同事会联系快递核实情况，在{{resolve.by}}告诉您结果和下一步。如果是少件，请把发货单照片发在这里，核实后当天为您补发。',
    'Order {{order.id}} noted. Our logistics team will check with the courier and tell you here what they found and what happens next {{resolve.by}}. If items are missing, send a photo of the packing slip here: once confirmed, we reship the same day.'
  ),

  'return.policy': template(
    lines(
      '先跟您说明一下售后政策：',
      '· 签收后 {{return.days}} 天内支持无理由退换，商品需未使用、未洗涤、吊牌完好，退回运费由您承担；',
      '· 质量问题或发错货，来回运费由我们承担；',
      '· 以下不支持无理由退换：已使用或洗涤、吊牌已拆、贴身及卫生用品、清仓特价商品、签收超过 {{return.days}} 天。',
      '请问您是哪种情况？'
    ),
    lines(
      "Here's how returns work:",
      '• Within {{return.days}} days of delivery you can return or exchange without giving a reason, if the item is unused, unwashed and still has its tags. Return shipping is on you.',
      '• For a quality problem or a wrong item, we pay shipping both ways.',
      '• Not returnable without a reason: used or washed items, removed tags, hygiene items, clearance items, or after {{return.days}} days.',
      'Which is your case?'
    ),
    [
      button('return.quality', '质量问题/发错货', 'Quality problem / wrong item'),
      button('return.noreason', '无理由退换', 'No-reason return'),
      HUMAN,
    ]
  ),

  'return.quality': template(
    '非常抱歉给您添麻烦了！请先发一下订单号，再拍几张问题部位的清晰照片（一张整体、一张细节）。核实是质量问题或发错货后，来回运费由我们承担。',
    "We're really sorry about that! Please send your order number first, then a few clear photos of the problem (one of the whole item, one close-up). Once we've confirmed it, we cover shipping both ways."
  ),

  'return.noreason': template(
    '没问题～请确认商品未使用、吊牌完好，退回运费由您承担。请发一下订单号，我们帮您登记退换。',
    "No problem! Please make sure the item is unused with its tags on; return shipping is on you. Send your order number and we'll register the return."
  ),

  'return.next_steps': template(
    '已为订单 {{order.id}} 登记售后申请。售后同事会在{{reply.within}}联系您，告诉您退货地址和处理方式。',
    'Your after-sale request for order {{order.id}} is registered. An after-sales colleague will contact you here {{reply.within}} with the return address and next steps.'
  ),

  'payment.help': template(
    lines(
      '付款遇到问题了吗？可以先试试这几步：',
      '· 银行卡被拒或提示支付失败：可能是银行限制了网上支付或额度，换一张卡，或换支付宝、微信支付再试；',
      '· 付款页打不开或卡住：更新 App、切换网络后再试；',
      '· 已扣款但订单仍显示待付款：一般几分钟内会自动同步，请不要重复付款。',
      '现在可以付款了吗？'
    ),
    lines(
      'Having trouble paying? A few things to try:',
      '• Card declined or payment failed: your bank may be limiting online payments or the amount; try another card, or Alipay or WeChat Pay.',
      "• The payment page won't load or hangs: update the app, switch networks and try again.",
      "• Charged but the order still says unpaid: it usually updates within a few minutes, so please don't pay twice.",
      'Is it working now?'
    ),
    YES_NO(['可以了', 'Yes, it worked'], ['还是不行', 'Still not working'])
  ),

  'payment.reminder': template(
    '{{customer.name|亲}}，您在{{shop.name}}拍下的订单 {{order.id}} 还没有付款哦～付款后我们会尽快为您安排发货。付款遇到问题的话，直接回复这条消息就好。',
    "Hi {{customer.name|there}}, your order {{order.id}} at {{shop.name}} is still waiting for payment; we'll get it on its way as soon as it's paid. Trouble paying? Just reply to this message.",
    [button('topic.payment', '付款遇到问题', 'Trouble paying')]
  ),

  'order.tracking': template(
    '【{{shop.name}}】好消息～您的订单 {{order.id}} 已经发货啦！承运：{{order.carrier}}，运单号：{{order.tracking}}。在「我的订单」-「查看物流」里可以看到最新进度，物流有异常的话随时告诉我们。',
    'Good news from {{shop.name}}: your order {{order.id}} has shipped with {{order.carrier}}, tracking number {{order.tracking}}. You can follow it under "My orders" > "Track package". If anything looks wrong with the delivery, just let us know.',
    [button('topic.logistics', '物流有问题', 'Delivery problem')]
  ),

  'order.next_steps.offhours': template(
    '收到！订单 {{order.id}} 的需求已经记下。订单组同事{{hours.back}} 上班，核实后会在{{reply.by}}回复您；需要改地址或电话的话，同事会先跟您核对下单信息再修改。',
    "Got it! Your request about order {{order.id}} is noted. Our order team is back {{hours.back}}, will check it and reply here {{reply.by}}; if the address or phone number needs changing, they'll verify the order details with you first."
  ),

  'order.status': template(
    '查到了～订单 {{order.id}}：{{order.status}}。\n还有其他可以帮您的吗？',
    'Here is the latest on order {{order.id}}: {{order.status}}.\nIs there anything else I can help with?',
    YES_NO(['还有问题', 'Yes, something else'], ['没有了，谢谢', "No, that's all"])
  ),

  'logistics.next_steps.offhours': template(
    '已记录订单 {{order.id}}。物流同事{{hours.back}} 上班后会联系快递核实，在{{resolve.by}}告诉您结果和下一步。如果是少件，请把发货单照片发在这里，核实后当天为您补发。',
    "Order {{order.id}} noted. Our logistics team is back {{hours.back}}; they'll check with the courier and tell you here what they found {{resolve.by}}. If items are missing, send a photo of the packing slip here: once confirmed, we reship the same day."
  ),

  'return.next_steps.offhours': template(
    '已为订单 {{order.id}} 登记售后申请。售后同事{{hours.back}} 上班，会在{{reply.by}}联系您，告诉您退货地址和处理方式。',
    'Your after-sale request for order {{order.id}} is registered. Our after-sales team is back {{hours.back}} and will contact you here {{reply.by}} with the return address and next steps.'
  ),
}
