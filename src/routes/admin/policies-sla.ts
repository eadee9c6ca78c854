import { Hono } from 'hono'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readJson } from '../../api/validate'
import type { AppEnv } from '../../env'
import { slaPolicySchema } from '../../sla/policy'
import { slaPolicyDoc } from '../../sla/policy-store'

documentRoute({
  method: 'get',
  path: '/api/v1/policies/sla',
  summary: 'SLA targets (seconds) per scenario and escalation level, warning share, pause and business-hours rules',
  tag: 'policies',
  access: 'agent',
  responses: { 200: { description: 'the policy', schema: slaPolicySchema } },
})
documentRoute({
  method: 'put',
  path: '/api/v1/policies/sla',
  summary: 'Replace the SLA policy; new targets apply to clocks started from now on',
  tag: 'policies',
  access: 'admin',
  body: slaPolicySchema,
  responses: { 200: { description: 'the stored policy', schema: slaPolicySchema } },
})

/** `GET/PUT /api/v1/policies/sla`. */
export const slaPolicy = new Hono<AppEnv>()
  .get('/', requireRole('agent'), async (c) => c.json(await slaPolicyDoc.read(c.env.FLOWS)))
  .put('/', requireRole('admin'), async (c) => {
    const policy = await readJson(c, slaPolicySchema)
    await slaPolicyDoc.write(c.env.FLOWS, policy)
    return c.json(policy)
  })
