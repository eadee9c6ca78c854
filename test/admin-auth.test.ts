import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../src/app'
import { api } from './helpers'

const routes: [string, string, unknown?][] = [
  ['GET', '/api/v1/templates'],
  ['GET', '/api/v1/templates/greeting'],
  ['PUT', '/api/v1/templates/auth-probe', { locales: { en: 'hi' } }],
  ['GET', '/api/v1/flows/main'],
  ['GET', '/api/v1/conversations/telegram:1'],
  ['POST', '/api/v1/conversations/telegram:1/messages', { text: 'hi' }],
]

const call = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
  api(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe('admin auth matrix', () => {
  it.each(routes)(
    '%s %s: 401 without a token, with a wrong one, or another scheme',
    async (method, path, body) => {
      for (const headers of [
        {} as Record<string, string>,
        { Authorization: 'Bearer wrong-token' },
        { Authorization: 'Bearer test-admin-tokenx' },
        { Authorization: 'Basic dGVzdDp0ZXN0' },
        { Authorization: 'test-admin-token' },
      ]) {
        const res = await call(method, path, body, headers)
        expect(res.status).toBe(401)
        expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
      }
    }
  )

  it.each(routes)('%s %s: not 401 with the admin token', async (method, path, body) => {
    const res = await call(method, path, body, { Authorization: 'Bearer test-admin-token' })
    expect(res.status).not.toBe(401)
    expect(res.status).toBeLessThan(500)
  })

  it('503s admin_not_configured when ADMIN_TOKEN is unset', async () => {
    const res = await app.request(
      '/api/v1/templates',
      { headers: { Authorization: 'Bearer anything' } },
      { ...env, ADMIN_TOKEN: undefined }
    )
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { code: 'admin_not_configured' } })
  })

  it('keeps health and the OpenAPI document public', async () => {
    expect((await api('/healthz')).status).toBe(200)
    expect((await api('/api/v1/openapi.json')).status).toBe(200)
  })
})
