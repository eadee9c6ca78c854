import type { TemplateButton, TemplateDoc } from './types'

// The bundled copy: version 0 of every template, in zh-CN and en. Shops override any template by
// publishing a newer version through the admin API. The flow that says them is default-pack.ts.

const UPDATED_AT = '2026-01-01T00:00:00.000Z'

const lines = (...parts: string[]) => parts.join('\n')

const button = (id: string, zh: string, en: string): TemplateButton => ({
  id,
  labels: { 'zh-CN': zh, en },
})

const template = (
  zh: string,
  en: string,
  buttons?: TemplateButton[]
): Pick<TemplateDoc, 'locales' | 'buttons'> => ({
  locales: { 'zh-CN': zh, en },
  ...(buttons ? { buttons } : {}),
})

const HUMAN = button('human', '转人工', 'Talk to a person')
const YES_NO = (yes: [string, string], no: [string, string]) => [
  button('confirm.yes', ...yes),
  button('confirm.no', ...no),
]

/** The main topics, offered as buttons at the start and whenever the bot is lost. */
const TOPICS: TemplateButton[] = [
  button('topic.presale', '商品咨询', 'Product question'),
  button('topic.order', '查询/修改订单', 'Order status / change'),
  button('topic.logistics', '物流问题', 'Delivery problem'),
  button('topic.return', '退换货/售后', 'Returns & after-sale'),
  button('topic.complaint', '投诉建议', 'Complaint'),
  button('topic.payment', '付款问题', 'Payment'),
  HUMAN,
]

const SOURCES = {
  greeting: template(
    '{{customer.name|亲}}，您好！欢迎光临{{shop.name}}～我是店铺的智能客服助手，查订单、问商品、物流和售后都可以找我。请问有什么可以帮您？直接打字或点下方按钮都可以。',
    "Hi {{customer.name|there}}, welcome to {{shop.name}}! I'm the shop's assistant bot. I can help with products, orders, delivery and returns. What can I do for you? Type your question or tap a topic below.",
    TOPICS
  ),

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

  complaint: template(
    '非常抱歉给您带来了不好的体验，您的心情我们完全理解。您反映的情况我已经完整记录，并转给了主管同事：主管会在{{reply.within}}联系您，核实后在{{resolve.by}}给您明确的处理方案，您不用再重复说明。方便的话，请把订单号和相关照片也发在这里。',
    "I'm truly sorry for this experience, and I understand how frustrating it is. I've recorded what you told us and passed it to a supervisor, who will contact you here {{reply.within}} and come back with a clear solution {{resolve.by}}. You won't need to repeat yourself. If you can, send your order number and any photos here."
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

  handoff: template(
    '好的，这就请客服同事来帮您。{{shop.name}}的同事会在{{reply.within}}回复您；如果还没说具体问题，可以先把问题和订单号发过来，同事一来就能直接处理。',
    "Let me get a colleague for you. Someone from {{shop.name}} will reply right here {{reply.within}}. If you haven't described the problem yet, send it now with your order number so they can start straight away."
  ),

  'fallback.reask': template(
    '不好意思，我没太明白您的意思。能再具体说说遇到了什么问题吗？也可以点下方按钮选择。',
    "Sorry, I didn't quite get that. Could you tell me a bit more about what you need? You can also tap a topic below.",
    TOPICS
  ),

  'fallback.offer_human': template(
    '抱歉，我还是没能理解您的问题。要不要为您转接人工客服？点「转人工」就好，或者选择下方的问题类型。',
    'Sorry, I still can\'t work out what you need. Would you like to talk to a person? Tap "Talk to a person", or pick a topic below.',
    [HUMAN, ...TOPICS.filter((b) => b.id !== HUMAN.id)]
  ),

  closing: template(
    '请问还有其他可以帮您的吗？',
    'Is there anything else I can help you with?',
    YES_NO(['还有问题', 'Yes, something else'], ['没有了，谢谢', "No, that's all"])
  ),

  ask_more: template(
    '好的，请说～直接打字告诉我，或点下方按钮选择。',
    'Sure, go ahead: type your question or tap a topic below.',
    TOPICS
  ),

  farewell: template(
    '感谢您的咨询，祝您购物愉快！之后有任何问题，随时在这里找我们～',
    'Thanks for chatting with us, and happy shopping! If anything comes up, just message us here.'
  ),

  'order.tracking': template(
    '【{{shop.name}}】好消息～您的订单 {{order.id}} 已经发货啦！承运：{{order.carrier}}，运单号：{{order.tracking}}。在「我的订单」-「查看物流」里可以看到最新进度，物流有异常的话随时告诉我们。',
    'Good news from {{shop.name}}: your order {{order.id}} has shipped with {{order.carrier}}, tracking number {{order.tracking}}. You can follow it under "My orders" > "Track package". If anything looks wrong with the delivery, just let us know.',
    [button('topic.logistics', '物流有问题', 'Delivery problem')]
  ),

  survey: template(
    '这次服务您满意吗？请给我们打个分，您的评价会帮助我们做得更好～',
    'How did we do? Please rate this conversation. Your feedback helps us get better.',
    [
      button('csat.1', '1 非常不满意', '1 Very poor'),
      button('csat.2', '2 不满意', '2 Poor'),
      button('csat.3', '3 一般', '3 OK'),
      button('csat.4', '4 满意', '4 Good'),
      button('csat.5', '5 非常满意', '5 Excellent'),
    ]
  ),

  'survey.thanks': template('收到您的评价，谢谢您！', 'Thank you for your rating!'),

  'survey.low': template(
    '很抱歉这次没能让您满意。我已请主管同事跟进，他会在{{reply.within}}联系您，了解问题出在哪里。',
    "We're sorry we let you down this time. A supervisor will follow up with you here {{reply.within}} to hear what went wrong."
  ),

  holding: template(
    '好的～负责的同事会在{{reply.within}}回复您，请稍候。',
    'Noted. The colleague handling this will reply here {{reply.within}}.'
  ),

  offhours: template(
    '温馨提示：现在是非工作时间（人工客服 {{hours.open}}），同事{{hours.back}} 上班。发货、运费、退换货这类常见问题我现在就能回答；需要人工处理的，直接留言就好，同事上班后第一时间回复您。',
    "Just so you know: our team is offline right now (we're here {{hours.open}}) and back {{hours.back}}. I can answer common questions about shipping, delivery costs and returns right away; for anything else, leave a message and a colleague will reply first thing."
  ),

  'escalation.level1': template(
    '非常抱歉给您带来了不好的体验。您反映的情况我已经整理好，连同聊天记录一起交给了资深客服同事，您不用再重复说明。同事会在{{reply.within}}联系您，并在{{resolve.by}}给您明确的处理方案。',
    "I'm really sorry about this. I've summarised what you told me and passed it, with this conversation, to a senior colleague, so you won't have to repeat yourself. They will contact you here {{reply.within}} and come back with a clear solution {{resolve.by}}."
  ),

  'escalation.level2': template(
    '非常抱歉让您遇到这样的问题，我们非常重视。您的情况已经直接交给店铺的负责团队：负责人会在{{reply.within}}联系您，核实全部情况后在{{resolve.by}}给您一个明确的处理方案，期间有进展也会第一时间告诉您。方便的话请发一下订单号，负责人可以直接调出记录。',
    "We're very sorry, and we take this seriously. Your case has gone straight to the team responsible: they will contact you here {{reply.within}}, review all the facts and come back with a clear resolution {{resolve.by}}, with news in the meantime. If you can, send your order number so they can pull up the records at once."
  ),

  'abuse.calm': template(
    '我理解您现在很着急，也很生气，我们一定会认真处理。您说的情况我已经记下并转给了主管同事，他会在{{reply.within}}联系您。',
    "I understand you're upset, and we do want to put this right. I've noted what you told me and passed it to a supervisor, who will contact you here {{reply.within}}."
  ),

  compare: template(
    lines(
      '理解您想买得更放心、更划算～在{{shop.name}}购买，您能得到这些保障：',
      '· 正品保证，每件发货前都经过质检；',
      '· 签收后 {{return.days}} 天无理由退换，质量问题来回运费由我们承担；',
      '· 售前售后都有专人服务（人工客服 {{hours.open}}），有问题在这里留言就好。',
      '价格以页面和结算时为准，店铺活动和优惠券会在结算时自动使用。还有什么想了解的吗？'
    ),
    lines(
      "I understand you want to buy with confidence and get a good deal. Here's what you get at {{shop.name}}:",
      '• Genuine products, each one quality-checked before it ships.',
      '• {{return.days}}-day no-reason returns, and for a quality problem we pay shipping both ways.',
      '• Real people to help before and after you buy, in this chat (staffed {{hours.open}}).',
      'The price is the one on the page and at checkout, where current promotions and coupons apply automatically. Anything else you would like to know?'
    )
  ),

  ack: template(
    '好的～还有其他可以帮您的吗？',
    'Great! Is there anything else I can help you with?',
    [
      button('confirm.yes', '还有问题', 'Yes, something else'),
      button('confirm.no', '没有了，谢谢', "No, that's all"),
    ]
  ),

  'handoff.offhours': template(
    '好的，已经为您转给客服同事。现在是非工作时间，同事{{hours.back}} 上班，会在{{reply.by}}回复您。您可以先把问题和订单号留在这里，同事上班后第一时间处理，不用您再重复说明。',
    "I've passed you to our team. We're offline right now and back {{hours.back}}; a colleague will reply right here {{reply.by}}. Leave your question and order number here and they'll pick it up first thing, so you won't need to repeat anything."
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
  'complaint.offhours': template(
    '非常抱歉给您带来了不好的体验，您的心情我们完全理解。您反映的情况我已经完整记录，并转给了主管同事。现在是非工作时间，主管{{hours.back}} 上班后会在{{reply.by}}联系您，核实后在{{resolve.by}}给您明确的处理方案，您不用再重复说明。方便的话，请把订单号和相关照片也发在这里。',
    "I'm truly sorry for this experience, and I understand how frustrating it is. I've recorded what you told us and passed it to a supervisor. We're offline right now; the supervisor is back {{hours.back}}, will contact you here {{reply.by}} and come back with a clear solution {{resolve.by}}. You won't need to repeat yourself. If you can, send your order number and any photos here."
  ),
  'photo.handover.offhours': template(
    '收到{{file.kind}}！已经为您转给负责的同事。现在是非工作时间，同事{{hours.back}} 上班，会在{{reply.by}}回复您。方便的话也请把订单号发在这里。',
    "Got your {{file.kind}}! I've passed it to the right colleague. We're offline right now and back {{hours.back}}; they will reply here {{reply.by}}. If you can, please send your order number here too."
  ),
  'survey.low.offhours': template(
    '很抱歉这次没能让您满意。我已请主管同事跟进：现在是非工作时间，主管{{hours.back}} 上班后会在{{reply.by}}联系您，了解问题出在哪里。',
    "We're sorry we let you down this time. A supervisor will follow up: we're offline right now, and they will contact you here {{reply.by}} to hear what went wrong."
  ),
  'holding.offhours': template(
    '好的，您的留言已收到。现在是非工作时间，负责的同事{{hours.back}} 上班，会在{{reply.by}}回复您。',
    "Noted, your message is saved. We're offline right now; the colleague handling this is back {{hours.back}} and will reply here {{reply.by}}."
  ),
  'escalation.level1.offhours': template(
    '非常抱歉给您带来了不好的体验。您反映的情况我已经整理好，连同聊天记录一起交给了资深客服同事，您不用再重复说明。现在是非工作时间，同事{{hours.back}} 上班后会在{{reply.by}}联系您，并在{{resolve.by}}给您明确的处理方案。',
    "I'm really sorry about this. I've summarised what you told me and passed it, with this conversation, to a senior colleague, so you won't have to repeat yourself. We're offline right now; they are back {{hours.back}}, will contact you here {{reply.by}} and come back with a clear solution {{resolve.by}}."
  ),
  'abuse.calm.offhours': template(
    '我理解您现在很着急，也很生气，我们一定会认真处理。您说的情况我已经记下并转给了主管同事，现在是非工作时间，主管{{hours.back}} 上班后会在{{reply.by}}联系您。',
    "I understand you're upset, and we do want to put this right. I've noted what you told me and passed it to a supervisor; we're offline right now, and they will contact you here {{reply.by}}."
  ),
  intro: template(
    '您好，这里是{{shop.name}}，我是店铺的智能客服助手。',
    "Hello, this is {{shop.name}}'s assistant bot."
  ),
  'presale.restate': template(
    '跟您确认一下：{{customer.need}}，对吗？',
    'Just to check: {{customer.need}}. Is that right?',
    YES_NO(['对的', "Yes, that's right"], ['不是，我再说说', 'Not quite'])
  ),
  'presale.clarify': template(
    '好的，麻烦您再具体说说：是哪款商品、想了解哪方面（比如尺码、颜色、库存、材质）？',
    'Sure, could you tell me a bit more: which product, and what would you like to know (size, colour, stock, material)?'
  ),
  'presale.handover': template(
    '好的，已经转给导购同事，同事会在{{reply.within}}为您解答。在此期间，发货、运费、退换货这类问题我也可以直接回答您。',
    "Great, I've passed your question to a sales colleague, who will answer here {{reply.within}}. In the meantime I can answer questions about shipping, delivery costs or returns right away."
  ),
  'presale.handover.offhours': template(
    '好的，已经为您记下了。导购同事{{hours.back}} 上班，会在{{reply.by}}为您解答。发货、运费、退换货这类问题，我现在就可以回答您。',
    "Great, I've noted your question. Our sales team is back {{hours.back}} and will answer here {{reply.by}}. In the meantime I can answer questions about shipping, delivery costs or returns right away."
  ),
  'promise.update': template(
    '抱歉让您久等了！同事们还在处理前面的咨询，我已经把您的问题标记为优先，同事会在{{reply.within}}回复您。',
    "Sorry for the wait! My colleagues are still busy with earlier conversations. I've marked yours as a priority, and someone will reply here {{reply.within}}."
  ),
  'promise.update.offhours': template(
    '抱歉让您久等了！现在是非工作时间，我已经把您的问题标记为优先，同事{{hours.back}} 上班后会在{{reply.by}}回复您。',
    "Sorry for the wait! We're offline right now; I've marked your conversation as a priority, and a colleague will reply here {{reply.by}}."
  ),
  'promise.update.resolution': template(
    '抱歉，您的问题比预想的多花了一些时间。负责的同事仍在跟进，会在{{resolve.by}}给您明确答复，有进展也会随时告诉您。',
    "Sorry, your case is taking longer than we expected. The colleague handling it is still on it and will come back to you with a clear answer {{resolve.by}}; we'll keep you posted in the meantime."
  ),
  'knowledge.more': template('还有其他想了解的吗？', "Anything else you'd like to know?", [
    ...YES_NO(['还有问题', 'Yes, something else'], ['没有了，谢谢', "No, that's all"]),
    HUMAN,
  ]),
  'ack.waiting': template(
    '好的，不着急～准备好了直接发在这里就行。',
    'Sure, no rush. Just send it here when you have it.'
  ),

  progress: template(
    '负责的同事仍在跟进您的问题，预计{{resolve.by}}给您明确答复，有进展会第一时间在这里告诉您。',
    "The colleague handling your case is still on it and expects to give you a clear answer {{resolve.by}}. We'll tell you here as soon as there's news."
  ),
  'progress.offhours': template(
    '您的问题我们一直记着：现在是非工作时间，负责的同事{{hours.back}} 上班后继续跟进，预计{{resolve.by}}给您明确答复。',
    "We haven't forgotten your case: we're offline right now, and the colleague handling it carries on when we're back {{hours.back}}, with a clear answer expected {{resolve.by}}."
  ),
  'holding.case': template(
    '好的，已收到～负责的同事正在处理，会在{{resolve.by}}给您结果，有进展会第一时间在这里告诉您。',
    "Noted, thank you. The colleague handling this is on it and will come back to you here {{resolve.by}}; we'll tell you sooner if there's news."
  ),
  'holding.case.offhours': template(
    '好的，已收到～现在是非工作时间，负责的同事{{hours.back}} 上班后继续处理，会在{{resolve.by}}给您结果。',
    "Noted, thank you. We're offline right now; the colleague handling this carries on when we're back {{hours.back}} and will come back to you {{resolve.by}}."
  ),
  'escalation.level2.offhours': template(
    '非常抱歉让您遇到这样的问题，我们非常重视。您的情况已经直接交给店铺的负责团队。现在是非工作时间，负责人{{hours.back}} 上班后会在{{reply.by}}联系您，并在{{resolve.by}}给您一个明确的处理方案。方便的话请发一下订单号，负责人可以直接调出记录。',
    "We're very sorry, and we take this seriously. Your case has gone straight to the team responsible. We're offline right now; they are back {{hours.back}}, will contact you here {{reply.by}} and come back with a clear resolution {{resolve.by}}. If you can, send your order number so they can pull up the records at once."
  ),
  'survey.comment': template(
    '谢谢您的反馈，我们已经记下，会转达给相关同事～',
    "Thank you for the feedback, we've noted it and will pass it on."
  ),
  'progress.again': template(
    '跟您同步一下进展：您的问题负责的同事一直在处理，目前还在等待核实结果，{{resolve.by}}一定给您明确答复。',
    'A quick update: the colleague handling your case is still on it and waiting for the check to come back. You will have a clear answer {{resolve.by}}.'
  ),
  'progress.again.offhours': template(
    '跟您同步一下：现在是非工作时间，您的问题负责的同事{{hours.back}} 上班后继续处理，{{resolve.by}}给您明确答复。',
    "A quick update: we're offline right now; the colleague handling your case carries on when we're back {{hours.back}}, and you will have a clear answer {{resolve.by}}."
  ),
  'holding.ack': template(
    '好的～同事会在{{reply.within}}回复您，请稍候。',
    'Noted, thank you! A colleague will reply here {{reply.within}}.'
  ),
  'holding.ack.offhours': template(
    '好的～同事上班后会在{{reply.by}}回复您。',
    "Noted, thank you! A colleague will reply here {{reply.by}}, once we're back."
  ),
  'photo.received': template(
    '收到您发的{{file.kind}}啦～请问是哪方面的问题呢？',
    'Thanks, got your {{file.kind}}! What is it about?',
    [
      button('topic.return', '质量问题/退换货', 'Quality problem / return'),
      button('topic.logistics', '物流/少件', 'Delivery / missing items'),
      button('topic.order', '订单问题', 'Order question'),
      HUMAN,
    ]
  ),

  'ticket.ask': template(
    '为了给您登记工单（{{ticket.category}}），还需要您提供：{{ticket.missing}}。直接发在这里就可以。',
    'To register this as a request with the right team ({{ticket.category}}), we still need {{ticket.missing}}. Just send it here.'
  ),
  'ticket.registered': template(
    '已为您登记工单 {{ticket.id}}（{{ticket.category}}），负责的同事最晚{{ticket.due}} 给您答复，期间有进展也会在这里告诉您。',
    "Your request {{ticket.id}} ({{ticket.category}}) is now registered with the right team, and you'll have an answer here {{ticket.due}} at the latest. We'll tell you sooner if there's news."
  ),
  // A flow step opened the work order right after promising a time: the number, not a second time.
  'ticket.noted': template(
    '已为您登记工单 {{ticket.id}}（{{ticket.category}}），之后问起这件事报这个编号就可以，处理进展都会在这里告诉您。',
    "Your reference is {{ticket.id}} ({{ticket.category}}), in case you ask about this later. We'll keep you posted here."
  ),
  'ticket.noted.due': template(
    '您的工单编号是 {{ticket.id}}（{{ticket.category}}），之后问起这件事报这个编号就可以。负责的同事最晚{{ticket.due}} 给您处理结果，进展都会在这里告诉您。',
    "Your reference is {{ticket.id}} ({{ticket.category}}), in case you ask about this later. The team will have it settled {{ticket.due}} at the latest, and we'll keep you posted here."
  ),
  'ticket.progress': template(
    '工单 {{ticket.id}} 的进展：负责的同事仍在处理，最晚{{ticket.due}} 给您答复。您不需要做什么，有结果会第一时间在这里告诉您。',
    "An update on your request {{ticket.id}}: the team is still working on it, and you'll have an answer {{ticket.due}} at the latest. There's nothing you need to do; we'll write here as soon as there's news."
  ),
  'ticket.progress.again': template(
    '工单 {{ticket.id}} 还在处理中，负责的同事最晚{{ticket.due}} 给您答复，一有结果马上在这里通知您。',
    "Your request {{ticket.id}} is still with the team, and the answer is due {{ticket.due}} at the latest. We'll write here the moment there's news."
  ),
  'ticket.progress.late': template(
    '工单 {{ticket.id}} 的进展：处理时间比我们说的要长，非常抱歉让您久等。负责的同事仍在跟进，有结果会第一时间在这里告诉您。',
    "An update on your request {{ticket.id}}: it's taking longer than we told you, and we're sorry for the wait. The team is still on it, and we'll write here as soon as there's news."
  ),
  'ticket.progress.late.again': template(
    '工单 {{ticket.id}} 还在处理中，再次为久等向您致歉。负责的同事一直在跟进，一有结果马上在这里通知您。',
    "Your request {{ticket.id}} is still being worked on, and we're sorry again that it's taking this long. The team is on it, and we'll write here the moment there's news."
  ),
  'ticket.closed': template(
    '以上是工单 {{ticket.id}}（{{ticket.category}}）的处理结果。如果问题还没有解决，直接回复这里告诉我们就好。',
    "That's the outcome of your request {{ticket.id}} ({{ticket.category}}). If anything is still not right, just reply here and tell us."
  ),

  'file.too_large': template(
    '您刚发的文件超过 20 MB，我们这边没能收到。麻烦压缩一下再发，或者改发照片、短一点的视频。',
    "The file you just sent is over 20 MB, so it didn't reach us. Could you send a smaller version, or photos or a shorter video instead?"
  ),
  'file.unsupported': template(
    '您刚发的文件格式我们这边打不开。请发送图片（JPG、PNG）、视频（MP4）、语音或 PDF 文件。',
    "We can't open the kind of file you just sent. Please send photos (JPG or PNG), a video (MP4), a voice message or a PDF."
  ),
  'file.failed': template(
    '抱歉，您刚发的文件没能传到我们这边，麻烦再发一次。',
    "Sorry, the file you just sent didn't come through on our side. Could you send it again?"
  ),

  'photo.handover': template(
    '收到{{file.kind}}！已经转给负责的同事查看，他们会在{{reply.within}}回复您。方便的话也请把订单号发在这里。',
    "Got your {{file.kind}}! I've passed it to the right colleague, who will reply here {{reply.within}}. If you can, please send your order number here too."
  ),
}

/** Templates the engine says by id, outside any step (each may have an `.offhours` twin). */
export const ENGINE_TEMPLATES = [
  'intro',
  'knowledge.more',
  'ack.waiting',
  'promise.update',
  'promise.update.resolution',
  'ticket.ask',
  'ticket.registered',
  'ticket.noted',
  'ticket.noted.due',
  'ticket.progress',
  'ticket.progress.again',
  'ticket.progress.late',
  'ticket.progress.late.again',
  'ticket.closed',
  'file.too_large',
  'file.unsupported',
  'file.failed',
] as const

/** Version 0 of every bundled template, by id. */
export const DEFAULT_TEMPLATES: Record<string, TemplateDoc> = Object.fromEntries(
  Object.entries(SOURCES).map(([id, source]) => [
    id,
    { id, version: 0, ...source, updatedAt: UPDATED_AT } satisfies TemplateDoc,
  ])
)
