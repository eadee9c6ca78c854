import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { app } from '../src/app'
import {
  api,
  fakeTelegram,
  postTelegram,
  postWebhook,
  TELEGRAM_SECRET,
  telegramText,
  view,
} from './helpers'
import { telegramSays } from './support/telegram'

afterEach(() => vi.unstubAllGlobals())

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code

describe('webhook ingress status matrix', () => {
  it('404s an unknown channel and an unconfigured one', async () => {
    const unknown = await postWebhook('myspace', {})
    expect(unknown.status).toBe(404)
    expect(await errorCode(unknown)).toBe('not_found')
    const unconfigured = await app.request(
      '/webhooks/wecom',
      { method: 'POST', body: '{}' },
      { ...env, WECOM_TOKEN: undefined }
    )
    expect(unconfigured.status).toBe(404)
    expect(await errorCode(unconfigured)).toBe('channel_not_configured')
  })

  it('404s a configured channel whose secrets are removed, and never accepts it unsigned', async () => {
    const bare = { ...env, TELEGRAM_WEBHOOK_SECRET: undefined }
    const res = await app.request(
      '/webhooks/telegram',
      { method: 'POST', body: JSON.stringify(telegramText(1, 'x')) },
      bare
    )
    expect(res.status).toBe(404)
  })

  it('401s a missing, wrong or differently sized secret', async () => {
    const update = telegramText(8001, 'hi')
    expect((await postWebhook('telegram', update)).status).toBe(401)
    for (const secret of ['wrong', `${TELEGRAM_SECRET}x`, TELEGRAM_SECRET.slice(1), '']) {
      const res = await postWebhook('telegram', update, {
        'X-Telegram-Bot-Api-Secret-Token': secret,
      })
      expect(res.status).toBe(401)
    }
    const v = await env.CONVERSATION.getByName('telegram:8001').view()
    expect(v.ok).toBe(false) // nothing stored
  })

  it('400s a malformed body that carries the right secret', async () => {
    for (const body of ['{', '[]', 'null', '{"update_id":"x"}', '']) {
      const res = await postTelegram(body)
      expect(res.status).toBe(400)
      expect(await errorCode(res)).toBe('invalid_body')
    }
  })

  it('413s a body over 1 MB, declared or streamed', async () => {
    const big = JSON.stringify(telegramText(8002, 'x'.repeat(1024 * 1024)))
    const res = await postTelegram(big)
    expect(res.status).toBe(413)
    expect(await errorCode(res)).toBe('payload_too_large')
  })

  it('200s an update type it does not handle, with no effect', async () => {
    const res = await postTelegram({
      update_id: 77,
      my_chat_member: { chat: { id: 8003, type: 'private' } },
    })
    expect(res.status).toBe(200)
    expect((await env.CONVERSATION.getByName('telegram:8003').view()).ok).toBe(false)
  })

  it('200s a good update only once it is stored', async () => {
    fakeTelegram()
    const res = await telegramSays(8004, 'hello')
    expect(res.status).toBe(200)
    expect((await view('telegram:8004')).messages.some((m) => m.text === 'hello')).toBe(true)
  })

  it('answers unknown routes with a JSON 404', async () => {
    const res = await api('/nope')
    expect(res.status).toBe(404)
    expect(await errorCode(res)).toBe('not_found')
  })
})

describe('health and API description', () => {
  it('lists configured and disabled channels publicly', async () => {
    const res = await api('/healthz')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { version: string; channels: Record<string, string> }
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(body.channels).toMatchObject({
      telegram: 'enabled',
      webchat: 'enabled',
      slack: 'enabled',
      wecom: 'enabled',
    })
  })

  it('publishes an OpenAPI document describing every contract route', async () => {
    const res = await api('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      paths: Record<string, Record<string, unknown>>
    }
    expect(doc.openapi).toMatch(/^3\./)
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`)
    )
    expect(routes).toEqual(
      expect.arrayContaining([
        'get /healthz',
        'get /api/v1/templates',
        'get /api/v1/templates/{id}',
        'put /api/v1/templates/{id}',
        'get /api/v1/templates/{id}/versions',
        'post /api/v1/templates/{id}/rollback',
        'post /api/v1/templates/{id}/preview',
        'get /api/v1/flows/{id}',
        'put /api/v1/flows/{id}',
        'get /api/v1/conversations/{key}',
        'post /api/v1/conversations/{key}/messages',
      ])
    )
  })
})
