import type { WeightedTerm } from './types'

// The bundled anger lexicon and intensifiers (weights add up to a message's anger score).

const zh = (term: string, weight: number): WeightedTerm => ({ term, weight, locale: 'zh-CN' })
const en = (term: string, weight: number): WeightedTerm => ({ term, weight, locale: 'en' })

// Sources are compiled with flags `iu`. English terms carry `\b` so 'sue' never matches 'issue';
// Chinese terms exclude the everyday words they hide in (垃圾袋, 垃圾桶).

const ANGER_ZH: WeightedTerm[] = [
  zh('气死', 3),
  zh('生气', 2),
  zh('愤怒', 3),
  zh('火大', 2.5),
  zh('恼火', 2),
  zh('太差', 2),
  zh('(?:很|真|特别|非常|超级)差', 1.5),
  zh('差劲', 2),
  zh('垃圾(?!袋|桶|分类|箱|篓|车|站|短信|邮件)', 2),
  zh('过分', 2.5),
  zh('离谱', 2),
  zh('无语', 1.5),
  zh('服了', 1.5),
  zh('坑(?:人|爹|钱|货)', 2),
  zh('骗(?:子|人|钱)', 2.5),
  zh('忍无可忍', 3),
  zh('受够', 2.5),
  zh('欺人太甚', 3),
  zh('什么(?:破|鬼|玩意)', 2),
  zh('破(?:东西|玩意|店|快递|质量)', 2),
  zh('烦死', 2),
  zh('(?:好|真|很)烦', 1),
  zh('失望', 1.5),
  zh('恶心', 2),
  zh('黑店', 2.5),
  zh('不要脸', 2.5),
  zh('搞什么', 2),
  zh('耍我', 2.5),
  zh('糊弄|敷衍', 2),
  zh('踢皮球|推卸', 2),
  zh('说了?(?:多少|几)(?:遍|次)', 2.5),
  zh('第[三四五六七八九十3-9]次', 2),
  zh('没人(?:管|理|回|处理)', 2),
  zh('(?:问|催|说|找)了(?:[三四五六七八九十几3-9]|好几|很多|无数)(?:次|遍)', 2),
  zh('不负责任?', 2),
  zh('岂有此理', 3),
  zh('莫名其妙', 1.5),
  zh('他妈|tmd', 2.5),
]

const ANGER_EN: WeightedTerm[] = [
  en('\\bfurious\\b', 3),
  en('\\boutrag(?:ed|eous)\\b', 3),
  en('\\blivid\\b', 3),
  en('\\bpissed(?:\\s+off)?\\b', 3),
  en('\\bfed\\s+up\\b', 2),
  en('\\bridiculous\\b', 2),
  en('\\bunacceptable\\b', 2),
  en('\\b(?:sick|tired)\\s+(?:and\\s+tired\\s+)?of\\b', 2),
  en('\\bdisgust(?:ing|ed)\\b', 2),
  en('\\bdisgrace(?:ful)?\\b', 2),
  en('\\bworst\\b', 2),
  en('\\b(?:terrible|awful|horrible|appalling)\\b', 1.5),
  en('\\bpathetic\\b', 2),
  en('\\b(?:this|that|you)\\s+(?:is|are)\\s+a\\s+joke\\b', 2),
  en('\\bangry\\b', 2),
  en('\\b(?:so|really|very)\\s+mad\\b', 2),
  en('\\bannoy(?:ed|ing)\\b', 1),
  en('\\bfrustrat(?:ed|ing)\\b', 1.5),
  en('\\bupset\\b', 1.5),
  en('\\bhow\\s+many\\s+(?:more\\s+)?times\\b', 2),
  en('\\b(?:third|3rd|fourth|4th|fifth|5th|tenth|umpteenth|nth|\\d+th)\\s+time\\b', 2),
  en('\\b(?:wtf|what\\s+the\\s+(?:hell|heck|fuck))\\b', 2),
  en('\\bf+u+c+k+(?:ing|ed)?\\b|\\bshit(?:ty)?\\b', 3),
  en('\\bdamn(?:ed|it)?\\b', 1),
  en('\\b(?:scam(?:mers?)?|rip-?off|con\\s+artists?)\\b', 2),
  en('\\bwaste\\s+of\\s+(?:my\\s+)?(?:time|money)\\b', 2),
  en('\\b(?:incompetent|useless|hopeless)\\b', 2),
  en('\\b(?:no\\s*one|nobody)\\s+(?:helps?|cares?|answers?|replies|responds?)\\b', 2),
  en('\\b(?:lied|lying|liars?)\\b', 2),
  en('\\b(?:are\\s+you|you\\s+must\\s+be)\\s+(?:kidding|joking|serious)\\b', 1.5),
  en('\\benough\\s+is\\s+enough\\b', 2),
  en('\\bnever\\s+(?:again|buying|ordering)\\b', 1.5),
  en('\\b(?:cheated|fraud)\\b', 2),
  en('\\bignor(?:ed|ing)\\s+(?:me|my)\\b', 1.5),
  en('\\blast\\s+straw\\b', 2),
  en('\\bsucks?\\b', 1.5),
]

/** Words and marks that make an angry message angrier (`!!`, 到底, still, seriously). */
export const DEFAULT_INTENSIFIERS: WeightedTerm[] = [
  { term: '[!！]{2,}', weight: 1 },
  { term: '[?？]{2,}', weight: 1 },
  { term: '[?？][!！]|[!！][?？]', weight: 1 },
  zh('到底|究竟', 1),
  zh('怎么还', 1),
  zh('还(?:是)?没', 0.5),
  zh('又(?:是|要|没|不|来|坏|错|拖|等|给)', 0.5),
  zh('赶紧|马上|立刻', 0.5),
  en('\\bstill\\b', 0.5),
  en('\\bagain\\b', 0.5),
  en('\\bseriously\\b', 1),
  en('\\b(?:every|each)\\s+time\\b', 0.5),
  en('\\b(?:asap|immediately|right\\s+now)\\b', 0.5),
]

/** Anger words with their weights, zh-CN and en; a message's score is the sum of its hits. */
export const DEFAULT_ANGER_TERMS: WeightedTerm[] = [...ANGER_ZH, ...ANGER_EN]
