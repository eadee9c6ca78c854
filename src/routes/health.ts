import { Hono } from 'hono'
import { channelStatus } from '../../bots'
import { documentRoute } from '../api/openapi'
import type { AppEnv } from '../env'
import { VERSION } from '../version'

documentRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Version and which channels are configured (public)',
  tag: 'health',
  access: 'public',
  responses: { 200: { description: 'healthy' } },
})

/** Public liveness: version, configured channels, whether the admin API is usable. */
export const health = new Hono<AppEnv>().get('/', (c) =>
  c.json({
    status: 'ok',
    version: VERSION,
    channels: channelStatus(c.env),
    adminApi: c.env.ADMIN_TOKEN ? 'configured' : 'not_configured',
  })
)
