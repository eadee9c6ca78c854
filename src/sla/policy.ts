import { z } from 'zod'

/** Scenarios with their own targets; anything else (fallback, payment, human) uses `default`. */
export const SCENARIOS = [
  'presale',
  'order',
  'logistics',
  'aftersale',
  'complaint',
  'default',
] as const
/** A scenario key of the SLA policy. */
export type Scenario = (typeof SCENARIOS)[number]

/** The four kinds of SLA target. */
export const TARGET_KINDS = [
  'first_response',
  'next_response',
  'periodic_update',
  'resolution',
] as const
/** One kind of SLA target. */
export type TargetKind = (typeof TARGET_KINDS)[number]

const seconds = z
  .number()
  .int()
  .min(1)
  .max(90 * 24 * 3600)

/** Targets in seconds; an absent target is not tracked. */
export const targetsSchema = z
  .object({
    firstResponse: seconds.optional(),
    nextResponse: seconds.optional(),
    periodicUpdate: seconds.optional(),
    resolution: seconds.optional(),
  })
  .strict()

/** Target values in seconds, per kind. */
export type Targets = z.infer<typeof targetsSchema>

/** The SLA policy document (KV `policy:sla`, `PUT /api/v1/policies/sla`). */
export const slaPolicySchema = z
  .object({
    scenarios: z
      .object(
        Object.fromEntries(SCENARIOS.map((s) => [s, targetsSchema])) as Record<
          Scenario,
          typeof targetsSchema
        >
      )
      .strict(),
    /** Escalated conversations use these where set (tighter promises), else the scenario's. */
    levels: z.object({ '1': targetsSchema, '2': targetsSchema }).strict(),
    /** Share of a target at which a warning fires. */
    warnAt: z.number().gt(0).lt(1).default(0.8),
    /** Count only staffed time (the business-hours calendar) towards targets. */
    businessHoursOnly: z.boolean().default(false),
    /** Pause the resolution clock while the shop waits on the customer's answer. */
    pauseWhileWaitingOnCustomer: z.boolean().default(true),
    /** Unpaid-order reminder delay, in seconds (business hours respected). */
    paymentReminderAfter: seconds.default(12 * 3600),
  })
  .strict()

/** The SLA policy. */
export type SlaPolicy = z.infer<typeof slaPolicySchema>

/**
 * Defaults, counted in staffed time: the bot answers in seconds and meets response targets itself;
 * these targets are what a person needs once the case is theirs, and they are exactly what the
 * customer is promised (src/sla/promise.ts), so a breach can only follow a promise that has passed.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  scenarios: {
    presale: { firstResponse: 180, nextResponse: 180, resolution: 4 * 3600 },
    order: {
      firstResponse: 300,
      nextResponse: 300,
      periodicUpdate: 4 * 3600,
      resolution: 8 * 3600,
    },
    logistics: {
      firstResponse: 300,
      nextResponse: 300,
      periodicUpdate: 4 * 3600,
      resolution: 8 * 3600,
    },
    aftersale: {
      firstResponse: 300,
      nextResponse: 600,
      periodicUpdate: 4 * 3600,
      resolution: 24 * 3600,
    },
    complaint: {
      firstResponse: 120,
      nextResponse: 300,
      periodicUpdate: 2 * 3600,
      resolution: 4 * 3600,
    },
    default: {
      firstResponse: 300,
      nextResponse: 300,
      periodicUpdate: 4 * 3600,
      resolution: 8 * 3600,
    },
  },
  levels: {
    '1': { nextResponse: 300, periodicUpdate: 2 * 3600, resolution: 4 * 3600 },
    '2': { nextResponse: 300, periodicUpdate: 3600, resolution: 3 * 3600 },
  },
  warnAt: 0.8,
  businessHoursOnly: true,
  // Off by default: a paused clock would move the solution time the customer was told.
  pauseWhileWaitingOnCustomer: false,
  paymentReminderAfter: 12 * 3600,
}

const FIELD: Record<TargetKind, keyof Targets> = {
  first_response: 'firstResponse',
  next_response: 'nextResponse',
  periodic_update: 'periodicUpdate',
  resolution: 'resolution',
}

/** Maps a conversation's intent to its policy scenario. */
export const scenarioOf = (intent: string | null): Scenario =>
  (SCENARIOS as readonly string[]).includes(intent ?? '') ? (intent as Scenario) : 'default'

/** The target for a kind, in ms, for a scenario at an escalation level; null when not tracked. */
export const targetMs = (
  policy: SlaPolicy,
  kind: TargetKind,
  scenario: Scenario,
  level: number
): number | null => {
  const field = FIELD[kind]
  const byLevel =
    level === 1 || level === 2 ? policy.levels[String(level) as '1' | '2'][field] : undefined
  const value = byLevel ?? policy.scenarios[scenario][field]
  return value === undefined ? null : value * 1000
}
