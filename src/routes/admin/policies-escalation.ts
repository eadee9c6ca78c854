import { z } from 'zod'
import { jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { assess, verdict } from '../../escalation/assess'
import { escalationRulesSchema } from '../../escalation/schema'
import { readEscalationRules, writeEscalationRules } from '../../escalation/store'
import { routesFor } from './route-builders'

const route = routesFor('policies')

const assessBodySchema = z.strictObject({
  text: z.string().min(1).max(4000),
  /** Complaints about the same problem, this message included; default: 1 if it complains. */
  complaints: z.number().int().min(0).max(10_000).optional(),
  /** A draft policy to try instead of the stored one (not saved). */
  rules: escalationRulesSchema.optional(),
})
const reasonSchema = z.enum([
  'repeat_complaint',
  'anger',
  'abuse',
  'human_request',
  'sla_breach',
  'legal',
  'media',
  'compensation',
  'threat',
  'manual',
])
const assessResultSchema = z.object({
  assessment: z.object({
    angerScore: z.number(),
    angry: z.boolean(),
    abusive: z.boolean(),
    wantsHuman: z.boolean(),
    complaint: z.boolean(),
    legal: z.array(z.string()),
    media: z.array(z.string()),
    threat: z.array(z.string()),
    compensation: z.array(z.object({ amount: z.number(), currency: z.string(), text: z.string() })),
    matched: z.array(z.string()),
  }),
  verdict: z.object({
    level: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    reasons: z.array(reasonSchema),
    summary: z.string(),
  }),
})

const read = route.agent(
  'get',
  '/',
  'Get the escalation policy (the bundled defaults until one is stored)',
  {
    responses: { 200: jsonResponse(escalationRulesSchema, 'the escalation policy') },
  }
)
const write = route.admin(
  'put',
  '/',
  'Replace the escalation policy (isolates pick it up within 30 seconds)',
  {
    request: { body: jsonRequest(escalationRulesSchema) },
    responses: { 200: jsonResponse(escalationRulesSchema, 'the stored policy') },
  }
)
const tryOut = route.agent(
  'post',
  '/assess',
  'Assess a sample message under the stored (or a draft) policy, for tuning',
  {
    request: { body: jsonRequest(assessBodySchema) },
    responses: { 200: jsonResponse(assessResultSchema, 'the assessment and the verdict') },
  }
)

/** Escalation policy API (`/api/v1/policies/escalation`): thresholds and lexicons in KV. */
export const escalationPolicy = apiRouter('/api/v1/policies/escalation')
  .openapi(read, async (c) => c.json(await readEscalationRules(c.env.CONFIG), 200))
  .openapi(write, async (c) => {
    const rules = c.req.valid('json')
    await writeEscalationRules(c.env.CONFIG, rules)
    return c.json(rules, 200)
  })
  .openapi(tryOut, async (c) => {
    const { text, complaints, rules: draft } = c.req.valid('json')
    const rules = draft ?? (await readEscalationRules(c.env.CONFIG))
    const assessment = assess(rules, text)
    const counters = { complaints: complaints ?? (assessment.complaint ? 1 : 0) }
    return c.json({ assessment, verdict: verdict(rules, assessment, counters) }, 200)
  })
