import { afterEach, describe, expect, it, vi } from 'vitest'
import type {
  ChannelAdapter,
  InboundEvent,
  ParseResult,
  WebhookRequest,
} from '../../src/channels/types'
import { configured, eventsOf, outboundTo, webhookRequest } from '../../test/support/adapters'
import { GARBAGE_BODIES } from '../../test/support/garbage'
import { type Answer, json, platformStandIn, sentJson } from '../../test/support/platform'
import { slackSigned } from '../../test/support/signatures'
import { MAX_SKEW_SECONDS, signSlack, verifySlackSignature } from './crypto'
import appMention from './fixtures/app-mention.json'
import appRateLimited from './fixtures/app-rate-limited.json'
import blockActionsThread from './fixtures/block-actions-thread.json'
import blockActions from './fixtures/block-actions.json'
import botEcho from './fixtures/bot-echo.json'
import botMessageSubtype from './fixtures/bot-message-subtype.json'
import channelJoin from './fixtures/channel-join.json'
import emoji from './fixtures/emoji.json'
import errorChannelNotFound from './fixtures/error-channel-not-found.json'
import errorFileNotFound from './fixtures/error-file-not-found.json'
import errorInternal from './fixtures/error-internal.json'
import errorInvalidAuth from './fixtures/error-invalid-auth.json'
import errorInvalidBlocks from './fixtures/error-invalid-blocks.json'
import errorMsgTooLong from './fixtures/error-msg-too-long.json'
import errorNotInChannel from './fixtures/error-not-in-channel.json'
import errorRatelimited from './fixtures/error-ratelimited.json'
import fileShareMedia from './fixtures/file-share-media.json'
import fileShare from './fixtures/file-share.json'
import filesInfoOk from './fixtures/files-info-ok.json'
import longText from './fixtures/long-text.json'
import messageChangedUnfurl from './fixtures/message-changed-unfurl.json'
import messageChanged from './fixtures/message-changed.json'
import messageChannelThread from './fixtures/message-channel-thread.json'
import messageDeleted from './fixtures/message-deleted.json'
import messageGroupLinks from './fixtures/message-group-links.json'
import messageIm from './fixtures/message-im.json'
import messageMpim from './fixtures/message-mpim.json'
import vector from './fixtures/official-vector-slash-command.json'
import postMessageOk from './fixtures/post-message-ok.json'
import urlVerification from './fixtures/url-verification.json'
import viewSubmission from './fixtures/view-submission.json'
import {
  MAX_MESSAGE_TEXT,
  classify,
  composeMessages,
  escapeMrkdwn,
  fromMrkdwn,
  retryAfterMs,
  shortLabel,
  splitText,
} from './format'
import { slack } from './index'
import { tsToMs } from './parse'

const SETTINGS = {
  SLACK_SIGNING_SECRET: 'signing-s3cret',
  SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
  SLACK_API_BASE: 'https://slack.test/api',
}
const API = 'https://slack.test/api'
const RECEIVED_AT = 1_700_003_000_000
const NOW_S = String(RECEIVED_AT / 1000)

afterEach(() => vi.unstubAllGlobals())

const request = (
  body: string,
  headers: Record<string, string> = {},
  receivedAt = RECEIVED_AT
): WebhookRequest => webhookRequest('slack', body, headers, receivedAt)

/** A request signed like Slack does, `timestamp` seconds, with `secret`. */
const signed = async (
  body: string,
  {
    timestamp = NOW_S,
    secret = SETTINGS.SLACK_SIGNING_SECRET,
    contentType = 'application/json',
  } = {}
): Promise<WebhookRequest> =>
  request(body, { 'content-type': contentType, ...(await slackSigned(secret, body, timestamp)) })

/** Interactivity bodies are form-encoded: `payload=<json>`. */
const form = (payload: unknown): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString()

/** A fetch fake answering every call with a fresh response from `answer`. */
const fakeFetch = (answer: Answer = () => json(postMessageOk)) => platformStandIn(answer)

const build = (fetchFake: typeof fetch = fakeFetch(), settings: object = SETTINGS) =>
  configured(slack, settings, { fetch: fetchFake })

/** The nth request a fetch fake received, decoded. */
const sent = sentJson

const parseEvents = (adapter: ChannelAdapter, body: string): InboundEvent[] =>
  eventsOf(adapter, request(body))

const parseJson = (adapter: ChannelAdapter, payload: unknown) =>
  parseEvents(adapter, JSON.stringify(payload))

const message = outboundTo('slack', 'slack:T123ABC456:D024BE91L', {
  idempotencyKey: 'outbox-1',
  now: RECEIVED_AT,
  lastInboundAt: RECEIVED_AT,
})

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } })

const ada = { id: 'U2147483697', isBot: false }

describe('slack factory', () => {
  it('returns null without a signing secret or a bot token', () => {
    expect(slack({} as unknown as Env)).toBeNull()
    expect(slack({ ...SETTINGS, SLACK_SIGNING_SECRET: '' } as unknown as Env)).toBeNull()
    expect(slack({ ...SETTINGS, SLACK_BOT_TOKEN: '' } as unknown as Env)).toBeNull()
    expect(slack({ SLACK_BOT_TOKEN: 'xoxb-1' } as unknown as Env)).toBeNull()
  })

  it('builds the slack adapter when both secrets are set', () => {
    expect(slack(SETTINGS as unknown as Env)?.channel).toBe('slack')
  })
})

describe('verify', () => {
  const adapter = build()
  const vectorHeaders = {
    'content-type': 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': vector.timestamp,
    'X-Slack-Signature': vector.signature,
  }
  const vectorAdapter = build(fakeFetch(), {
    ...SETTINGS,
    SLACK_SIGNING_SECRET: vector.signingSecret,
  })
  const vectorRequest = (body = vector.body, headers: Record<string, string> = vectorHeaders) =>
    request(body, headers, Number(vector.timestamp) * 1000)

  it('recomputes the official Slack vector (CHANNELS.md §10 #1)', async () => {
    expect(await signSlack(vector.signingSecret, vector.timestamp, vector.body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'
    )
  })

  it('accepts the official vector with the clock at its timestamp', async () => {
    expect(await vectorAdapter.verify(vectorRequest())).toBe(true)
    const lower = Object.fromEntries(
      Object.entries(vectorHeaders).map(([name, value]) => [name.toLowerCase(), value])
    )
    expect(await vectorAdapter.verify(vectorRequest(vector.body, lower))).toBe(true)
  })

  it('rejects the official vector tampered, re-cased, re-timed or mis-keyed', async () => {
    const tampered = vector.body.replace('text=', 'text=x')
    expect(await vectorAdapter.verify(vectorRequest(tampered))).toBe(false)
    expect(await vectorAdapter.verify(vectorRequest(''))).toBe(false)
    const upper = { ...vectorHeaders, 'X-Slack-Signature': vector.signature.toUpperCase() }
    expect(await vectorAdapter.verify(vectorRequest(vector.body, upper))).toBe(false)
    const retimed = { ...vectorHeaders, 'X-Slack-Request-Timestamp': '1531420619' }
    expect(await vectorAdapter.verify(vectorRequest(vector.body, retimed))).toBe(false)
    expect(await adapter.verify(vectorRequest())).toBe(false)
  })

  it('rejects the official vector outside the 5-minute window, in both directions', async () => {
    const at = (offsetS: number) =>
      request(vector.body, vectorHeaders, (Number(vector.timestamp) + offsetS) * 1000)
    expect(await vectorAdapter.verify(at(MAX_SKEW_SECONDS))).toBe(true)
    expect(await vectorAdapter.verify(at(-MAX_SKEW_SECONDS))).toBe(true)
    expect(await vectorAdapter.verify(at(MAX_SKEW_SECONDS + 1))).toBe(false)
    expect(await vectorAdapter.verify(at(-MAX_SKEW_SECONDS - 1))).toBe(false)
  })

  it('accepts correctly signed JSON events, handshakes and form-encoded interactions', async () => {
    for (const body of [
      JSON.stringify(messageIm),
      JSON.stringify(emoji),
      JSON.stringify(urlVerification),
      form(blockActions),
    ]) {
      expect(await adapter.verify(await signed(body))).toBe(true)
    }
  })

  it('rejects missing, empty, malformed and wrong-secret signatures', async () => {
    const body = JSON.stringify(messageIm)
    const good = await signed(body)
    const without = (name: string) => {
      const headers = new Headers(good.headers)
      headers.delete(name)
      return { ...good, headers }
    }
    expect(await adapter.verify(request(body))).toBe(false)
    expect(await adapter.verify(without('X-Slack-Signature'))).toBe(false)
    expect(await adapter.verify(without('X-Slack-Request-Timestamp'))).toBe(false)
    expect(await adapter.verify(await signed(body, { secret: 'another-secret' }))).toBe(false)
    expect(await adapter.verify(await signed(body, { timestamp: 'soon' }))).toBe(false)
    expect(await adapter.verify(await signed(body, { timestamp: '' }))).toBe(false)
    const empty = new Headers(good.headers)
    empty.set('X-Slack-Signature', '')
    expect(await adapter.verify({ ...good, headers: empty })).toBe(false)
    const bare = new Headers(good.headers)
    bare.set('X-Slack-Signature', String(good.headers.get('X-Slack-Signature')).slice(3))
    expect(await adapter.verify({ ...good, headers: bare })).toBe(false)
  })

  it('rejects a tampered body and stale or future timestamps', async () => {
    const body = JSON.stringify(messageIm)
    const good = await signed(body)
    expect(await adapter.verify({ ...good, body: body.replace('#1042', '#1043') })).toBe(false)
    expect(await adapter.verify({ ...good, body: `${body} ` })).toBe(false)
    const stale = String(RECEIVED_AT / 1000 - MAX_SKEW_SECONDS - 1)
    expect(await adapter.verify(await signed(body, { timestamp: stale }))).toBe(false)
    const future = String(RECEIVED_AT / 1000 + MAX_SKEW_SECONDS + 1)
    expect(await adapter.verify(await signed(body, { timestamp: future }))).toBe(false)
  })

  it('never throws, even on odd inputs', async () => {
    const headers = new Headers({
      'X-Slack-Request-Timestamp': NOW_S,
      'X-Slack-Signature': 'v0=zz',
    })
    const odd = '\u0000\uffff'
    await expect(verifySlackSignature('s', headers, odd, RECEIVED_AT)).resolves.toBe(false)
    const good = await signed('{}')
    const secret = SETTINGS.SLACK_SIGNING_SECRET
    await expect(verifySlackSignature(secret, good.headers, '{}', RECEIVED_AT)).resolves.toBe(true)
    await expect(verifySlackSignature(secret, good.headers, '{}', Number.NaN)).resolves.toBe(false)
    await expect(
      verifySlackSignature('s', null as unknown as Headers, '', RECEIVED_AT)
    ).resolves.toBe(false)
  })
})

describe('parse', () => {
  const adapter = build()

  /** A parsed Slack message: the fields every fixture shares, then the fixture's own. */
  const slackMessage = (fields: Record<string, unknown>) => ({
    type: 'message',
    channel: 'slack',
    attachments: [],
    raw: expect.anything(),
    ...fields,
  })

  it('answers the url_verification handshake with the challenge', async () => {
    const result = adapter.parse(request(JSON.stringify(urlVerification)))
    if (result.kind !== 'handshake') throw new Error(`expected handshake, got ${result.kind}`)
    expect(result.response.status).toBe(200)
    expect(result.response.headers.get('content-type')).toContain('application/json')
    expect(await result.response.json()).toEqual({ challenge: urlVerification.challenge })
  })

  it.each<[string, unknown, Record<string, unknown>]>([
    [
      'maps a direct message',
      messageIm,
      {
        conversationKey: 'slack:T123ABC456:D024BE91L',
        externalId: 'event:Ev06ABCDEF01',
        platformMessageId: '1700000000.000100',
        sender: ada,
        sentAt: 1_700_000_000_000,
        text: 'Where is my order #1042?',
        raw: messageIm.event,
      },
    ],
    [
      'keys a thread reply by its thread_ts',
      messageChannelThread,
      {
        conversationKey: 'slack:T123ABC456:C0SUPPORT01:1700000300.000300',
        externalId: 'event:Ev06ABCDEF02',
        platformMessageId: '1700000400.000400',
        sender: { id: 'U0GRACE0001', isBot: false },
        sentAt: 1_700_000_400_000,
        text: 'Any update on the refund?',
      },
    ],
    [
      'turns mrkdwn in a private channel into plain text',
      messageGroupLinks,
      {
        conversationKey: 'slack:T123ABC456:G0PRIVATE01',
        externalId: 'event:Ev06ABCDEF03',
        platformMessageId: '1700000500.000500',
        sender: ada,
        sentAt: 1_700_000_500_000,
        text:
          '@U0BOT00001 order <#1042> & #1043 — see shop.example/orders/1042 and ' +
          'https://shop.example/faq, cc @here #support',
      },
    ],
    [
      'maps a group DM (mpim)',
      messageMpim,
      {
        conversationKey: 'slack:T123ABC456:C0MPIM00001',
        externalId: 'event:Ev06ABCDEF04',
        platformMessageId: '1700000600.000600',
        sender: { id: 'U0GRACE0001', isBot: false },
        sentAt: 1_700_000_600_000,
        text: 'We both ordered, can you merge shipping?',
      },
    ],
    [
      'maps shared files to attachments, skipping deleted ones',
      fileShare,
      {
        conversationKey: 'slack:T123ABC456:D024BE91L',
        externalId: 'event:Ev06ABCDEF05',
        platformMessageId: '1700000700.000700',
        sender: ada,
        sentAt: 1_700_000_700_000,
        text: 'The box arrived crushed',
        attachments: [
          {
            kind: 'image',
            ref: 'F06PHOTO001',
            mimeType: 'image/jpeg',
            name: 'IMG_0042.jpg',
            size: 1843221,
          },
          {
            kind: 'file',
            ref: 'F06INVOICE1',
            mimeType: 'application/pdf',
            name: 'invoice-1042.pdf',
            size: 48213,
          },
        ],
      },
    ],
    [
      'maps audio and video clips without text',
      fileShareMedia,
      {
        conversationKey: 'slack:T123ABC456:D024BE91L',
        externalId: 'event:Ev06ABCDEF06',
        platformMessageId: '1700000800.000800',
        sender: ada,
        sentAt: 1_700_000_800_000,
        text: '',
        attachments: [
          {
            kind: 'audio',
            ref: 'F06AUDIO001',
            mimeType: 'audio/mp4',
            name: 'audio_message.m4a',
            size: 91234,
          },
          {
            kind: 'video',
            ref: 'F06VIDEO001',
            mimeType: 'video/mp4',
            name: 'unboxing.mp4',
            size: 5123456,
          },
        ],
      },
    ],
    [
      'names the sender from user_profile and keeps emoji intact',
      emoji,
      {
        conversationKey: 'slack:T123ABC456:D0CLAIRE001',
        externalId: 'event:Ev06ABCDEF14',
        platformMessageId: '1700001500.001600',
        sender: { id: 'U0CLAIRE001', name: 'claire', isBot: false },
        sentAt: 1_700_001_500_001,
        text: 'Merci 🙏 le colis est arrivé 📦👍🏽 👩‍👩‍👧 :tada:',
      },
    ],
  ])('%s', (_, payload, fields) => {
    expect(parseJson(adapter, payload)).toEqual([slackMessage(fields)])
  })

  it('keeps a thread parent (thread_ts equal to ts) in the channel conversation', () => {
    const parent = {
      ...messageChannelThread,
      event: { ...messageChannelThread.event, thread_ts: messageChannelThread.event.ts },
    }
    expect(parseJson(adapter, parent)[0]?.conversationKey).toBe('slack:T123ABC456:C0SUPPORT01')
  })

  it('maps message_changed to an edit of the original ts', () => {
    expect(parseJson(adapter, messageChanged)).toEqual([
      {
        type: 'edit',
        channel: 'slack',
        conversationKey: 'slack:T123ABC456:D024BE91L',
        externalId: 'event:Ev06ABCDEF07',
        platformMessageId: '1700000000.000100',
        sender: ada,
        sentAt: 1_700_000_065_000,
        text: 'Where is my order #1043?',
        raw: messageChanged.event,
      },
    ])
  })

  it('keys an edit of a thread reply by its thread', () => {
    const inThread = {
      ...messageChanged,
      event: {
        ...messageChanged.event,
        message: { ...messageChanged.event.message, thread_ts: '1699999000.000001' },
      },
    }
    expect(parseJson(adapter, inThread)[0]?.conversationKey).toBe(
      'slack:T123ABC456:D024BE91L:1699999000.000001'
    )
  })

  it('ignores message_changed without a text change (unfurls), and bot edits', () => {
    expect(parseJson(adapter, messageChangedUnfurl)).toEqual([])
    const botEdit = {
      ...messageChanged,
      event: {
        ...messageChanged.event,
        message: { ...messageChanged.event.message, bot_id: 'B0BOT00001' },
      },
    }
    expect(parseJson(adapter, botEdit)).toEqual([])
  })

  it('ignores deletions, joins, our own echoes, other bots and app mentions', () => {
    for (const payload of [messageDeleted, channelJoin, botEcho, botMessageSubtype, appMention]) {
      expect(parseJson(adapter, payload)).toEqual([])
    }
  })

  it('ignores app_rate_limited and unknown envelope or channel types', () => {
    expect(parseJson(adapter, appRateLimited)).toEqual([])
    expect(parseJson(adapter, { type: 'something_new', team_id: 'T1' })).toEqual([])
    const appHome = { ...messageIm, event: { ...messageIm.event, channel_type: 'app_home' } }
    expect(parseJson(adapter, appHome)).toEqual([])
  })

  it('keeps a 4000-character text whole, unescaped', () => {
    const [event] = parseJson(adapter, longText)
    expect(event).toEqual(
      slackMessage({
        conversationKey: 'slack:T123ABC456:D024BE91L',
        externalId: 'event:Ev06ABCDEF15',
        platformMessageId: '1700001800.001900',
        sender: ada,
        sentAt: 1_700_001_800_001,
        text: expect.stringMatching(/^Hello, I ordered the blue kettle \(order #1042\) & .*<sigh>/),
      })
    )
    expect(event?.type === 'message' && event.text).toHaveLength(4000)
  })

  it('maps a form-encoded button press to an action, answered with an empty 200', async () => {
    const result = adapter.parse(request(form(blockActions)))
    if (result.kind !== 'events') throw new Error(`expected events, got ${result.kind}`)
    expect(result.events).toEqual([
      {
        type: 'action',
        channel: 'slack',
        conversationKey: 'slack:T123ABC456:D024BE91L',
        externalId: 'action:6212345678901.1234567890123.0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        sender: { id: 'U2147483697', name: 'ada', isBot: false },
        sentAt: 1_700_001_650_123,
        actionId: 'returns',
        label: 'Returns',
        raw: blockActions,
      },
    ])
    const ack = result.ack?.()
    expect(ack?.status).toBe(200)
    expect(await ack?.text()).toBe('')
  })

  it('keys a button press in a thread by the thread', () => {
    expect(parseEvents(adapter, form(blockActionsThread))).toEqual([
      {
        type: 'action',
        channel: 'slack',
        conversationKey: 'slack:T123ABC456:C0SUPPORT01:1700000300.000300',
        externalId: 'action:6212345678902.1234567890123.99aa88bb77cc66dd55ee44ff33001122',
        sender: { id: 'U0GRACE0001', name: 'grace', isBot: false },
        sentAt: 1_700_001_750_654,
        actionId: 'yes',
        label: 'Yes 👍',
        raw: expect.anything(),
      },
    ])
  })

  it('falls back to message_ts:action_ts and action_id without trigger_id and value', () => {
    const { trigger_id: _trigger, ...noTrigger } = blockActions
    const [pressed] = blockActions.actions
    if (!pressed) throw new Error('fixture without actions')
    const { value: _value, ...noValue } = pressed
    const [event] = parseEvents(adapter, form({ ...noTrigger, actions: [noValue] }))
    expect(event).toMatchObject({
      type: 'action',
      externalId: 'action:1700001600.001700:1700001650.123456',
      actionId: 'btn:1',
    })
  })

  it('gives each of several actions in one payload its own externalId', () => {
    const action = blockActions.actions[0]
    const other = { ...action, value: 'track', action_id: 'btn:0' }
    const two = { ...blockActions, actions: [action, other] }
    expect(parseEvents(adapter, form(two)).map((e) => e.externalId)).toEqual([
      `action:${blockActions.trigger_id}`,
      `action:${blockActions.trigger_id}:1`,
    ])
  })

  it('gives no events for presses outside a message, other interactions and slash commands', () => {
    const container = { type: 'view', view_id: 'V0VIEW00001' }
    const inModal = { ...blockActions, container, channel: undefined }
    expect(parseEvents(adapter, form(inModal))).toEqual([])
    const submission = adapter.parse(request(form(viewSubmission)))
    expect(submission).toMatchObject({ kind: 'events', events: [] })
    const command = adapter.parse(request(vector.body))
    expect(command).toMatchObject({ kind: 'events', events: [] })
    expect(command.kind === 'events' && command.ack?.().status).toBe(200)
  })

  it('rejects malformed envelopes and payloads', () => {
    const kinds = (body: string) => adapter.parse(request(body))
    expect(kinds('{"type":"event_callback","team_id":"T1"}')).toMatchObject({ kind: 'invalid' })
    const noTeam = '{"type":"event_callback","event_id":"Ev1","event":{}}'
    expect(kinds(noTeam)).toMatchObject({ kind: 'invalid' })
    expect(kinds('{"type":"url_verification"}')).toMatchObject({ kind: 'invalid' })
    expect(kinds('payload=%7Bnot-json')).toMatchObject({ kind: 'invalid' })
    expect(kinds(form({ type: 'block_actions', user: {} }))).toMatchObject({ kind: 'invalid' })
    expect(kinds(form(['block_actions']))).toMatchObject({ kind: 'invalid' })
  })

  it.each([...GARBAGE_BODIES, '42', `{"type":${'['.repeat(5000)}`, 'payload=%E0%A4%A'])(
    'rejects the garbage body %j without throwing',
    (body) => {
      let result: ParseResult | undefined
      expect(() => {
        result = adapter.parse(request(body))
      }).not.toThrow()
      expect(result?.kind).toBe('invalid')
    }
  )

  it('converts Slack timestamps to milliseconds', () => {
    expect(tsToMs('1355517523.000005')).toBe(1_355_517_523_000)
    expect(tsToMs('1700001650.123456')).toBe(1_700_001_650_123)
    expect(tsToMs('1700001650')).toBe(1_700_001_650_000)
    expect(tsToMs('1700001650.5')).toBe(1_700_001_650_500)
    expect(tsToMs('x')).toBeUndefined()
    expect(tsToMs(1700001650)).toBeUndefined()
  })
})

describe('send', () => {
  it('posts chat.postMessage with escaped mrkdwn, fallback text and native buttons', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'track', label: 'Track order' },
      { id: 'returns', label: 'Returns' },
    ]
    const result = await build(fetchFake).send(message('Hello <b> & *bold* _x_', { buttons }))
    expect(result).toEqual({ ok: true, externalId: '1700002000.002100' })
    expect(fetchFake).toHaveBeenCalledTimes(1)
    expect(sent(fetchFake)).toEqual({
      url: `${API}/chat.postMessage`,
      method: 'POST',
      authorization: 'Bearer xoxb-1234-5678-abcdef',
      contentType: 'application/json; charset=utf-8',
      body: {
        channel: 'D024BE91L',
        text: 'Hello &lt;b&gt; &amp; *bold* _x_',
        blocks: [
          section('Hello &lt;b&gt; &amp; *bold* _x_'),
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                text: { type: 'plain_text', text: 'Track order', emoji: true },
                action_id: 'btn:0',
                value: 'track',
              },
              {
                type: 'button',
                text: { type: 'plain_text', text: 'Returns', emoji: true },
                action_id: 'btn:1',
                value: 'returns',
              },
            ],
          },
        ],
      },
    })
  })

  it('replies in the thread of a thread conversation', async () => {
    const fetchFake = fakeFetch()
    const to = {
      channel: 'slack' as const,
      conversationKey: 'slack:T123ABC456:C0SUPPORT01:1700000300.000300',
    }
    await build(fetchFake).send(message('Refund is on its way', { to }))
    expect(sent(fetchFake).body).toEqual({
      channel: 'C0SUPPORT01',
      thread_ts: '1700000300.000300',
      text: 'Refund is on its way',
      blocks: [section('Refund is on its way')],
    })
  })

  it('trims a trailing slash from the API base and defaults to slack.com/api', async () => {
    const slashed = fakeFetch()
    const trailing = { ...SETTINGS, SLACK_API_BASE: 'https://slack.test/api/' }
    await build(slashed, trailing).send(message('hi'))
    expect(sent(slashed).url).toBe(`${API}/chat.postMessage`)
    const fallback = fakeFetch()
    const { SLACK_API_BASE: _base, ...secretsOnly } = SETTINGS
    await build(fallback, secretsOnly).send(message('hi'))
    expect(sent(fallback).url).toBe('https://slack.com/api/chat.postMessage')
  })

  it('splits a 7500-character text into 3 messages with the buttons under the last', async () => {
    const fetchFake = fakeFetch((call) =>
      json({ ok: true, channel: 'D024BE91L', ts: `1700002000.00000${call}` })
    )
    const text = 'abcd '.repeat(1500)
    const buttons = [{ id: 'yes', label: 'Yes' }]
    const result = await build(fetchFake).send(message(text, { buttons }))
    expect(result).toEqual({ ok: true, externalId: '1700002000.000002' })
    expect(fetchFake).toHaveBeenCalledTimes(3)
    const bodies = [0, 1, 2].map((index) => sent(fetchFake, index).body)
    const chunks = bodies.map((body) => String(body.text))
    for (const [index, body] of bodies.entries()) {
      expect(String(body.text).length).toBeLessThanOrEqual(3000)
      expect((body.blocks as unknown[])[0]).toEqual(section(chunks[index] as string))
    }
    expect(chunks.join(' ')).toBe(text)
    expect(bodies.map((body) => (body.blocks as unknown[]).length)).toEqual([1, 1, 2])
  })

  it('never cuts an escaped entity or a surrogate pair when splitting', () => {
    const ampersands = composeMessages('&'.repeat(1000)).map((part) => part.text)
    expect(ampersands.join('')).toBe('&amp;'.repeat(1000))
    for (const chunk of ampersands) {
      expect(chunk.length).toBeLessThanOrEqual(MAX_MESSAGE_TEXT)
      expect(chunk).toMatch(/^(&amp;)+$/)
    }
    const emojis = composeMessages(`a${'😀'.repeat(2000)}`).map((part) => part.text)
    expect(emojis.map((chunk) => chunk.length)).toEqual([2999, 1002])
    for (const chunk of emojis) expect(chunk.isWellFormed()).toBe(true)
  })

  it('degrades more than 25 buttons to a numbered list in the text', async () => {
    const fetchFake = fakeFetch()
    const buttons = Array.from({ length: 26 }, (_, i) => ({ id: `b${i}`, label: `Option ${i}` }))
    await build(fetchFake).send(message('Pick one', { buttons }))
    const { body } = sent(fetchFake)
    const list = buttons.map((b, i) => `${i + 1}. ${b.label}`).join('\n')
    expect(body.text).toBe(`Pick one\n\n${list}`)
    expect(body.blocks).toEqual([section(`Pick one\n\n${list}`)])
  })

  it('degrades buttons whose id cannot be a button value, and escapes the list', () => {
    const parts = composeMessages('', [
      { id: 'x'.repeat(2001), label: 'Too <long>' },
      { id: 'ok', label: ' ' },
    ])
    const list = '1. Too &lt;long&gt;\n2. ok'
    expect(parts).toEqual([{ text: list, blocks: [section(list)] }])
  })

  it('shortens labels over 75 characters and sends a placeholder for empty text', async () => {
    const fetchFake = fakeFetch()
    const label = `${'L'.repeat(73)}😀 tail`
    await build(fetchFake).send(message('  ', { buttons: [{ id: 'long', label }] }))
    const { body } = sent(fetchFake)
    expect(body.text).toBe('…')
    const [, actions] = body.blocks as [unknown, { elements: { text: { text: string } }[] }]
    expect(actions.elements[0]?.text.text).toBe(`${'L'.repeat(73)}…`)
  })

  it('fails without a request for a conversation key of another channel or shape', async () => {
    const fetchFake = fakeFetch()
    const keys = ['telegram:111', 'slack:T1', 'slack:T1:C1:notats', 'slack:T1:C 1']
    for (const conversationKey of keys) {
      const to = { channel: 'slack' as const, conversationKey }
      const result = await build(fetchFake).send(message('hi', { to }))
      expect(result).toMatchObject({ ok: false, retryable: false })
    }
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('classifies HTTP 429 as retryable after Retry-After seconds', async () => {
    const answer = () => json(errorRatelimited, 429, { 'Retry-After': '7' })
    expect(await build(fakeFetch(answer)).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 7000,
      reason: 'ratelimited',
    })
  })

  it('stops at the first failed part', async () => {
    const fetchFake = fakeFetch((call) =>
      call === 0 ? json(postMessageOk) : json(errorRatelimited, 429, { 'Retry-After': '30' })
    )
    const result = await build(fetchFake).send(message('x'.repeat(9000)))
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 })
    expect(fetchFake).toHaveBeenCalledTimes(2)
  })

  it('classifies transient Slack errors and 5xx as retryable', async () => {
    expect(await build(fakeFetch(() => json(errorInternal))).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'internal_error',
    })
    const html = () => new Response('<html>Service Unavailable</html>', { status: 503 })
    expect(await build(fakeFetch(html)).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 503',
    })
  })

  it.each([
    [errorChannelNotFound, 'channel_not_found'],
    [errorNotInChannel, 'not_in_channel'],
    [errorInvalidAuth, 'invalid_auth'],
    [errorMsgTooLong, 'msg_too_long'],
    [
      errorInvalidBlocks,
      'invalid_blocks: [ERROR] must be less than 3001 characters ' +
        '[json-pointer:/blocks/0/text/text]',
    ],
  ])('classifies %j (HTTP 200) as final', async (answer, reason) => {
    expect(await build(fakeFetch(() => json(answer))).send(message('hi'))).toEqual({
      ok: false,
      retryable: false,
      reason,
    })
  })

  it('classifies a thrown fetch as retryable, without leaking the token', async () => {
    const reset = fakeFetch(() => Promise.reject(new Error('connection reset')))
    expect(await build(reset).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: connection reset',
    })
    const leak = new Error(`bad header Bearer ${SETTINGS.SLACK_BOT_TOKEN}`)
    const leaky = fakeFetch(() => Promise.reject(leak))
    const result = await build(leaky).send(message('hi'))
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain(SETTINGS.SLACK_BOT_TOKEN)
  })
})

describe('format', () => {
  it('escapes only & < >', () => {
    expect(escapeMrkdwn(`<a href="x">Tom & 'Jerry' *b*</a>`)).toBe(
      `&lt;a href="x"&gt;Tom &amp; 'Jerry' *b*&lt;/a&gt;`
    )
  })

  it('reads inbound mrkdwn back as plain text', () => {
    expect(fromMrkdwn('a &amp;lt; b &lt;&gt;')).toBe('a &lt; b <>')
    expect(fromMrkdwn('<@U123> <@U123|ada> <#C1> <!channel> <!subteam^S1|@support>')).toBe(
      '@U123 @ada #C1 @channel @support'
    )
    expect(fromMrkdwn('<mailto:a@b.co|a@b.co> <https://x.y/?a=1&amp;b=2>')).toBe(
      'a@b.co https://x.y/?a=1&b=2'
    )
  })

  it('prefers a newline, then a space, near the limit', () => {
    expect(splitText('aaaa\nbbb ccc', 10)).toEqual(['aaaa\nbbb', 'ccc'])
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)])
    expect(splitText('aaaaaaaa&amp;b', 10)).toEqual(['aaaaaaaa', '&amp;b'])
    expect(splitText('   ')).toEqual([])
    expect(splitText('x'.repeat(3000))).toEqual(['x'.repeat(3000)])
  })

  it('shortens labels without splitting a surrogate pair', () => {
    expect(shortLabel('short')).toBe('short')
    expect(shortLabel('y'.repeat(75))).toBe('y'.repeat(75))
    expect(shortLabel('y'.repeat(76))).toBe(`${'y'.repeat(74)}…`)
  })

  it('reads Retry-After seconds, defaulting to one second', () => {
    expect(retryAfterMs('7')).toBe(7000)
    expect(retryAfterMs(' 2 ')).toBe(2000)
    expect(retryAfterMs(null)).toBe(1000)
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(1000)
    expect(classify(200, errorRatelimited, null)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 1000,
      reason: 'ratelimited',
    })
    expect(classify(404, null, null)).toEqual({ ok: false, retryable: false, reason: 'HTTP 404' })
  })
})

describe('fetchMedia', () => {
  const TOKEN = SETTINGS.SLACK_BOT_TOKEN
  const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n')
  const invoice = { kind: 'file' as const, ref: 'F06INVOICE1' }
  const download = (status = 200, type = 'application/pdf') =>
    new Response(status === 200 ? PDF : null, { status, headers: { 'content-type': type } })
  const calls = (fetchFake: ReturnType<typeof fakeFetch>) =>
    fetchFake.mock.calls.map(([input, init]) => ({
      url: String(input),
      method: init?.method,
      authorization: new Headers(init?.headers).get('authorization'),
    }))
  const fetchMedia = (fetchFake: typeof fetch) => {
    const adapter = build(fetchFake)
    if (!adapter.fetchMedia) throw new Error('no fetchMedia')
    return adapter.fetchMedia.bind(adapter)
  }

  it('asks files.info for the private URL, then downloads it with the bot token', async () => {
    const fetchFake = fakeFetch((call) => (call === 0 ? json(filesInfoOk) : download()))
    const result = await fetchMedia(fetchFake)(invoice)
    expect(calls(fetchFake)).toEqual([
      {
        url: `${API}/files.info?file=F06INVOICE1`,
        method: 'GET',
        authorization: `Bearer ${TOKEN}`,
      },
      {
        url: filesInfoOk.file.url_private_download,
        method: 'GET',
        authorization: `Bearer ${TOKEN}`,
      },
    ])
    if (!result.ok) throw new Error(result.reason)
    expect(result).toMatchObject({ mimeType: 'application/pdf', name: 'invoice-1042.pdf' })
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(PDF)
  })

  it('falls back to url_private when there is no download URL', async () => {
    const { url_private_download: _, ...file } = filesInfoOk.file
    const fetchFake = fakeFetch((call) =>
      call === 0 ? json({ ...filesInfoOk, file }) : download()
    )
    expect(await fetchMedia(fetchFake)(invoice)).toMatchObject({ ok: true })
    expect(calls(fetchFake)[1]?.url).toBe(filesInfoOk.file.url_private)
  })

  it('fills size from the event, and refuses a file declared over 20 MB without downloading', async () => {
    const [event] = parseJson(build(), fileShare)
    const attachments = event?.type === 'message' ? event.attachments : []
    expect(attachments.map((a) => a.size)).toEqual([1843221, 48213])
    const huge = { ...filesInfoOk, file: { ...filesInfoOk.file, size: 20 * 1024 * 1024 + 1 } }
    const fetchFake = fakeFetch(() => json(huge))
    expect(await fetchMedia(fetchFake)(invoice)).toEqual({
      ok: false,
      retryable: false,
      tooLarge: true,
      reason: 'file is 20971521 bytes',
    })
    expect(fetchFake).toHaveBeenCalledTimes(1)
  })

  it('retries when files.info is rate limited (HTTP 429 or ratelimited with 200) or the download fails with 5xx', async () => {
    const limited = fakeFetch(() => json(errorRatelimited, 429, { 'retry-after': '30' }))
    expect(await fetchMedia(limited)(invoice)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 30_000,
      reason: 'files.info: ratelimited',
    })
    const in200 = fakeFetch(() => json(errorRatelimited))
    expect(await fetchMedia(in200)(invoice)).toMatchObject({ ok: false, retryable: true })
    const cdn = fakeFetch((call) => (call === 0 ? json(filesInfoOk) : download(503)))
    expect(await fetchMedia(cdn)(invoice)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download answered 503',
    })
  })

  it('gives up on a missing file (error with HTTP 200) and on a sign-in page instead of the file', async () => {
    const missing = fakeFetch(() => json(errorFileNotFound))
    expect(await fetchMedia(missing)(invoice)).toEqual({
      ok: false,
      retryable: false,
      reason: 'files.info: file_not_found',
    })
    expect(missing).toHaveBeenCalledTimes(1)
    const signIn = fakeFetch((call) =>
      call === 0
        ? json(filesInfoOk)
        : new Response('<!DOCTYPE html><html>', {
            headers: { 'content-type': 'text/html; charset=utf-8' },
          })
    )
    expect(await fetchMedia(signIn)(invoice)).toMatchObject({ ok: false, retryable: false })
  })

  it('never leaks the token', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error(`bad header ${TOKEN}`)))
    const result = await fetchMedia(leaky)(invoice)
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(!result.ok && result.reason).not.toContain(TOKEN)
  })
})
