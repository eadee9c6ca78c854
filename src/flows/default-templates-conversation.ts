import {
  lines,
  button,
  template,
  HUMAN,
  YES_NO,
  TOPICS,
  type TemplateSource,
} from './template-copy'

// Copy for the conversation's own course: greeting and intro, presale, handoff, fallbacks,
// closing and survey, complaints and escalation, photos and files.

/** Bundled copy for the conversation itself: greeting, handoff, fallbacks, closing, surveys, escalation, files. */
export const DEFAULT_CONVERSATION_TEMPLATES: Record<string, TemplateSource> = {
  greeting: template(
    '{{customer.name|亲}}，您好！欢迎光临{{shop.name}}～我是店铺的智能客服助手，查订单、问商品、物流和售后都可以找我。请问有什么可以帮您？直接打字或点下方按钮都可以。',
    "Hi {{customer.name|there}}, welcome to {{shop.name}}! I'm the shop's assistant bot. I can help with products, orders, delivery and returns. What can I do for you? Type your question or tap a topic below.",
    TOPICS
  ),

  complaint: template(
    '非常抱歉给您带来了不好的体验，您的心情我们完全理解。您反映的情况我已经完整记录，并转给了主管同事：主管会在{{reply.within}}联系您，核实后在{{resolve.by}}给您明确的处理方案，您不用再重复说明。方便的话，请把订单号和相关照片也发在这里。',
    "I'm truly sorry for this experience, and I understand how frustrating it is. I've recorded what you told us and passed it to a supervisor, who will contact you here {{reply.within}} and come back with a clear solution {{resolve.by}}. You won't need to repeat yourself. If you can, send your order number and any photos here."
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

  'knowledge.more': template('还有其他想了解的吗？', "Anything else you'd like to know?", [
    ...YES_NO(['还有问题', 'Yes, something else'], ['没有了，谢谢', "No, that's all"]),
    HUMAN,
  ]),

  'escalation.level2.offhours': template(
    '非常抱歉让您遇到这样的问题，我们非常重视。您的情况已经直接交给店铺的负责团队。现在是非工作时间，负责人{{hours.back}} 上班后会在{{reply.by}}联系您，并在{{resolve.by}}给您一个明确的处理方案。方便的话请发一下订单号，负责人可以直接调出记录。',
    "We're very sorry, and we take this seriously. Your case has gone straight to the team responsible. We're offline right now; they are back {{hours.back}}, will contact you here {{reply.by}} and come back with a clear resolution {{resolve.by}}. If you can, send your order number so they can pull up the records at once."
  ),

  'survey.comment': template(
    '谢谢您的反馈，我们已经记下，会转达给相关同事～',
    "Thank you for the feedback, we've noted it and will pass it on."
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
