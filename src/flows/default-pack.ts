import { DEFAULT_INTENTS } from './default-intents'
import { ANYTHING_ELSE, PAYMENT_REPLIES, RETURN_REPLIES } from './default-replies'
import { orderSteps } from './order-steps'
import type { FlowDoc } from './types'

// The bundled flow `main`, version 0: the steps of the service procedure, what each says (template
// ids from default-templates.ts) and expects. Shops override it by publishing a newer version.

const UPDATED_AT = '2026-01-01T00:00:00.000Z'

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
      replies: RETURN_REPLIES,
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
      replies: PAYMENT_REPLIES,
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
