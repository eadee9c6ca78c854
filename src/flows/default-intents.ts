import type { IntentRule } from './types'

const r = String.raw

/**
 * The bundled flow's intent rules: regex patterns as explicit overrides (tried first, first match
 * wins) and example phrases the intent classifier is trained on.
 */
export const DEFAULT_INTENTS: IntentRule[] = [
  {
    id: 'complaint',
    step: 'complaint',
    patterns: {
      'zh-CN': [
        '投诉|差评|举报|维权|12315|消协|消费者协会|工商|市场监管|律师|起诉|告你们|曝光|媒体|赔偿',
        '态度(太|很|真|非常|极其)?(差|恶劣|不好)|(什么|啥)态度|太差(劲)?了|(什么|啥)破',
        '垃圾(店|东西|服务|客服|质量|商家)|骗子|骗人|欺骗|坑人|坑爹|黑店|忽悠',
        '气死|太气人|忍无可忍|受够了|失望|不满',
      ],
      en: [
        r`\bcomplain|\bcomplaint`,
        r`\b(terrible|awful|horrible|worst|disgusting|unacceptable|ridiculous|pathetic|useless)\b`,
        r`\b(scam|scammer|scammed|fraud|rip-?off|ripped off|cheated|cheating)\b`,
        r`\b(rude|furious|angry|outraged|fed up|sick of|disappointed)\b`,
        r`\b(lawyer|attorney|sue|lawsuit|legal action|court)\b|\breport (you|your|this)\b`,
        r`\b(bad|negative|1[- ]star|one[- ]star) review\b|\bcompensat`,
      ],
    },
  },
  {
    id: 'human',
    step: 'human',
    patterns: {
      'zh-CN': [
        '人工|真人|活人|转接',
        '(找|叫|要|联系|呼叫|接通)(一下|个)?客服|客服(在吗|在不在|呢)|^客服[?？!！。]*$',
        '有人(吗|在吗|在不在|回复|回我)|人呢|有没有人|(不要|不想|别)(跟|和)?(机器人|机器|自动回复)|机器人',
      ],
      en: [
        r`\bhumans?\b|\breal (person|people)\b|\bany(one|body) (there|here|around)\b`,
        r`\b(talk|speak|chat)( to| with)? (someone|somebody|a person|a man|a woman|staff|an? (agent|employee|operator|representative)|your team|the team)\b`,
        r`\b(live|real) (agent|chat|support)\b|\b(an?|your) (agent|operator|representative|rep)\b`,
        r`\bcustomer (service|support|care)\b|\bnot (a|the|your) bot\b|\b(are you|is this) a (bot|robot)\b`,
      ],
    },
  },
  {
    id: 'aftersale',
    step: 'aftersale',
    patterns: {
      'zh-CN': [
        '退货|退款|换货|退换|退钱|退回|售后|保修|维修|无理由|不想要了|(能|可以|怎么)退',
        '质量(问题|不好|差)|(坏|烂|破|裂|碎)了|破损|损坏|瑕疵|次品|残次',
        '(发|寄)错|错发|不是我(买|要|拍)的',
        '不合适|太(大|小|紧|松|长|短)了|穿不(了|上|下)|货不对板',
        '(和|跟|与)(图片|图|描述|详情页?)(上)?(的)?(不一样|不符|不同|差别)|色差(太|很|好|有点)?大',
        '开线|掉色|褪色|起球|脱胶|漏水|异味|污渍|脏了|破洞|有洞',
      ],
      en: [
        r`\breturns?\b|\brefund|\bexchange|\bsend (it|them) back\b|\bmoney back\b`,
        r`\b(broken|broke|damaged|defective|faulty|cracked|torn|stained|scratched)\b|\bstopped working\b`,
        r`\bwrong (item|size|colou?r|product|model|one)\b|\bnot (what|the one) i ordered\b`,
        r`\b(doesn'?t|does not|don'?t|do not) fit\b|\btoo (small|big|large|tight|loose|short|long)\b`,
        r`\b(warranty|after-?sales?|poor quality)\b|\bquality (issue|problem)|\bnot as (described|pictured)\b`,
      ],
    },
  },
  {
    id: 'presale',
    step: 'presale',
    patterns: {
      'zh-CN': [
        '包邮|运费|(发|用)(什么|哪家|啥)快递|(哪家|什么|啥)快递|能(发|寄)到|发(顺丰|中通|圆通|韵达|申通|邮政|京东|ems)(吗|嘛|么|快递)',
        '(几号|哪天)(能|可以|会)?(发货|发出|到货)',
        '^(请问|亲)?[，,\\s]*(下单|拍下|付款)?(后|之后|以后)?(一般)?(多久|几天)(能|可以|会)?(发货|到货|发出|到)',
      ],
      en: [
        r`\bfree (shipping|delivery)\b|\b(shipping|delivery|postage) (cost|costs|fee|fees|price|charges?|rates?)\b`,
        r`\bhow much (is|for|does) (the )?(shipping|delivery|postage)\b|\bwhich (courier|carrier)\b`,
        r`\b(do|can) you (ship|deliver) (to|internationally|abroad|overseas)\b`,
        r`\bhow long (does|will|would) (the )?(shipping|delivery) take\b`,
      ],
    },
  },
  {
    id: 'logistics',
    step: 'logistics',
    patterns: {
      'zh-CN': [
        '物流|快递|包裹|(快递|运|物流)单号|派送|配送|送货|驿站|菜鸟|顺丰|中通|圆通|韵达|申通|邮政',
        '没(有)?收到|(还|都)没到|还不到|怎么还没(到|发|送|来|动)|到哪(里|儿)?了',
        '(卡|停)(住|在)|不动了?|(没|不)(有)?更新|揽收|揽件|延误|延迟|(物流|快递|发货|送得?)(太|好|这么|真)慢',
        '(?<!多)少(件|发)|少了(一|1|两|2)?(件|个|样)|漏发|缺件|丢(件|了)|(显示|已经)签收',
        '(没|不)(有)?发货|还没发|什么时候(能|可以|会)?发',
      ],
      en: [
        r`\b(parcel|package|shipment|courier|carrier|tracking number|waybill)\b`,
        r`\b(hasn'?t|has not|haven'?t|have not|didn'?t|did not|never|still not|not yet|isn'?t|is not) (been )?(arrived?|received?|delivered|come|got|gotten|shipped|dispatched|picked up|here)\b`,
        r`\bstill waiting\b|\bstuck\b|\bno (tracking )?updates?\b`,
        r`\b(late|delayed|overdue) (delivery|order|shipment)\b|\b(delivery|shipment|order) (is |was )?(late|delayed|overdue)\b`,
        r`\b(missing|lost) (items?|parts?|pieces?)\b|\b(items?|parts?|pieces?|something) (is |are )?missing\b|\bonly (got|received) (one|two|\d+|part)\b|\b(got|received) only\b`,
        r`\b(marked|says|shows|showing) (as )?delivered\b|\bwhen will (it|my order|my stuff) (arrive|ship|be shipped|be delivered|come)\b`,
      ],
    },
  },
  {
    id: 'payment',
    step: 'payment',
    patterns: {
      'zh-CN': [
        '付款|支付|付钱|付不(了|上)|交钱|结账|下不了单',
        '扣款|扣钱|扣(了)?(两|2)次|重复扣|银行卡|信用卡|储蓄卡|花呗|分期|待付款|未付款|没付款',
        '(优惠券|红包|券)(用不了|不能用|用不上)|发票',
      ],
      en: [
        r`\bpay(s|ing|ment|ments)?\b|\bpaid\b|\bcheckout\b|\binvoice|\breceipt\b`,
        r`\b(credit|debit) card\b|\bcard (was |got )?(declined|rejected|refused)\b`,
        r`\b(charged|charge) (me )?(twice|two times|double)\b|\bdouble[- ]charged\b`,
        r`\b(paypal|apple pay|google pay|alipay|wechat pay)\b|\binstal?lments?\b`,
        r`\b(coupon|voucher|promo code) (doesn'?t|does not|won'?t|will not|isn'?t|is not) (work|apply|working)\b`,
      ],
    },
  },
  {
    id: 'order',
    step: 'order',
    patterns: {
      'zh-CN': [
        '订单|查单|单子',
        '(改|修改|更改|换|变更)(一下|个)?(收货|收件)?(地址|电话|手机|号码|数量|颜色|尺码|规格|收件人)',
        '(地址|电话|手机号?)(写|填)错|下错(单)?|拍错|取消',
      ],
      en: [
        r`\border (status|number|no\.?|#)|\border #?\d|\bstatus of (my|the) order\b`,
        r`\bmy orders?\b|\bwhere('?s| is) my (order|stuff|purchase)\b|\btrack(ing)?\b`,
        r`\b(change|update|modify|correct|edit) (the |my )?(shipping |delivery )?(address|phone|number|quantity|qty|size|colou?r|order)\b`,
        r`\bwrong (address|phone number)\b|\bcancel`,
      ],
    },
  },
  {
    id: 'presale',
    step: 'presale',
    patterns: {
      'zh-CN': [
        '尺码|尺寸|码数|(多大|什么|哪个|几|[a-z0-9])码|身高|体重|偏大|偏小',
        '有货|有没有货|现货|库存|缺货|补货|还有(货|吗)|没货|起批|批发',
        '价格|多少钱|便宜|优惠|打折|折扣|降价|活动|满减|券|赠品|送什么',
        '材质|面料|成分|材料|质地|颜色|色差|参数|规格|型号|功能|适合|推荐|保质期|正品|想买|要买|购买|下单',
      ],
      en: [
        r`\bsizes?\b|\bsizing\b|\bwhat size\b|\bwill it fit\b`,
        r`\b(in stock|out of stock|available|availability|restock|back in stock|sold out)\b`,
        r`\bprices?\b|\bhow much\b|\bcosts?\b|\b(discount|coupon|promo|promotion|sale|deal|voucher|cheaper)\b`,
        r`\b(material|fabric|cotton|made of|colou?rs?|specs?|specifications?|dimensions|measurements|weight)\b`,
        r`\b(recommend|suitable|genuine|authentic)\b|\bdo you (have|sell|carry)\b|\b(want|like|going) to (buy|order|purchase)\b`,
      ],
    },
  },
  {
    // Last: a bare salutation is answered with the greeting, not with "I didn't get that".
    id: 'hello',
    step: 'start',
    patterns: {
      'zh-CN': ['^\\s*(你好|您好|哈喽|嗨|hello|hi|在吗|在不在|有人吗|亲|客服)[\\s,，!！。.~～?？呀啊呢吗]*$'],
      en: [
        r`^\s*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|anyone (there|here)|are you there)( there| all| team| guys)?[\s,!.?]*$`,
      ],
    },
  },
  {
    id: 'thanks',
    step: 'farewell',
    patterns: {
      'zh-CN': [
        '谢谢|感谢|多谢|谢了|辛苦了|拜拜|再见',
        '^\\s*(没事了?|没有了|不用了)[\\s!！。.~～]*$',
      ],
      en: [
        r`\b(thanks|thank you|thx|cheers|bye|goodbye)\b`,
        r`^\s*(that'?s all|nothing else|all good|no more questions)[\s!.]*$`,
      ],
    },
  },
]
