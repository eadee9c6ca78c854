import { slaPolicySchema } from '../../sla/policy'
import { slaPolicyDoc } from '../../sla/policy-store'
import { kvDocRoutes } from './kv-doc-routes'

/** `GET/PUT /api/v1/policies/sla`. */
export const slaPolicy = kvDocRoutes({
  path: '/api/v1/policies/sla',
  schema: slaPolicySchema,
  doc: slaPolicyDoc,
  tag: 'policies',
  read: 'SLA targets (seconds) per scenario and escalation level, warning share, pause and business-hours rules',
  write: 'Replace the SLA policy; new targets apply to clocks started from now on',
})
