import { DEFAULT_INTENTS } from './default-intents'
import type { FlowDoc, FlowStep } from './types'

// The bundled flow `main`, version 0: the steps of the service procedure, what each says (template
// ids from default-templates.ts) and expects. Shops override it by publishing a newer version.

const UPDATED_AT = '2026-01-01T00:00:00.000Z'

/** 6-24 letters/digits with at least one digit, as its own token; `#` and any prefix allowed. */
const ORDER_ID = String.raw`(?<![a-z0-9])#?((?=[a-z]*\d)[a-z0-9]{6,24})(?![a-z0-9])`

/**
 * Answers to "anything else?": thanks and "that's all" end the conversation even when they start
 * with a yes-word ("好的，谢谢", "ok thanks"); other yes/no forms are read by the engine.
 */
const ANYTHING_ELSE: NonNullable<FlowStep['replies']> = {
  'confirm.no': {
    'zh-CN': [
      String.raw`^\s*(?:好的?|好滴|嗯+|收到|行|ok|👍|👌)[\s，,。.!！~～]*$`,
      String.raw`^\s*(?:好的?|嗯+|行|可以|没有了?|没了|没事了?|不用了?)?[\s，,。.!！~～]*(?:谢谢|谢了|多谢|感谢|辛苦了|拜拜|再见)`,
      String.raw`^\s*(?:没有了?|没了|没事了?|不用了?)[\s，,。.!！~～]*$`,
    ],
    en: [
      String.raw`^\s*(?:ok(?:ay)?|k|kk|great|cool|got it|alright|👍|👌)[\s,.!]*$`,
      String.raw`^\s*(?:ok(?:ay)?|yes|great|perfect|no|nope|nah)?[\s,.!]*(?:thanks|thank you|thx|cheers|bye|goodbye)\b`,
      String.raw`^\s*(?:that'?s all|nothing else|no more questions|i'?m good|all good)\b`,
    ],
  },
}

/** Ask for the order number, confirm it, hand over: the identity check every order topic needs. */
const orderSteps = (
  prefix: string,
  intent: string,
  ask: { stage: FlowStep['stage']; say: string[] },
  handover: string,
  lookup = false,
  ticket?: FlowStep['ticket']
): Record<string, FlowStep> => {
  const capture = (invalid?: string) => ({
    variable: 'order.id',
    pattern: ORDER_ID,
    next: `${prefix}.confirm`,
    ...(invalid ? { invalid } : {}),
  })
  const photo = { attachment: 'photo.handover' }
  return {
    // Only the order topic confirms a known order at once: the others' questions carry more (an
    // apology, a photo to send) than the number.
    [prefix]: {
      ...ask,
      intent,
      capture: capture(`${prefix}.invalid`),
      on: photo,
      ...(lookup ? { lookup: 'known_order' as const } : {}),
    },
    [`${prefix}.invalid`]: {
      stage: 'greeting',
      say: ['order.invalid_id'],
      intent,
      capture: capture('offer_human'),
      on: photo,
    },
    [`${prefix}.retry`]: {
      stage: 'greeting',
      say: ['order.retry_id'],
      intent,
      capture: capture(`${prefix}.invalid`),
      on: photo,
    },
    [`${prefix}.confirm`]: {
      stage: 'listening',
      say: ['order.confirm_id'],
      intent,
      // A corrected number typed here ("no, it's 12345678") is confirmed again.
      capture: capture(),
      on: {
        'confirm.yes': lookup ? `${prefix}.lookup` : `${prefix}.handover`,
        'confirm.no': `${prefix}.retry`,
      },
    },
    // A confirmed order on a problem another team must check opens the work order for that team.
    [`${prefix}.handover`]: {
      stage: 'solution',
      say: [handover],
      intent,
      handoff: true,
      ...(ticket ? { ticket } : {}),
    },
    // Orders the shop reported for this customer are answered at once; others go to a person.
    ...(lookup
      ? {
          [`${prefix}.lookup`]: {
            stage: 'solution',
            say: [],
            intent,
            lookup: 'order',
            on: { 'order.found': `${prefix}.status`, 'order.unknown': `${prefix}.handover` },
          },
          [`${prefix}.status`]: {
            stage: 'closing',
            say: ['order.status'],
            intent,
            on: { 'confirm.yes': 'more', 'confirm.no': 'farewell' },
            replies: ANYTHING_ELSE,
          },
        }
      : {}),
  }
}

const r = String.raw

/** The bundled flow `main`, version 0. */
export const DEFAULT_FLOW: FlowDoc = {
  id: 'main',
  version: 0,
  start: 'start',
  intents: DEFAULT_INTENTS,
  actions: {
    'topic.presale': 'presale',
    'topic.order': 'order',
    'topic.logistics': 'logistics',
    'topic.return': 'aftersale',
    'topic.complaint': 'complaint',
    'topic.payment': 'payment',
    human: 'human',
    // A bare photo outside a step that asked for one: ask what it is about.
    attachment: 'photo',
    'csat.1': 'survey.low',
    'csat.2': 'survey.low',
    'csat.3': 'survey.thanks',
    'csat.4': 'survey.thanks',
    'csat.5': 'survey.thanks',
  },
  steps: {
    start: { stage: 'greeting', say: ['greeting'] },

    // Handbook stage 2: restate the question in one line and confirm, then a sales colleague answers.
    presale: {
      stage: 'listening',
      say: ['presale.restate'],
      intent: 'presale',
      expects: 'confirm',
      on: { 'confirm.yes': 'presale.handover', 'confirm.no': 'presale.clarify' },
    },
    'presale.clarify': {
      stage: 'listening',
      say: ['presale.clarify'],
      intent: 'presale',
      expects: 'text',
      on: { text: 'presale' },
    },
    'presale.handover': {
      stage: 'solution',
      say: ['presale.handover'],
      intent: 'presale',
      handoff: true,
    },

    ...orderSteps(
      'order',
      'order',
      { stage: 'greeting', say: ['order.ask_id'] },
      'order.next_steps',
      true
    ),
    ...orderSteps(
      'logistics',
      'logistics',
      { stage: 'greeting', say: ['logistics.ask'] },
      'logistics.next_steps',
      false,
      { category: 'logistics' }
    ),

    aftersale: {
      stage: 'solution',
      say: ['return.policy'],
      intent: 'aftersale',
      on: {
        'return.quality': 'aftersale.quality',
        'return.noreason': 'aftersale.noreason',
        attachment: 'photo.handover',
      },
      replies: {
        'return.quality': {
          'zh-CN': ['质量|坏|破|裂|瑕疵|发错|错发|错了|不是我(买|要|拍)的|掉色|开线|起球|有问题'],
          en: [
            r`\b(quality|broke|broken|damaged|defective|faulty|wrong|torn|stained|ripped|not as described)\b`,
          ],
        },
        'return.noreason': {
          'zh-CN': ['无理由|不喜欢|不想要|不合适|不要了|太(大|小|紧|松)|七天|7天'],
          en: [
            r`\b(no[- ]reason|changed my mind|don'?t (like|want)|doesn'?t fit|too (small|big))\b`,
          ],
        },
      },
    },
    ...orderSteps(
      'aftersale.quality',
      'aftersale',
      { stage: 'listening', say: ['return.quality'] },
      'return.next_steps',
      false,
      { category: 'quality' }
    ),
    ...orderSteps(
      'aftersale.noreason',
      'aftersale',
      { stage: 'listening', say: ['return.noreason'] },
      'return.next_steps'
    ),

    complaint: { stage: 'objection', say: ['complaint'], intent: 'complaint', handoff: true },

    payment: {
      stage: 'solution',
      say: ['payment.help'],
      intent: 'payment',
      on: { 'confirm.yes': 'closing', 'confirm.no': 'human' },
      // Beyond plain yes and no (read by the engine): how customers say it worked, or didn't.
      replies: {
        'confirm.no': {
          'zh-CN': ['还是不行|不行|付不了|还不行|失败'],
          en: [
            String.raw`still (not working|doesn'?t work|failing)|it didn'?t work|not working|still declined`,
          ],
        },
        'confirm.yes': {
          'zh-CN': [String.raw`^\s*(?:可以了|好了|付好了|付了|成功了?|解决了)`],
          en: [String.raw`^\s*(?:yes,? )?(?:it worked|works now|done|paid|fixed|solved)\b`],
        },
      },
    },

    human: { stage: 'listening', say: ['handoff'], intent: 'human', handoff: true },

    compare: {
      stage: 'objection',
      say: ['compare'],
      intent: 'presale',
      on: { 'confirm.yes': 'more', 'confirm.no': 'farewell' },
      replies: ANYTHING_ELSE,
    },
    ack: {
      stage: 'closing',
      say: ['ack'],
      on: { 'confirm.yes': 'more', 'confirm.no': 'farewell' },
      replies: ANYTHING_ELSE,
    },

    reask: { stage: 'listening', say: ['fallback.reask'] },
    offer_human: { stage: 'listening', say: ['fallback.offer_human'] },

    closing: {
      stage: 'closing',
      say: ['closing'],
      on: { 'confirm.yes': 'more', 'confirm.no': 'farewell' },
      replies: ANYTHING_ELSE,
    },
    // After a knowledge-base answer (its text ends with the `knowledge.more` question).
    knowledge: {
      stage: 'closing',
      say: [],
      on: { 'confirm.yes': 'more', 'confirm.no': 'farewell' },
      replies: ANYTHING_ELSE,
    },
    more: { stage: 'listening', say: ['ask_more'] },
    farewell: { stage: 'closing', say: ['farewell'] },

    photo: { stage: 'listening', say: ['photo.received'] },
    'photo.handover': { stage: 'solution', say: ['photo.handover'], handoff: true },

    'survey.thanks': { stage: 'closing', say: ['survey.thanks'] },
    'survey.comment': { stage: 'closing', say: ['survey.comment'] },
    'survey.low': { stage: 'objection', say: ['survey.low'], handoff: true },

    // Entered by the engine (timers, closing, agents), never by customer text; they also keep
    // every bundled template said by some step, so a pack always carries them.
    survey: { stage: 'closing', say: ['survey'] },
    holding: { stage: 'solution', say: ['holding'] },
    'holding.case': { stage: 'solution', say: ['holding.case'] },
    'holding.ack': { stage: 'solution', say: ['holding.ack'] },
    progress: { stage: 'solution', say: ['progress'] },
    'progress.again': { stage: 'solution', say: ['progress.again'] },
    offhours: { stage: 'listening', say: ['offhours'] },
    'escalation.level1': { stage: 'objection', say: ['escalation.level1'], handoff: true },
    'escalation.level2': { stage: 'objection', say: ['escalation.level2'], handoff: true },
    'abuse.calm': { stage: 'objection', say: ['abuse.calm'] },
    'payment.reminder': { stage: 'closing', say: ['payment.reminder'], intent: 'payment' },
    'order.tracking': { stage: 'closing', say: ['order.tracking'], intent: 'order' },
  },
  fallback: { reask: 'reask', offerHuman: 'offer_human' },
  updatedAt: UPDATED_AT,
}
