import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { documentRoute } from '../../api/openapi'
import { apiError } from '../../api/errors'
import { readJson, toFieldIssues } from '../../api/validate'
import { businessHoursPutSchema, businessHoursSchema } from '../../sla/business-hours-schema'
import { isOpen, nextOpening } from '../../sla/calendar'
import { readBusinessHours, resetBusinessHours, writeBusinessHours } from '../../sla/settings-store'
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
  const hours = await readBusinessHours(c.env.CONFIG)
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
  summary:
    'Change the staffed hours: weekdays left out keep their hours, `holidays` and `special` (when given) replace those lists, `"replace": true` replaces the whole calendar',
  tag: TAG,
  access: 'admin',
  body: businessHoursPutSchema,
  responses: { 200: { description: 'the stored calendar', schema: businessHoursSchema } },
})
settings.put('/business-hours', requireRole('admin'), async (c) => {
  const raw = await readJson(
    c,
    z.looseObject({ replace: z.boolean().optional(), weekly: z.looseObject({}).optional() })
  )
  const { replace, ...edit } = raw
  // A change to one day must not close the others: unless told to replace, merge with what is stored.
  const current = replace ? null : await readBusinessHours(c.env.CONFIG)
  const merged = current
    ? { ...current, ...edit, weekly: { ...current.weekly, ...(edit.weekly ?? {}) } }
    : edit
  const parsed = businessHoursPutSchema.safeParse(merged)
  if (!parsed.success)
    throw apiError(
      400,
      'invalid_body',
      'body failed validation',
      toFieldIssues(parsed.error.issues)
    )
  const { openNow: _openNow, nextOpening: _next, ...hours } = parsed.data
  await writeBusinessHours(c.env.CONFIG, hours)
  return c.json(hours)
})

documentRoute({
  method: 'delete',
  path: `${BASE}/business-hours`,
  summary:
    'Back to the default staffed hours (Asia/Shanghai, 09:00-23:30 in three shifts, no holidays)',
  tag: TAG,
  access: 'admin',
  responses: {
    200: { description: 'the default calendar, now in force', schema: businessHoursSchema },
  },
})
settings.delete('/business-hours', requireRole('admin'), async (c) => {
  await resetBusinessHours(c.env.CONFIG)
  return c.json(await readBusinessHours(c.env.CONFIG))
})
