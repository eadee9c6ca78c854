import { ANYTHING_ELSE, ORDER_ID } from './default-replies'
import type { FlowStep } from './types'

/** Ask for the order number, confirm it, hand over: the identity check every order topic needs. */
export const orderSteps = (
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
