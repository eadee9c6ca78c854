import type { SlaEvent } from '../sla/engine'
import { findRedLines, type RedLines } from './red-lines'

/** Weights of the rubric's four parts (they need not add up to 100; the total is scaled). */
export interface RubricWeights {
  speed: number
  stages: number
  wording: number
  promises: number
}

/** The handbook's emphasis: answering in time and following the procedure count most. */
export const DEFAULT_RUBRIC: RubricWeights = { speed: 30, stages: 30, wording: 25, promises: 15 }

/** The five stages of the service procedure (docs/service-rules.md), each followed or not. */
export interface StageChecks {
  greeting: boolean
  needConfirmed: boolean
  solutionWithTime: boolean
  objectionAcknowledged: boolean
  closing: boolean
}

/** One side's score (the bot's turns or the people's), each part 0..1 and a 0..100 total. */
export interface SideScore {
  turns: number
  speed: number
  stages: StageChecks
  wording: number
  promises: number
  total: number
  redLines: { kind: string; match: string }[]
}

/** The automatic inspection of one case. */
export interface CaseScore {
  bot: SideScore | null
  human: SideScore | null
  /** The people's score when a person answered, else the bot's. */
  total: number
}

/** What the scorer reads of a transcript row. */
export interface ScoredMessage {
  direction: 'in' | 'out'
  author: 'customer' | 'bot' | 'agent'
  text: string
  template?: string
}

const GREETING = /(您好|你好|欢迎|\bhi\b|\bhello\b|welcome)/iu
const WHO = /(我是|客服|助手|assistant|this is|my name is)/iu
const CONFIRM =
  /(对吗|是吗|确认一下|是不是|right\?|correct\?|is that right|just to check|to confirm)/iu
const A_TIME =
  /(\d{1,2}[:：]\d{2}|\d+\s*(分钟|小时|天|个工作日)|within|\bby (today|tomorrow|\d)|今天|明天)/iu
const OBJECTION =
  /(太慢|太差|不满意|垃圾|生气|投诉|骗|too slow|unacceptable|ridiculous|angry|complain|scam|terrible)/iu
const EMPATHY = /(理解|抱歉|不好意思|对不起|sorry|understand|apolog)/iu
const ANYTHING_ELSE = /(还有(什么|其他)|anything else|other questions)/iu
const THANKS = /(感谢|谢谢|thank)/iu

const ratio = (good: number, bad: number): number => (good + bad === 0 ? 1 : good / (good + bad))

/** Pure: the stage checks for one side's replies within the whole conversation. */
export const stageChecks = (
  messages: ScoredMessage[],
  side: 'bot' | 'agent',
  complex: boolean
): StageChecks => {
  const mine = messages.filter((m) => m.direction === 'out' && m.author === side)
  const first = mine[0]?.text ?? ''
  const tail = mine
    .slice(-3)
    .map((m) => m.text)
    .join('\n')
  // An objection counts as acknowledged when this side's next reply after it shows empathy.
  let objections = 0
  let acknowledged = 0
  messages.forEach((m, i) => {
    if (m.direction !== 'in' || !OBJECTION.test(m.text)) return
    const reply = messages.slice(i + 1).find((n) => n.direction === 'out' && n.author === side)
    if (!reply) return
    objections++
    if (EMPATHY.test(reply.text)) acknowledged++
  })
  return {
    greeting:
      side === 'agent'
        ? WHO.test(first) || GREETING.test(first)
        : GREETING.test(first) &&
          WHO.test(
            mine
              .slice(0, 2)
              .map((m) => m.text)
              .join('\n')
          ),
    needConfirmed: mine.some((m) => CONFIRM.test(m.text) || (m.template ?? '').includes('confirm')),
    solutionWithTime: !complex || mine.some((m) => A_TIME.test(m.text)),
    objectionAcknowledged: objections === acknowledged,
    closing: ANYTHING_ELSE.test(tail) || THANKS.test(tail),
  }
}

/** Pure: one side's score, or null when that side never wrote. */
export const scoreSide = (
  messages: ScoredMessage[],
  side: 'bot' | 'agent',
  sla: SlaEvent[],
  redLines: RedLines,
  weights: RubricWeights = DEFAULT_RUBRIC
): SideScore | null => {
  const mine = messages.filter((m) => m.direction === 'out' && m.author === side)
  if (mine.length === 0) return null
  const responses = sla.filter((e) => e.target === 'first_response' || e.target === 'next_response')
  const speed = ratio(
    responses.filter((e) => e.event === 'met').length,
    responses.filter((e) => e.event === 'breached').length
  )
  const complex = sla.some((e) => e.target === 'resolution')
  const stages = stageChecks(messages, side, complex)
  const hits = mine.flatMap((m) => findRedLines(m.text, redLines))
  const wording = Math.max(0, 1 - 0.5 * hits.filter((h) => h.kind === 'wording').length)
  const brokenPromises =
    hits.filter((h) => h.kind === 'promise').length +
    sla.filter((e) => e.target === 'resolution' && e.event === 'breached').length
  const promises = brokenPromises === 0 ? 1 : 0
  const stageShare = Object.values(stages).filter(Boolean).length / 5
  const sum = weights.speed + weights.stages + weights.wording + weights.promises
  const total = Math.round(
    (100 *
      (weights.speed * speed +
        weights.stages * stageShare +
        weights.wording * wording +
        weights.promises * promises)) /
      (sum || 1)
  )
  return {
    turns: mine.length,
    speed,
    stages,
    wording,
    promises,
    total,
    redLines: hits.map(({ kind, match }) => ({ kind, match })),
  }
}

/** Pure: the automatic inspection of a case: the bot's and the people's turns scored apart. */
export const scoreCase = (
  messages: ScoredMessage[],
  sla: SlaEvent[],
  redLines: RedLines,
  weights: RubricWeights = DEFAULT_RUBRIC
): CaseScore => {
  const bot = scoreSide(messages, 'bot', sla, redLines, weights)
  const human = scoreSide(messages, 'agent', sla, redLines, weights)
  return { bot, human, total: (human ?? bot)?.total ?? 100 }
}
