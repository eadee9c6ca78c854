import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ADMIN, api, drain, postTelegram, postWebhook, telegramText, view } from './helpers'
import { stubPlatform } from './support/platform'
import { slackSigned } from './support/signatures'

const DESK = 'C0DESK0001'
const THREAD = '1700000500.000100'

beforeAll(async () => {
  const res = await api('/api/v1/settings/notifications', {
    method: 'PUT',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({
      teams: { senior: [{ kind: 'slack-desk', channel: DESK }], risk: [], pr: [] },
    }),
  })
  expect(res.status).toBe(200)
})
afterEach(() => vi.unstubAllGlobals())

const slackThreadReply = async (eventId: string, text: string) => {
  const body = JSON.stringify({
    token: 'x',
    team_id: 'T123ABC456',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_600,
    event: {
      type: 'message',
      channel: DESK,
      channel_type: 'channel',
      user: 'U0MIA00001',
      text,
      ts: `1700000600.00${eventId.length}`,
      thread_ts: THREAD,
      team: 'T123ABC456',
    },
  })
  return postWebhook('slack', body, await slackSigned('contract-signing-secret', body))
}

describe("the agents' desk in Slack", () => {
  it('posts the escalation to the desk channel and sends a thread reply to the customer on Telegram, once', async () => {
    const calls: { url: string; body: Record<string, unknown> }[] = []
    stubPlatform((_, input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>
      calls.push({ url, body })
      if (url.endsWith('/chat.postMessage'))
        return Response.json({ ok: true, channel: DESK, ts: THREAD })
      return Response.json({ ok: true, result: { message_id: calls.length } })
    })
    const key = 'telegram:8801'
    await postTelegram(
      telegramText(8801, "This is the THIRD time I'm asking!!! Where is my parcel???")
    )
    await drain(key)
    const desk = calls.find((c) => c.url.endsWith('/chat.postMessage'))
    expect(desk?.body).toMatchObject({ channel: DESK })
    expect((await view(key)).notifications[0]).toMatchObject({
      team: 'senior',
      status: 'delivered',
    })
    const row = await env.DB.prepare('SELECT conversation_key FROM desk_threads WHERE thread = ?')
      .bind(`${DESK}:${THREAD}`)
      .first()
    expect(row).toEqual({ conversation_key: key })

    expect((await slackThreadReply('Ev0DESK1', 'Hi, Mia here - I am on it.')).status).toBe(200)
    expect((await slackThreadReply('Ev0DESK1', 'Hi, Mia here - I am on it.')).status).toBe(200) // Slack retry
    await drain(key)
    const v = await view(key)
    const agent = v.messages.filter((m) => m.author === 'agent')
    expect(agent).toHaveLength(1)
    expect(agent[0]).toMatchObject({
      text: 'Hi, Mia here - I am on it.',
      status: 'sent',
      agent: 'slack:U0MIA00001',
    })
    const toCustomer = calls.filter(
      (c) => c.url.includes('/sendMessage') && c.body.text === 'Hi, Mia here - I am on it.'
    )
    expect(toCustomer).toHaveLength(1)
    expect(v.state).toMatchObject({ owner: 'human', agent: 'slack:U0MIA00001' })
    expect(v.escalation?.firstHandling).toBe('Hi, Mia here - I am on it.')
    // The desk thread did not become a Slack customer conversation.
    expect((await env.CONVERSATION.getByName(`slack:T123ABC456:${DESK}:${THREAD}`).view()).ok).toBe(
      false
    )
  })
})
