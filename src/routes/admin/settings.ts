import { z } from 'zod'
import { apiError } from '../../api/errors'
import { jsonRequest, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { toFieldIssues } from '../../api/validate'
import { businessHoursPutSchema, businessHoursSchema } from '../../sla/business-hours-schema'
import { isOpen, nextOpening } from '../../sla/calendar'
import { readBusinessHours, resetBusinessHours, writeBusinessHours } from '../../sla/settings-store'
import { routesFor } from './route-builders'

const route = routesFor('settings')

const readSchema = businessHoursSchema.extend({
  openNow: z.boolean(),
  nextOpening: z.iso.datetime().nullable(),
})

// Checked in full after the merge with what is stored (`businessHoursPutSchema`).
const putBody = z
  .looseObject({ replace: z.boolean().optional(), weekly: z.looseObject({}).optional() })
  .describe(
    'The calendar as GET shows it (timeZone, weekly, holidays, special), in part unless `replace` is true'
  )

const read = route.agent(
  'get',
  '/business-hours',
  'Get the staffed hours, whether humans are on now, and when they are next',
  {
    responses: { 200: jsonResponse(readSchema, 'the calendar with its current state') },
  }
)
const write = route.admin(
  'put',
  '/business-hours',
  'Change the staffed hours: weekdays left out keep their hours, `holidays` and `special` (when given) replace those lists, `"replace": true` replaces the whole calendar',
  {
    request: { body: jsonRequest(putBody) },
    responses: { 200: jsonResponse(businessHoursSchema, 'the stored calendar') },
  }
)
const reset = route.admin(
  'delete',
  '/business-hours',
  'Back to the default staffed hours (Asia/Shanghai, 09:00-23:30 in three shifts, no holidays)',
  {
    responses: { 200: jsonResponse(businessHoursSchema, 'the default calendar, now in force') },
  }
)

/** Admin API for shop-wide settings (`/api/v1/settings`). */
export const settings = apiRouter('/api/v1/settings')
  .openapi(read, async (c) => {
    const hours = await readBusinessHours(c.env.CONFIG)
    const now = Date.now()
    const next = nextOpening(hours, now)
    const state = {
      openNow: isOpen(hours, now),
      nextOpening: next === null ? null : new Date(next).toISOString(),
    }
    return c.json({ ...hours, ...state }, 200)
  })
  .openapi(write, async (c) => {
    const { replace, ...edit } = c.req.valid('json')
    // A change to one day must not close the others: unless told to replace, merge with what is stored.
    const current = replace ? null : await readBusinessHours(c.env.CONFIG)
    const merged = current
      ? { ...current, ...edit, weekly: { ...current.weekly, ...(edit.weekly ?? {}) } }
      : edit
    const parsed = businessHoursPutSchema.safeParse(merged)
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error.issues)
      throw apiError(400, 'invalid_body', 'body failed validation', issues)
    }
    const { openNow: _openNow, nextOpening: _next, ...hours } = parsed.data
    await writeBusinessHours(c.env.CONFIG, hours)
    return c.json(hours, 200)
  })
  .openapi(reset, async (c) => {
    await resetBusinessHours(c.env.CONFIG)
    return c.json(await readBusinessHours(c.env.CONFIG), 200)
  })
