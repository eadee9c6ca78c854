import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { readJson } from '../../api/validate'
import { businessHoursPutSchema, businessHoursSchema } from '../../sla/business-hours-schema'
import { isOpen, nextOpening } from '../../sla/calendar'
import { readBusinessHours, writeBusinessHours } from '../../sla/settings-store'
import { readShopSettings, shopSettingsSchema, writeShopSettings } from '../../shop/settings'
import type { AppEnv } from '../../env'

const TAG = 'settings'
const BASE = '/api/v1/settings'

const readSchema = businessHoursSchema.extend({
  openNow: z.boolean(),
  nextOpening: z.iso.datetime().nullable(),
})

/** Admin API for shop-wide settings (`/api/v1/settings`). */
export const settings = new Hono<AppEnv>()

documentRoute({
  method: 'get',
  path: `${BASE}/business-hours`,
  summary: 'Get the staffed hours, whether humans are on now, and when they are next',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the calendar with its current state', schema: readSchema } },
})
settings.get('/business-hours', requireRole('agent'), async (c) => {
  const hours = await readBusinessHours(c.env.FLOWS)
  const now = Date.now()
  const next = nextOpening(hours, now)
  return c.json({
    ...hours,
    openNow: isOpen(hours, now),
    nextOpening: next === null ? null : new Date(next).toISOString(),
  })
})

documentRoute({
  method: 'put',
  path: `${BASE}/business-hours`,
  summary: 'Replace the staffed hours (weekly shifts, holidays, special days)',
  tag: TAG,
  access: 'admin',
  body: businessHoursPutSchema,
  responses: { 200: { description: 'the stored calendar', schema: businessHoursSchema } },
})
settings.put('/business-hours', requireRole('admin'), async (c) => {
  const body = await readJson(c, businessHoursPutSchema)
  const { openNow: _openNow, nextOpening: _next, ...hours } = body
  await writeBusinessHours(c.env.FLOWS, hours)
  return c.json(hours)
})

documentRoute({
  method: 'get',
  path: `${BASE}/shop`,
  summary: 'Get the shop facts replies state (name, no-reason return days)',
  tag: TAG,
  access: 'agent',
  responses: { 200: { description: 'the shop settings', schema: shopSettingsSchema } },
})
settings.get('/shop', requireRole('agent'), async (c) => c.json(await readShopSettings(c.env.FLOWS)))

documentRoute({
  method: 'put',
  path: `${BASE}/shop`,
  summary: 'Replace the shop facts replies state; new conversations use them at once, running ones within 30 s',
  tag: TAG,
  access: 'admin',
  body: shopSettingsSchema,
  responses: { 200: { description: 'the stored shop settings', schema: shopSettingsSchema } },
})
settings.put('/shop', requireRole('admin'), async (c) => {
  const body = await readJson(c, shopSettingsSchema)
  await writeShopSettings(c.env.FLOWS, body)
  return c.json(body)
})
