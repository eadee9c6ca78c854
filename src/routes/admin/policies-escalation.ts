import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readJson } from '../../api/validate'
import { assess, verdict } from '../../escalation/assess'
import { escalationRulesSchema } from '../../escalation/schema'
import { readEscalationRules, writeEscalationRules } from '../../escalation/store'
import type { AppEnv } from '../../env'

const TAG = 'policies'
const BASE = '/api/v1/policies/escalation'

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

/** Escalation policy API (`/api/v1/policies/escalation`): thresholds and lexicons in KV. */
export const escalationPolicy = new Hono<AppEnv>()

documentRoute({
  method: 'get',
  path: BASE,
  summary: 'Get the escalation policy (the bundled defaults until one is stored)',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the escalation policy', schema: escalationRulesSchema } },
})
escalationPolicy.get('/', requireRole('agent'), async (c) =>
  c.json(await readEscalationRules(c.env.CONFIG))
)

documentRoute({
  method: 'put',
  path: BASE,
  summary: 'Replace the escalation policy (isolates pick it up within 30 seconds)',
  tag: TAG,
  access: 'admin',
  body: escalationRulesSchema,
  responses: { 200: { description: 'the stored policy', schema: escalationRulesSchema } },
})
escalationPolicy.put('/', requireRole('admin'), async (c) => {
  const rules = await readJson(c, escalationRulesSchema)
  await writeEscalationRules(c.env.CONFIG, rules)
  return c.json(rules)
})

documentRoute({
  method: 'post',
  path: `${BASE}/assess`,
  summary: 'Assess a sample message under the stored (or a draft) policy, for tuning',
  tag: TAG,
  access: 'agent',
  body: assessBodySchema,
  responses: { 200: { description: 'the assessment and the verdict', schema: assessResultSchema } },
})
escalationPolicy.post('/assess', requireRole('agent'), async (c) => {
  const { text, complaints, rules: draft } = await readJson(c, assessBodySchema)
  const rules = draft ?? (await readEscalationRules(c.env.CONFIG))
  const assessment = assess(rules, text)
  const counters = { complaints: complaints ?? (assessment.complaint ? 1 : 0) }
  return c.json({ assessment, verdict: verdict(rules, assessment, counters) })
})
