import { z } from 'zod'
import { channelStatus } from '../../bots'
import { apiRoute, jsonResponse } from '../api/route'
import { apiRouter } from '../api/router'
import { VERSION } from '../version'

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  channels: z.record(z.string(), z.enum(['enabled', 'disabled'])),
  adminApi: z.enum(['configured', 'not_configured']),
})

const check = apiRoute({
  method: 'get',
  path: '/',
  summary: 'Version and which channels are configured (public)',
  tag: 'health',
  access: 'public',
  responses: { 200: jsonResponse(healthSchema, 'healthy') },
})

/** Public liveness: version, configured channels, whether the admin API is usable. */
export const health = apiRouter('/healthz').openapi(check, (c) =>
  c.json(
    {
      status: 'ok' as const,
      version: VERSION,
      channels: channelStatus(c.env),
      adminApi: c.env.ADMIN_TOKEN ? ('configured' as const) : ('not_configured' as const),
    },
    200
  )
)
