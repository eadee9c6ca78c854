import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { openApiDocument } from '../src/api/openapi'
import { settings } from '../src/routes/admin/settings'
import { businessHoursSchema } from '../src/sla/business-hours-schema'
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from '../src/sla/calendar'
import {
  BUSINESS_HOURS_KEY,
  clearBusinessHoursCache,
  readBusinessHours,
  writeBusinessHours,
} from '../src/sla/settings-store'
import { ADMIN } from './helpers'
import { routesApp } from './support/admin-api'

// The lead mounts the router in src/app.ts; until then the test builds its own app.
const app = routesApp((root) => root.route('/api/v1/settings', settings))

const PATH = '/api/v1/settings/business-hours'
const JSON_HEADERS = { 'content-type': 'application/json' }

const get = (headers: Record<string, string> = ADMIN) => app.request(PATH, { headers }, env)
const put = (body: unknown, headers: Record<string, string> = ADMIN) =>
  app.request(
    PATH,
    {
      method: 'PUT',
      headers: { ...JSON_HEADERS, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    env
  )

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; message: string }[] }
}
const issuePaths = async (res: Response) =>
  ((await res.json()) as ErrorJson).error.issues?.map((i) => i.path) ?? []

const weekdays = [{ start: '09:00', end: '18:00' }]
const valid: BusinessHours = {
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: weekdays,
    tue: weekdays,
    wed: weekdays,
    thu: weekdays,
    fri: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '24:00' },
    ],
    sat: [{ start: '22:00', end: '02:00' }],
    sun: [],
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas' }],
  special: [{ date: '2026-12-24', intervals: [{ start: '09:00', end: '12:00' }], name: 'Eve' }],
}

beforeEach(async () => {
  await env.CONFIG.delete(BUSINESS_HOURS_KEY)
  clearBusinessHoursCache()
})

describe('GET /api/v1/settings/business-hours', () => {
  it('returns the default calendar with the three shifts and its current state', async () => {
    const res = await get()
    expect(res.status).toBe(200)
    const body = (await res.json()) as BusinessHours & { openNow: boolean; nextOpening: string }
    expect(body.timeZone).toBe('Asia/Shanghai')
    expect(body.weekly.mon).toEqual([
      { start: '09:00', end: '17:30' },
      { start: '10:00', end: '15:30' },
      { start: '17:00', end: '23:30' },
    ])
    expect(body.weekly).toEqual(DEFAULT_BUSINESS_HOURS.weekly)
    expect(body.holidays).toEqual([])
    expect(body.special).toEqual([])
    expect(typeof body.openNow).toBe('boolean')
    expect(Date.parse(body.nextOpening)).toBeGreaterThan(Date.now() - 60_000)
    expect(body.nextOpening).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('says nextOpening is null for a calendar that is never open', async () => {
    const never = { timeZone: 'UTC', weekly: {}, replace: true }
    expect((await put(never)).status).toBe(200)
    const body = (await (await get()).json()) as { openNow: boolean; nextOpening: null }
    expect(body).toMatchObject({ openNow: false, nextOpening: null })
  })

  it('401s without a token or with a wrong one', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      const res = await get(headers)
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
    }
  })
})

describe('PUT /api/v1/settings/business-hours', () => {
  it('stores a valid calendar, and GET returns it', async () => {
    const res = await put(valid)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(valid)
    const read = (await (await get()).json()) as Record<string, unknown>
    const { openNow, nextOpening, ...doc } = read
    expect(doc).toEqual(valid)
    expect(typeof openNow).toBe('boolean')
    expect(typeof nextOpening).toBe('string')
  })

  it('keeps the weekdays a change leaves out (the README example as pasted), and DELETE restores the defaults', async () => {
    const res = await put({
      timeZone: 'Asia/Shanghai',
      weekly: { mon: weekdays },
      holidays: [{ date: '2026-10-01', name: 'National Day' }],
      special: [],
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as typeof DEFAULT_BUSINESS_HOURS
    expect(body.weekly.mon).toEqual(weekdays)
    expect(body.weekly.tue).toEqual(DEFAULT_BUSINESS_HOURS.weekly.tue)
    expect(body.holidays).toEqual([{ date: '2026-10-01', name: 'National Day' }])
    const reset = await app.request(PATH, { method: 'DELETE', headers: ADMIN }, env)
    expect(reset.status).toBe(200)
    expect(await reset.json()).toEqual(DEFAULT_BUSINESS_HOURS)
    expect(await (await get()).json()).toMatchObject(DEFAULT_BUSINESS_HOURS)
  })

  it('with replace, fills missing weekdays, holidays and special days with none', async () => {
    const res = await put({ timeZone: 'Asia/Tokyo', weekly: { mon: weekdays }, replace: true })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      timeZone: 'Asia/Tokyo',
      weekly: { mon: weekdays, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
      special: [],
    })
  })

  it('accepts back what GET returned (openNow and nextOpening are ignored)', async () => {
    const read = await (await get()).json()
    const res = await put(read)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(DEFAULT_BUSINESS_HOURS)
  })

  it('400s with path timeZone for an unknown zone', async () => {
    const res = await put({ ...valid, timeZone: 'Mars/Olympus_Mons' })
    expect(res.status).toBe(400)
    expect(await issuePaths(res)).toEqual(['timeZone'])
  })

  it('400s with the field path of a bad time', async () => {
    const mon = [{ start: '9:00', end: '17:00' }]
    const res = await put({ ...valid, weekly: { ...valid.weekly, mon } })
    expect(res.status).toBe(400)
    const body = (await res.json()) as ErrorJson
    expect(body.error.code).toBe('invalid_body')
    expect(body.error.issues?.map((i) => i.path)).toEqual(['weekly.mon.0.start'])
  })

  it.each([
    ['24:01', 'weekly.tue.0.end'],
    ['23:60', 'weekly.tue.0.end'],
    ['25:00', 'weekly.tue.0.end'],
  ])('400s for end %s at %s', async (end, path) => {
    const res = await put({ ...valid, weekly: { ...valid.weekly, tue: [{ start: '09:00', end }] } })
    expect(res.status).toBe(400)
    expect(await issuePaths(res)).toEqual([path])
  })

  it('400s for start == end and for a start of 24:00', async () => {
    const same = await put({ ...valid, weekly: { wed: [{ start: '09:00', end: '09:00' }] } })
    expect(await issuePaths(same)).toEqual(['weekly.wed.0.end'])
    const late = await put({ ...valid, weekly: { wed: [{ start: '24:00', end: '09:00' }] } })
    expect(await issuePaths(late)).toEqual(['weekly.wed.0.start'])
  })

  it('400s for more than 8 intervals a day', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` }))
    const res = await put({ ...valid, weekly: { thu: many } })
    expect(res.status).toBe(400)
    expect(await issuePaths(res)).toEqual(['weekly.thu'])
  })

  it('400s for unreal or malformed dates', async () => {
    const res = await put({
      ...valid,
      holidays: [{ date: '2026-02-29' }, { date: '2026-1-05' }],
      special: [{ date: '2026-13-01', intervals: [] }],
    })
    expect(res.status).toBe(400)
    expect(await issuePaths(res)).toEqual(['holidays.0.date', 'holidays.1.date', 'special.0.date'])
  })

  it('400s for duplicate dates, within a list and across holidays and special days', async () => {
    const res = await put({
      ...valid,
      holidays: [{ date: '2026-12-25' }, { date: '2026-12-25' }],
      special: [{ date: '2026-12-25', intervals: [] }],
    })
    expect(res.status).toBe(400)
    expect(await issuePaths(res)).toEqual(['holidays.1.date', 'special.0.date'])
  })

  it('400s for more than 366 holidays', async () => {
    const start = Date.UTC(2026, 0, 1)
    const holidays = Array.from({ length: 367 }, (_, i) => ({
      date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    }))
    const res = await put({ ...valid, holidays })
    expect(res.status).toBe(400)
    expect(await issuePaths(res)).toEqual(['holidays'])
  })

  it('400s for unknown keys (typos must not vanish) and a missing zone', async () => {
    const typo = await put({ ...valid, holiday: [] })
    expect(typo.status).toBe(400)
    const day = await put({ ...valid, weekly: { monday: weekdays } })
    expect(day.status).toBe(400)
    const zone = await put({ weekly: {}, replace: true })
    expect(await issuePaths(zone)).toEqual(['timeZone'])
  })

  it('400s invalid_json for a broken body', async () => {
    const res = await put('{"timeZone":')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })

  it('401s without a token and stores nothing', async () => {
    const res = await put(valid, {})
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
    expect(await env.CONFIG.get(BUSINESS_HOURS_KEY)).toBeNull()
  })
})

describe('settings store', () => {
  it('reads the default when the stored value is absent, unparseable or invalid', async () => {
    expect(await readBusinessHours(env.CONFIG)).toEqual(DEFAULT_BUSINESS_HOURS)
    for (const raw of ['{not json', JSON.stringify({ timeZone: 'Nowhere/Else', weekly: {} })]) {
      await env.CONFIG.put(BUSINESS_HOURS_KEY, raw)
      clearBusinessHoursCache()
      expect(await readBusinessHours(env.CONFIG)).toEqual(DEFAULT_BUSINESS_HOURS)
    }
  })

  it('caches for 30 s per isolate; a write clears the cache', async () => {
    const t = 1_800_000_000_000
    expect(await readBusinessHours(env.CONFIG, t)).toEqual(DEFAULT_BUSINESS_HOURS)
    // Changed behind the store's back: still the cached copy until 30 s have passed.
    await env.CONFIG.put(BUSINESS_HOURS_KEY, JSON.stringify(valid))
    expect(await readBusinessHours(env.CONFIG, t + 29_999)).toEqual(DEFAULT_BUSINESS_HOURS)
    expect(await readBusinessHours(env.CONFIG, t + 30_000)).toEqual(valid)
    const next = { ...valid, timeZone: 'Asia/Tokyo' }
    await writeBusinessHours(env.CONFIG, next)
    expect(await readBusinessHours(env.CONFIG, t + 30_001)).toEqual(next)
  })
})

describe('OpenAPI', () => {
  it('documents both routes and renders their schemas', () => {
    const doc = openApiDocument('test')
    const path = doc.paths['/api/v1/settings/business-hours']
    expect(path?.get).toMatchObject({ 'x-access': 'agent' })
    expect(path?.put).toMatchObject({ 'x-access': 'admin' })
    expect(businessHoursSchema.safeParse(DEFAULT_BUSINESS_HOURS).success).toBe(true)
  })
})
