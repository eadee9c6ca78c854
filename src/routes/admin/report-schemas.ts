import { z } from 'zod'
import type { Figures } from '../../reports/figures'
import type { ReportFrame } from '../../reports/report'
import type { TicketCount } from '../../reports/tickets'
import { TARGET_KINDS } from '../../sla/policy'

const spread = z.object({
  count: z.number(),
  mean: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
})
const share = z.object({ of: z.number(), hits: z.number(), rate: z.number().nullable() })

/** One report's figures (durations in ms, rates as fractions), as the reports API answers them. */
export const figuresSchema: z.ZodType<Figures> = z.object({
  cases: z.number(),
  resolved: z.number(),
  handedOff: z.number(),
  containment: share,
  firstResponse: spread,
  humanFirstResponse: spread,
  responseTime: spread,
  humanResponseTime: spread,
  replyRate: share,
  resolutionTime: spread,
  sla: z.record(z.enum(TARGET_KINDS), share),
  csat: z.object({
    responses: z.number(),
    average: z.number().nullable(),
    distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
  }),
  escalations: z.object({ level1: z.number(), level2: z.number(), resolutionTime: spread }),
  conversion: share,
  recovery: share.nullable(),
  refunds: share.nullable(),
  orderValue: z
    .object({ orders: z.number(), average: z.number().nullable(), currency: z.string().nullable() })
    .nullable(),
})

/** The range and settings a report was computed with. */
export const frameSchema: z.ZodType<ReportFrame> = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  conversionWindowHours: z.number(),
  filters: z.object({
    channel: z.string().optional(),
    agent: z.string().optional(),
    intent: z.string().optional(),
  }),
})

/** Work orders opened, closed and breached per category. */
export const ticketCountSchema: z.ZodType<TicketCount> = z.object({
  category: z.string(),
  opened: z.number(),
  closed: z.number(),
  breached: z.number(),
})
