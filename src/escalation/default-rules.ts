import { DEFAULT_ANGER_TERMS, DEFAULT_INTENSIFIERS } from './default-anger'
import type { EscalationRules } from './types'

// Sources are compiled with flags `iu`. English terms carry `\b` so 'sue' never matches 'issue';
// Chinese terms exclude the everyday words they hide in (垃圾袋, 滚筒, 工商银行, 真人实拍).

const ABUSE = [
  // zh-CN
  '傻[逼比屄bB叉]|煞笔|沙比|(?<![a-z])sb(?![a-z])',
  '垃圾(?:客服|店|商家|公司|卖家|平台|东西)',
  '(?:^|[\\s,，。.!！])滚(?=$|[\\s,，。.!！]|开|蛋|出去|远点|吧)|(?:给我|你们?)滚(?!筒|动|轮|珠|烫)',
  '脑残',
  '白痴',
  '智障',
  '弱智',
  '废物',
  '蠢(?:货|猪|材)',
  '你妈|尼玛|nmsl',
  '操你|草泥马',
  '去死',
  '狗(?:东西|日|屎|娘)',
  '(?:王八|混)蛋',
  '贱(?:人|货)',
  '神经病',
  '畜生',
  // en
  '\\bidiots?\\b',
  '\\bstupid\\b(?!\\s+(?:question|mistake|of\\s+me))',
  '\\bmorons?\\b',
  '\\bdumb(?:ass)?\\b(?!\\s+(?:question|mistake))',
  '\\bf+u+c+k+\\s+(?:you|u|off|yourself)\\b',
  '\\bscrew\\s+you\\b',
  '\\bassholes?\\b',
  '\\bbastards?\\b',
  '\\bbitch(?:es)?\\b',
  '\\bretard(?:ed|s)?\\b',
  '\\bshut\\s+up\\b',
  '\\bgo\\s+to\\s+hell\\b',
  '\\bimbeciles?\\b',
  '\\blosers?\\b',
  "\\b(?:you(?:\\s+are|\\s*'re)?|bunch\\s+of)\\s+(?:a\\s+|such\\s+)?clowns?\\b",
  "\\b(?:you|u)(?:\\s+(?:guys|people|lot))?(?:\\s+are|\\s*'re|r)\\s+" +
    '(?:useless|worthless|pathetic|incompetent|a\\s+joke)\\b',
  '\\b(?:jerks?|dickheads?|scumbags?)\\b',
]

const HUMAN = [
  // zh-CN
  '转人工|(?:要|找|接|换)人工|人工(?:客服|服务|坐席|处理|回复|介入)',
  '^\\s*人工\\s*[!！。.?？]*\\s*$',
  '真人(?!实拍|拍摄|图|秀|模特)',
  '活人',
  '找(?:你们)?(?:的)?(?:经理|主管|领导|负责人|老板|店长|上级)',
  '(?:叫|让)(?:你们)?(?:的)?(?:经理|主管|领导|负责人|老板|店长)',
  '换(?:个|一个)?客服',
  '(?:你是|是不是)机器人',
  '(?:不要|别)(?:用|跟|和)?(?:机器人|自动回复)',
  // en
  '\\b(?:talk|speak|chat)\\s+(?:to|with)\\s+(?:(?:a|an|the|your|some)\\s+)?(?:real\\s+)?' +
    '(?:human|person|agent|manager|supervisor|someone|somebody|representative|rep|staff)\\b',
  '\\b(?:real|live|actual)\\s+(?:person|human|agent|people)\\b',
  '\\bhuman\\s+(?:agent|being|please|support)\\b',
  '^\\s*(?:human|agent|operator|representative)\\s*[.!?]*\\s*$',
  '\\b(?:are\\s+you|is\\s+this)\\s+a\\s+(?:bot|robot|machine)\\b',
  '\\b(?:connect|transfer|put)\\s+me\\s+(?:to|through)\\b',
  '\\b(?:get|call|want|need|see)\\s+(?:me\\s+)?(?:your|a|the)\\s+(?:manager|supervisor)\\b',
  '\\boperator\\b',
  '\\bnot\\s+a\\s+(?:bot|robot)\\b',
]

const COMPLAINT = [
  // zh-CN
  '投诉',
  '太差',
  '还(?:是)?没',
  '怎么还',
  '一直(?:没|不)',
  '坏了|破(?:了|损)',
  '质量(?:问题|太差|不好|很差)',
  '不满意',
  '差评',
  '发错|少发|漏发',
  '没收到|收不到',
  '不能用|用不了',
  '失望',
  '骗人',
  // en
  '\\bcomplain(?:t|ts|ed|ing)?\\b',
  '\\b(?:terrible|awful|horrible)\\b',
  "\\bstill\\s+(?:not|no|waiting|haven't|hasn't|didn't|doesn't)\\b",
  '\\bnot\\s+(?:yet\\s+)?(?:received|arrived|delivered)\\b',
  '\\bnever\\s+(?:arrived|received|came|got)\\b',
  '\\b(?:broken|damaged|defective|faulty)\\b',
  '\\bwrong\\s+(?:item|size|colou?r|product|order)\\b',
  '\\bdisappoint(?:ed|ing)\\b',
  '\\bunacceptable\\b',
  '\\bnot\\s+happy\\b',
  '\\bpoor\\s+(?:quality|service)\\b',
  "\\b(?:doesn't|does\\s+not|don't|isn't|not)\\s+work(?:ing)?\\b",
]

const LEGAL = [
  // zh-CN
  '律师',
  '起诉|诉讼|打官司',
  '法院|(?:要|去|就|会)告(?:死)?你们?(?!诉)',
  '(?<!\\d)12315(?!\\d)',
  '消费者(?:协会|权益)|消协|消保',
  '工商(?!银行)',
  '市场监(?:管|督)',
  '监管(?:局|部门)',
  '报警|警察',
  '仲裁',
  '维权',
  '退一赔三|假一赔(?:三|十)',
  '法律(?:途径|手段|责任|程序)',
  '(?:打|拨|找|投诉到?)\\s*12345(?!\\d)|12345(?:热线|投诉)',
  // en
  '\\b(?:lawyers?|attorneys?|solicitors?)\\b',
  '\\b(?:sue|suing)\\s+(?:you|u|your|the|this|that|them|everyone)\\b',
  "\\b(?:will|gonna|going\\s+to|'ll|i'd|to)\\s+sue\\b",
  '\\b(?:sued|lawsuits?|litigation)\\b',
  '\\bcourts?\\b',
  '\\blegal\\s+(?:action|advice|steps|proceedings)\\b',
  '\\bsmall\\s+claims\\b',
  '\\bconsumer\\s+(?:protection|rights|council)\\b',
  '\\b(?:bbb|better\\s+business\\s+bureau|ftc|trading\\s+standards|ombudsman)\\b',
  '\\bpolice\\b',
  '\\bcharge\\s*back\\b',
  '\\breport\\s+(?:you|this|your\\s+(?:shop|store|company))\\s+to\\b',
]

// Platform names alone are everyday words ('我在抖音上看到的'): they count with a posting verb.
const MEDIA = [
  // zh-CN
  '曝光',
  '媒体',
  '记者',
  '(?:发|挂|晒|曝|传|放)(?:到|在|上|个|条)?(?:微博|抖音|小红书|快手|朋友圈|知乎|网上|公众号|B站)',
  '上(?:微博|抖音)?热搜',
  '黑猫投诉',
  '电视台|新闻',
  '(?<![\\d.])315(?=晚会|投诉|曝光|平台)|(?:打|找|上)315(?![\\d.])',
  '让(?:大家|所有人|全网)都知道',
  // en
  '\\b(?:journalists?|reporters?)\\b',
  '\\bthe\\s+media\\b',
  '\\b(?:the|local)\\s+(?:press|news)\\b',
  '\\bnews\\s*(?:papers?|station|channel|outlet)\\b',
  '\\bgo(?:ing)?\\s+public\\b',
  '\\bpost(?:ing)?\\s+(?:this|it|about\\s+(?:this|you|it))\\s+(?:on|online|everywhere)\\b',
  '\\b(?:post|share|put|write|expose|tweet)\\w*\\b[^.!?]{0,30}\\b(?:on|to)\\s+' +
    '(?:twitter|facebook|instagram|tiktok|youtube|reddit|trustpilot|social\\s+media)\\b',
  '\\bgo(?:es|ing)?\\s+viral\\b',
  '\\btell\\s+(?:everyone|everybody|the\\s+world)\\b',
  '\\b(?:bad|negative)\\s+(?:reviews?\\s+)?everywhere\\b',
]

const THREAT = [
  // zh-CN
  '等着瞧|走着瞧',
  '你(?:们)?给我等着',
  '弄死|弄你',
  '杀了?你|砍死|捅死',
  '打死你',
  '让你(?:们)?好看',
  '找人(?:收拾|弄|打|砍)',
  '(?:你|你们)(?:会|要|等着|一定会)?后悔',
  '炸了?你们|炸(?:掉|了)(?:你们)?(?:店|公司)',
  '上门(?:找|算账)',
  '收拾你',
  '要你(?:的)?命',
  // en
  "\\byou(?:'ll|\\s+will)\\s+(?:regret|be\\s+sorry)\\b",
  '\\bkill\\s+(?:you|u|him|her|them|everyone|your)\\b',
  '\\b(?:hurt|beat|punch|shoot|stab)\\s+(?:you|u|your)\\b',
  '\\bbeat\\s+(?:you|u)\\s+up\\b',
  '\\bwatch\\s+your\\s+back\\b',
  '\\bi\\s+know\\s+where\\s+you\\b',
  '\\bfind\\s+(?:you|where\\s+you\\s+live)\\b',
  '\\bburn\\s+(?:down\\s+)?(?:your|the)\\s+(?:shop|store|office|warehouse|place)\\b',
  '\\bbomb\\b',
  '\\bmake\\s+you\\s+pay\\b',
  "\\byou(?:'re|\\s+are)\\s+dead\\b",
]

const COMPENSATION = [
  // zh-CN
  '赔偿|赔付|索赔|补偿|赔',
  '退(?:款|钱|我|给我)',
  '返(?:现|还)',
  // en
  '\\bcompensat(?:e|ion|ed)\\b',
  '\\brefund(?:ed|s)?\\b',
  '\\breimburs(?:e|ement)\\b',
  '\\bdamages\\b',
  '\\bmoney\\s+back\\b',
  '\\b(?:pay|owe)\\s+me\\b',
]

/** The bundled escalation policy (zh-CN and en), used when KV has none or an invalid one. */
export const DEFAULT_ESCALATION_RULES: EscalationRules = {
  repeatComplaintThreshold: 2,
  angerThreshold: 3,
  compensation: { CNY: 300, USD: 50, EUR: 50 },
  defaultCurrency: 'CNY',
  lexicon: {
    anger: DEFAULT_ANGER_TERMS,
    abuse: ABUSE,
    human: HUMAN,
    complaint: COMPLAINT,
    legal: LEGAL,
    media: MEDIA,
    threat: THREAT,
    compensation: COMPENSATION,
  },
  intensifiers: {
    terms: DEFAULT_INTENSIFIERS,
    caps: { weight: 1, minLetters: 4, maxWords: 2 },
  },
}
