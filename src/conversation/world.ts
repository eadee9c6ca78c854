import type { EscalationRules } from '../escalation/types'
import type { FlowPack } from '../flows/types'
import type { BusinessHours } from '../sla/calendar'
import type { SlaPolicy } from '../sla/policy'
import type { ServiceContext } from './say'

/** Everything outside a conversation its decisions depend on, gathered by the shell per call. */
export interface World {
  pack: FlowPack
  ctx: ServiceContext
  policy: SlaPolicy
  calendar: BusinessHours
  rules: EscalationRules
  now: number
}

/** The world at one instant: the templates' clock reads the same policy, calendar and time. */
export const worldAt = (partial: Omit<World, 'now'>, now: number): World => ({
  ...partial,
  now,
  ctx: { ...partial.ctx, clock: { policy: partial.policy, calendar: partial.calendar, now } },
})
