import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChannelAdapter, InboundEvent, WebhookRequest } from '../../src/channels/types'
import { configured, eventsOf, outboundTo, webhookRequest } from '../../test/support/adapters'
import { GARBAGE_BODIES } from '../../test/support/garbage'
import {
  type Answer,
  type FetchFake,
  json,
  platformStandIn,
  sentJson,
  sentRequest,
} from '../../test/support/platform'
import { lineSigned } from '../../test/support/signatures'
import { retryKey, signBody, uuidV5 } from './crypto'
import audioVideo from './fixtures/audio-video.json'
import error400InvalidToken from './fixtures/error-400-invalid-reply-token.json'
import error400Validation from './fixtures/error-400-validation.json'
import error401 from './fixtures/error-401.json'
import error409 from './fixtures/error-409-retry-key.json'
import error429 from './fixtures/error-429.json'
import error429Monthly from './fixtures/error-429-monthly-limit.json'
import error500 from './fixtures/error-500.json'
import fileMessage from './fixtures/file.json'
import follow from './fixtures/follow.json'
import groupEmoji from './fixtures/group-emoji.json'
import image from './fixtures/image.json'
import longText from './fixtures/long-text.json'
import multipleEvents from './fixtures/multiple-events.json'
import postback from './fixtures/postback.json'
import postbackRichMenu from './fixtures/postback-rich-menu.json'
import pushOk from './fixtures/push-ok.json'
import redelivery from './fixtures/redelivery.json'
import replyOk from './fixtures/reply-ok.json'
import standby from './fixtures/standby.json'
import textMessage from './fixtures/text-message.json'
import verifyBody from './fixtures/verify.json'
import { classify, numberedList, quickReply, splitText, textMessages, truncate } from './format'
import { line } from './index'

const SECRET = 'line-s3cret'
const TOKEN = 'line-access-token-XYZ'
const SETTINGS = {
  LINE_CHANNEL_SECRET: SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
  LINE_API_BASE: 'https://line.test',
}
const RECEIVED_AT = 1_700_009_999_000
const NOW = 1_700_000_030_000
const ADA = 'Uf5cb405ccffe6ee8519d59e9632f31d3'
const GRACE = 'U295a3853bae1e9eab8fac3aee33cf89e'
const GROUP = 'Cd6fc36bc6bcbe1fc52b8c424276b8e72'
const ROOM = 'R298b90181d227e2d66d16c42d91b0e2e'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

// Official vectors (CHANNELS.md §10 #2 and #3): line-bot-sdk-nodejs validate-signature.spec.ts
// and middleware.spec.ts. The second body is hashed as UTF-8, emoji included.
const VECTOR_2 = {
  secret: 'test_secret',
  body: '{"hello":"world"}',
  signature: 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=',
}
const VECTOR_3 = {
  secret: 'test_channel_secret',
  body: [
    '{"events":[{"message":{"id":"test_event_message_id",',
    '"text":"this is test message.😄😅😢😞😄😅😢😞","quoteToken":"test_quote_token","type":"text"},',
    '"replyToken":"test_reply_token","source":{"groupId":"test_group_id","type":"group"},',
    '"webhookEventId":"test_webhook_event_id","deliveryContext":{"isRedelivery":false},',
    '"timestamp":0,"mode":"active","type":"message"}],"destination":"Uaaaabbbbccccddddeeeeffff"}',
  ].join(''),
  signature: 'eRdWYcVCzZV3MVZ3M9/rHJCl/a3oSbsRb04cLovpVwM=',
}

const GARBAGE = [...GARBAGE_BODIES, '42', '{"events":{}}']

afterEach(() => vi.unstubAllGlobals())

const request = (body: string, headers: Record<string, string> = {}): WebhookRequest =>
  webhookRequest('line', body, headers, RECEIVED_AT)

const signed = async (body: string, secret = SECRET): Promise<WebhookRequest> =>
  request(body, {
    'content-type': 'application/json; charset=utf-8',
    ...(await lineSigned(secret, body)),
  })

/** A fetch fake answering every call with a fresh response from `answer`. */
const fakeFetch = (answer: Answer = () => json(pushOk)) => platformStandIn(answer)

const build = (fetchFake: typeof fetch = fakeFetch(), settings: object = SETTINGS) =>
  configured(line, settings, { fetch: fetchFake })

/** The nth request a fetch fake received, decoded, with LINE's retry key. */
const sent = (fetchFake: FetchFake, index = 0) => ({
  ...sentJson(fetchFake, index),
  retryKey: sentRequest(fetchFake, index).headers.get('x-line-retry-key'),
})

const messagesOf = (fetchFake: FetchFake, index = 0) =>
  sent(fetchFake, index).body.messages as { type: string; text: string; quickReply?: unknown }[]

const parseEvents = (adapter: ChannelAdapter, payload: unknown): InboundEvent[] =>
  eventsOf(adapter, request(JSON.stringify(payload)))

const message = outboundTo('line', `line:${ADA}`, {
  idempotencyKey: '41',
  now: NOW,
  lastInboundAt: NOW - 60_000,
})

const fresh = (at = NOW - 10_000) => ({
  to: {
    channel: 'line' as const,
    conversationKey: `line:${ADA}`,
    replyHandle: 'reply-token-1',
    replyHandleAt: at,
  },
})

const FIXTURES = {
  audioVideo,
  fileMessage,
  follow,
  groupEmoji,
  image,
  longText,
  multipleEvents,
  postback,
  postbackRichMenu,
  redelivery,
  standby,
  textMessage,
  verifyBody,
}

describe('line factory', () => {
  it('returns null without the channel secret or the access token', () => {
    expect(line({} as unknown as Env)).toBeNull()
    expect(line({ ...SETTINGS, LINE_CHANNEL_SECRET: '' } as unknown as Env)).toBeNull()
    expect(line({ ...SETTINGS, LINE_CHANNEL_ACCESS_TOKEN: '' } as unknown as Env)).toBeNull()
    expect(line({ LINE_CHANNEL_SECRET: SECRET } as unknown as Env)).toBeNull()
  })

  it('builds the line adapter when both secrets are set', () => {
    expect(line(SETTINGS as unknown as Env)?.channel).toBe('line')
  })
})

describe('verify', () => {
  const withSecret = (secret: string) =>
    build(fakeFetch(), { ...SETTINGS, LINE_CHANNEL_SECRET: secret })

  it('accepts official vector #2 ({"hello":"world"})', async () => {
    expect(await signBody(VECTOR_2.secret, VECTOR_2.body)).toBe(VECTOR_2.signature)
    const req = request(VECTOR_2.body, { 'x-line-signature': VECTOR_2.signature })
    expect(await withSecret(VECTOR_2.secret).verify(req)).toBe(true)
  })

  it('accepts official vector #3 (emoji body hashed as UTF-8)', async () => {
    expect(await signBody(VECTOR_3.secret, VECTOR_3.body)).toBe(VECTOR_3.signature)
    const req = request(VECTOR_3.body, { 'X-Line-Signature': VECTOR_3.signature })
    expect(await withSecret(VECTOR_3.secret).verify(req)).toBe(true)
  })

  it('rejects the official vectors with a tampered body or the other secret', async () => {
    const tampered = VECTOR_3.body.replace('😄', '😅')
    const adapter = withSecret(VECTOR_3.secret)
    const forged = request(tampered, { 'x-line-signature': VECTOR_3.signature })
    expect(await adapter.verify(forged)).toBe(false)
    const other = request(VECTOR_2.body, { 'x-line-signature': VECTOR_2.signature })
    expect(await adapter.verify(other)).toBe(false)
  })

  it.each(Object.entries(FIXTURES))('accepts the correctly signed fixture %s', async (_, body) => {
    expect(await build().verify(await signed(JSON.stringify(body)))).toBe(true)
  })

  it('rejects wrong-secret, unsigned, empty, tampered and mangled signatures', async () => {
    const adapter = build()
    const body = JSON.stringify(textMessage)
    const good = await signBody(SECRET, body)
    expect(await adapter.verify(await signed(body, 'another-secret'))).toBe(false)
    expect(await adapter.verify(request(body))).toBe(false)
    expect(await adapter.verify(request(body, { 'x-line-signature': '' }))).toBe(false)
    expect(await adapter.verify(request(`${body} `, { 'x-line-signature': good }))).toBe(false)
    expect(await adapter.verify(request(body, { 'x-line-signature': good.toLowerCase() }))).toBe(
      false
    )
    expect(await adapter.verify(request(body, { 'x-line-signature': good.slice(0, -1) }))).toBe(
      false
    )
    expect(await adapter.verify(request('', { 'x-line-signature': good }))).toBe(false)
  })

  it('has no replay window: LINE signs no timestamp (dedupe is by webhookEventId)', async () => {
    const req = await signed(JSON.stringify(textMessage))
    expect(await build().verify({ ...req, receivedAt: RECEIVED_AT + 365 * 24 * 3600_000 })).toBe(
      true
    )
  })

  it('never throws on garbage, signed or not', async () => {
    const adapter = build()
    for (const body of GARBAGE) {
      await expect(adapter.verify(request(body))).resolves.toBe(false)
      await expect(adapter.verify(await signed(body))).resolves.toBe(true)
    }
  })
})

describe('parse', () => {
  const adapter = build()
  const ada = { id: ADA, isBot: false }

  /** A parsed LINE message: the fields every fixture shares, then the fixture's own. */
  const lineMessage = (fields: Record<string, unknown>) => ({
    type: 'message',
    channel: 'line',
    attachments: [],
    raw: expect.anything(),
    ...fields,
  })

  /** A parsed LINE postback: the fields every fixture shares, then the fixture's own. */
  const lineAction = (fields: Record<string, unknown>) => ({
    type: 'action',
    channel: 'line',
    raw: expect.anything(),
    ...fields,
  })

  it.each<[string, unknown, unknown[]]>([
    [
      'maps a one-to-one text message with its reply token',
      textMessage,
      [
        lineMessage({
          conversationKey: `line:${ADA}`,
          externalId: 'event:01JD3Q8ZK4T6V9W2Y5B7C0D1E2',
          platformMessageId: '509283746123456789',
          sender: ada,
          sentAt: 1_700_000_000_000,
          replyHandle: '7f1e2d3c4b5a69788796a5b4c3d2e1f0',
          text: 'Where is my order #1042?',
          raw: textMessage.events[0],
        }),
      ],
    ],
    [
      'keys a group message by the group and keeps emoji, LINE emoji and mentions as text',
      groupEmoji,
      [
        lineMessage({
          conversationKey: `line:${GROUP}`,
          externalId: 'event:01JD3Q9A1B2C3D4E5F6G7H8J9K',
          platformMessageId: '509283746123456790',
          sender: { id: GRACE, isBot: false },
          sentAt: 1_700_000_100_000,
          replyHandle: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
          text: '@Shop Bot Merci 🙏 le colis est arrivé 📦👍🏽 👩‍👩‍👧 (love)',
        }),
      ],
    ],
    [
      'maps an image to an attachment referenced by its message id',
      image,
      [
        lineMessage({
          conversationKey: `line:${ADA}`,
          externalId: 'event:01JD3QA0M1N2P3Q4R5S6T7V8W9',
          platformMessageId: '509283746123456791',
          sender: ada,
          sentAt: 1_700_000_200_000,
          replyHandle: '1b2c3d4e5f60718293a4b5c6d7e8f90a',
          text: '',
          attachments: [{ kind: 'image', ref: '509283746123456791' }],
          raw: image.events[0],
        }),
      ],
    ],
    [
      'maps a file with its file name',
      fileMessage,
      [
        lineMessage({
          conversationKey: `line:${ADA}`,
          externalId: 'event:01JD3QB1X2Y3Z4A5B6C7D8E9F0',
          platformMessageId: '509283746123456792',
          sender: ada,
          sentAt: 1_700_000_300_000,
          replyHandle: '2c3d4e5f60718293a4b5c6d7e8f90a1b',
          text: '',
          attachments: [{ kind: 'file', ref: '509283746123456792', name: 'invoice-1042.pdf' }],
        }),
      ],
    ],
    [
      'maps audio and video in one delivery to two events',
      audioVideo,
      [
        lineMessage({
          conversationKey: `line:${ADA}`,
          externalId: 'event:01JD3QC2G3H4J5K6M7N8P9Q0R1',
          platformMessageId: '509283746123456793',
          sender: ada,
          sentAt: 1_700_000_400_000,
          replyHandle: '3d4e5f60718293a4b5c6d7e8f90a1b2c',
          text: '',
          attachments: [{ kind: 'audio', ref: '509283746123456793' }],
          raw: audioVideo.events[0],
        }),
        lineMessage({
          conversationKey: `line:${ADA}`,
          externalId: 'event:01JD3QC2G3H4J5K6M7N8P9Q0R2',
          platformMessageId: '509283746123456794',
          sender: ada,
          sentAt: 1_700_000_401_000,
          replyHandle: '4e5f60718293a4b5c6d7e8f90a1b2c3d',
          text: '',
          attachments: [{ kind: 'video', ref: '509283746123456794' }],
          raw: audioVideo.events[1],
        }),
      ],
    ],
    [
      'maps a quick reply postback to an action without a label',
      postback,
      [
        lineAction({
          conversationKey: `line:${ADA}`,
          externalId: 'event:01JD3QD3S4T5V6W7X8Y9Z0A1B2',
          sender: ada,
          sentAt: 1_700_000_500_000,
          replyHandle: '5f60718293a4b5c6d7e8f90a1b2c3d4e',
          actionId: 'returns',
          raw: postback.events[0],
        }),
      ],
    ],
    [
      'takes the label from a label= parameter in postback data',
      postbackRichMenu,
      [
        lineAction({
          conversationKey: `line:${ADA}`,
          externalId: 'event:01JD3QD3S4T5V6W7X8Y9Z0A1B3',
          sender: ada,
          sentAt: 1_700_000_501_000,
          replyHandle: '60718293a4b5c6d7e8f90a1b2c3d4e5f',
          actionId: 'action=track&label=Track%20my%20order',
          label: 'Track my order',
        }),
      ],
    ],
    [
      'maps a room delivery with text, location, sticker and unsend',
      multipleEvents,
      [
        lineMessage({
          conversationKey: `line:${ROOM}`,
          externalId: 'event:01JD3QF5N6P7Q8R9S0T1V2W3X4',
          platformMessageId: '509283746123456800',
          sender: { id: GRACE, isBot: false },
          sentAt: 1_700_000_700_000,
          replyHandle: 'a4b5c6d7e8f90a1b2c3d4e5f60718293',
          text: 'Here is where I live, and 🍎 two of these',
          raw: multipleEvents.events[0],
        }),
        lineMessage({
          conversationKey: `line:${ROOM}`,
          externalId: 'event:01JD3QF5N6P7Q8R9S0T1V2W3X5',
          platformMessageId: '509283746123456801',
          sender: { id: GRACE, isBot: false },
          sentAt: 1_700_000_701_000,
          replyHandle: 'b5c6d7e8f90a1b2c3d4e5f60718293a4',
          text: '',
          raw: multipleEvents.events[1],
        }),
        lineMessage({
          conversationKey: `line:${ROOM}`,
          externalId: 'event:01JD3QF5N6P7Q8R9S0T1V2W3X6',
          platformMessageId: '509283746123456802',
          // A member who has not consented to share a user id: the room stands in.
          sender: { id: ROOM, isBot: false },
          sentAt: 1_700_000_702_000,
          replyHandle: 'c6d7e8f90a1b2c3d4e5f60718293a4b5',
          text: '',
          raw: multipleEvents.events[2],
        }),
      ],
    ],
  ])('%s', (_, payload, events) => {
    expect(parseEvents(adapter, payload)).toEqual(events)
  })

  it('maps the official vector #3 body (group, timestamp 0 -> received time)', () => {
    expect(adapter.parse(request(VECTOR_3.body))).toEqual({
      kind: 'events',
      events: [
        lineMessage({
          conversationKey: 'line:test_group_id',
          externalId: 'event:test_webhook_event_id',
          platformMessageId: 'test_event_message_id',
          sender: { id: 'test_group_id', isBot: false },
          sentAt: RECEIVED_AT,
          replyHandle: 'test_reply_token',
          text: 'this is test message.😄😅😢😞😄😅😢😞',
        }),
      ],
    })
  })

  it('gives no events for follow, unfollow and join', () => {
    expect(parseEvents(adapter, follow)).toEqual([])
  })

  it('keeps the event id of a redelivery but drops its (invalid) reply token', () => {
    const [event] = parseEvents(adapter, redelivery)
    const [original] = parseEvents(adapter, textMessage)
    expect(event).toEqual({ ...original, raw: redelivery.events[0], replyHandle: undefined })
    expect(event).not.toHaveProperty('replyHandle')
    expect(event?.externalId).toBe(original?.externalId)
  })

  it('gives no events for a standby-mode channel', () => {
    expect(parseEvents(adapter, standby)).toEqual([])
  })

  it('answers the console "Verify" body with no events (the ingress replies 200)', () => {
    expect(adapter.parse(request(JSON.stringify(verifyBody)))).toEqual({
      kind: 'events',
      events: [],
    })
  })

  it('keeps a 5000-code-unit text whole', () => {
    const text = longText.events[0]?.message.text ?? ''
    expect(text).toHaveLength(5000)
    expect(parseEvents(adapter, longText)).toMatchObject([{ type: 'message', text }])
  })

  it('skips malformed events but keeps the good ones', () => {
    const good = textMessage.events[0]
    const payload = {
      destination: 'U4bfb33abdcd053be96d9ba0204a00932',
      events: [
        null,
        42,
        { ...good, webhookEventId: undefined },
        { ...good, source: { type: 'user' } },
        { ...good, source: { type: 'user', userId: 'U:bad' } },
        { ...good, message: { type: 'text', text: 'no id' } },
        { ...postback.events[0], postback: { data: '' } },
        good,
      ],
    }
    expect(parseEvents(adapter, payload)).toHaveLength(1)
  })

  it.each(['', 'null', '[]', '{', '42', '"text"', '{"a":1}', '{"events":{}}', '{"events":"x"}'])(
    'rejects the garbage body %j without throwing',
    (body) => {
      expect(adapter.parse(request(body)).kind).toBe('invalid')
    }
  )

  it('never throws on any garbage body', () => {
    for (const body of GARBAGE) {
      expect(() => adapter.parse(request(body))).not.toThrow()
      expect(['events', 'invalid']).toContain(adapter.parse(request(body)).kind)
    }
  })
})

describe('send', () => {
  it('pushes plain text with bearer auth and a deterministic retry key', async () => {
    const fetchFake = fakeFetch()
    const result = await build(fetchFake).send(message('Hello <b> & *bold* _x_'))
    expect(result).toEqual({ ok: true, externalId: '509283799000000002' })
    expect(fetchFake).toHaveBeenCalledTimes(1)
    const key = await retryKey(`line:${ADA}`, '41', 0)
    expect(key).toMatch(UUID)
    expect(sent(fetchFake)).toEqual({
      url: 'https://line.test/v2/bot/message/push',
      method: 'POST',
      contentType: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      retryKey: key,
      body: { to: ADA, messages: [{ type: 'text', text: 'Hello <b> & *bold* _x_' }] },
    })
  })

  it('reuses the retry key for the same outbox row only', async () => {
    const fetchFake = fakeFetch()
    const adapter = build(fetchFake)
    await adapter.send(message('hi'))
    await adapter.send(message('hi'))
    await adapter.send(message('hi', { idempotencyKey: '42' }))
    const group = { channel: 'line' as const, conversationKey: `line:${GROUP}` }
    await adapter.send(message('hi', { to: group }))
    const keys = [0, 1, 2, 3].map((index) => sent(fetchFake, index).retryKey)
    expect(keys[0]).toBe(keys[1])
    expect(new Set(keys).size).toBe(3)
    expect(sent(fetchFake, 3).body.to).toBe(GROUP)
  })

  it('replies with a fresh reply token and reports it used', async () => {
    const fetchFake = fakeFetch(() => json(replyOk))
    const result = await build(fetchFake).send(message('Your parcel left today', fresh()))
    expect(result).toEqual({ ok: true, externalId: '509283799000000001', usedReplyHandle: true })
    expect(sent(fetchFake)).toEqual({
      url: 'https://line.test/v2/bot/message/reply',
      method: 'POST',
      contentType: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      // The reply API rejects X-Line-Retry-Key with a 400.
      retryKey: null,
      body: {
        replyToken: 'reply-token-1',
        messages: [{ type: 'text', text: 'Your parcel left today' }],
      },
    })
  })

  it('pushes once the reply token is 50 s old', async () => {
    const fetchFake = fakeFetch()
    const result = await build(fetchFake).send(message('late', fresh(NOW - 50_000)))
    expect(result).toEqual({ ok: true, externalId: '509283799000000002' })
    expect(sent(fetchFake).url).toBe('https://line.test/v2/bot/message/push')
    const justInTime = fakeFetch(() => json(replyOk))
    await build(justInTime).send(message('fast', fresh(NOW - 49_999)))
    expect(sent(justInTime).url).toBe('https://line.test/v2/bot/message/reply')
  })

  it('falls back to push in the same call when the reply token is invalid', async () => {
    const fetchFake = fakeFetch((call) =>
      call === 0 ? json(error400InvalidToken, 400) : json(pushOk)
    )
    const result = await build(fetchFake).send(message('hi', fresh()))
    expect(result).toEqual({ ok: true, externalId: '509283799000000002', usedReplyHandle: true })
    expect(fetchFake).toHaveBeenCalledTimes(2)
    expect(sent(fetchFake, 0).url).toBe('https://line.test/v2/bot/message/reply')
    expect(sent(fetchFake, 1)).toMatchObject({
      url: 'https://line.test/v2/bot/message/push',
      retryKey: await retryKey(`line:${ADA}`, '41', 0),
      body: { to: ADA, messages: [{ type: 'text', text: 'hi' }] },
    })
  })

  it('does not fall back to push on other reply failures', async () => {
    const server = fakeFetch(() => json(error500, 500))
    expect(await build(server).send(message('hi', fresh()))).toEqual({
      ok: false,
      retryable: true,
      reason: 'An error occurred in the server. Try again later.',
    })
    expect(server).toHaveBeenCalledTimes(1)
    const invalid = fakeFetch(() => json(error400Validation, 400))
    expect(await build(invalid).send(message('hi', fresh()))).toMatchObject({
      ok: false,
      retryable: false,
    })
    expect(invalid).toHaveBeenCalledTimes(1)
  })

  it('puts buttons as a postback quick reply on the last message', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'track', label: 'Track order' },
      { id: 'handoff', label: 'Talk to a human agent, please' },
      { id: 'empty', label: ' ' },
    ]
    await build(fetchFake).send(message('How can I help?', { buttons }))
    expect(messagesOf(fetchFake)).toEqual([
      {
        type: 'text',
        text: 'How can I help?',
        quickReply: {
          items: [
            {
              type: 'action',
              action: {
                type: 'postback',
                label: 'Track order',
                data: 'track',
                displayText: 'Track order',
              },
            },
            {
              type: 'action',
              action: {
                type: 'postback',
                label: 'Talk to a human age…',
                data: 'handoff',
                displayText: 'Talk to a human agent, please',
              },
            },
            {
              type: 'action',
              action: { type: 'postback', label: 'empty', data: 'empty', displayText: 'empty' },
            },
          ],
        },
      },
    ])
  })

  it('lists more than 13 buttons as numbered lines instead', async () => {
    const fetchFake = fakeFetch()
    const buttons = Array.from({ length: 14 }, (_, i) => ({ id: `b${i}`, label: `Opt ${i + 1}` }))
    await build(fetchFake).send(message('Pick one', { buttons }))
    const [only] = messagesOf(fetchFake)
    expect(only).toEqual({
      type: 'text',
      text: `Pick one\n\n${buttons.map((b, i) => `${i + 1}. ${b.label}`).join('\n')}`,
    })
  })

  it('sends a placeholder when the text is empty', async () => {
    const fetchFake = fakeFetch()
    await build(fetchFake).send(message('', { buttons: [{ id: 'yes', label: 'Yes' }] }))
    expect(messagesOf(fetchFake)).toMatchObject([{ type: 'text', text: '…', quickReply: {} }])
  })

  it('splits 12000 characters into 3 text objects in one request', async () => {
    const fetchFake = fakeFetch()
    const text = 'abcd '.repeat(2400)
    await build(fetchFake).send(message(text, { buttons: [{ id: 'yes', label: 'Yes' }] }))
    expect(fetchFake).toHaveBeenCalledTimes(1)
    const texts = messagesOf(fetchFake)
    expect(texts.map((m) => m.text.length <= 5000)).toEqual([true, true, true])
    expect(texts.map((m) => m.text).join(' ')).toBe(text)
    expect(texts.map((m) => 'quickReply' in m)).toEqual([false, false, true])
  })

  it('pushes over 25000 characters as several requests with their own retry keys', async () => {
    const fetchFake = fakeFetch((call) => json({ sentMessages: [{ id: `m${call}` }] }))
    const text = 'x'.repeat(32_000)
    const buttons = [{ id: 'yes', label: 'Yes' }]
    // Even with a fresh reply token: a retry must never replay the first part by reply.
    const result = await build(fetchFake).send(message(text, { ...fresh(), buttons }))
    expect(result).toEqual({ ok: true, externalId: 'm1' })
    expect(fetchFake).toHaveBeenCalledTimes(2)
    const [first, second] = [sent(fetchFake, 0), sent(fetchFake, 1)]
    expect([first.url, second.url]).toEqual([
      'https://line.test/v2/bot/message/push',
      'https://line.test/v2/bot/message/push',
    ])
    expect(first.retryKey).toBe(await retryKey(`line:${ADA}`, '41', 0))
    expect(second.retryKey).toBe(await retryKey(`line:${ADA}`, '41', 1))
    expect(messagesOf(fetchFake, 0)).toHaveLength(5)
    expect(messagesOf(fetchFake, 1).map((m) => 'quickReply' in m)).toEqual([false, true])
  })

  it('treats a 409 for an accepted retry key as sent', async () => {
    const withIds = await build(fakeFetch(() => json(error409, 409))).send(message('hi'))
    expect(withIds).toEqual({ ok: true, externalId: '509283799000000003' })
    const bare = await build(fakeFetch(() => new Response('', { status: 409 }))).send(message('hi'))
    expect(bare).toEqual({ ok: true, externalId: await retryKey(`line:${ADA}`, '41', 0) })
  })

  it('uses the retry key as the id when the answer lists no sent messages', async () => {
    const result = await build(fakeFetch(() => json({}))).send(message('hi'))
    expect(result).toEqual({ ok: true, externalId: await retryKey(`line:${ADA}`, '41', 0) })
  })

  it('stops at the first failed request', async () => {
    const fetchFake = fakeFetch((call) => (call === 0 ? json(pushOk) : json(error429, 429)))
    const result = await build(fetchFake).send(message('x'.repeat(30_000)))
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(fetchFake).toHaveBeenCalledTimes(2)
  })

  it('classifies 429 as retryable, honouring a Retry-After header if one ever comes', async () => {
    expect(await build(fakeFetch(() => json(error429, 429))).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'The API rate limit has been exceeded. Try again later.',
      // A push carries LINE's retry key, so repeating it is safe.
      safeToRepeat: true,
    })
    const hinted = fakeFetch(() => json(error429, 429, { 'retry-after': '7' }))
    expect(await build(hinted).send(message('hi'))).toMatchObject({ retryAfterMs: 7000 })
  })

  it('classifies the monthly quota 429 as final', async () => {
    expect(await build(fakeFetch(() => json(error429Monthly, 429))).send(message('hi'))).toEqual({
      ok: false,
      retryable: false,
      reason: 'You have reached your monthly limit.',
    })
  })

  it('classifies 500 and a non-JSON 502 as retryable', async () => {
    expect(await build(fakeFetch(() => json(error500, 500))).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'An error occurred in the server. Try again later.',
      safeToRepeat: true,
    })
    const html = () => new Response('<html>Bad Gateway</html>', { status: 502 })
    expect(await build(fakeFetch(html)).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 502',
      // A push carries LINE's retry key, so repeating it is safe.
      safeToRepeat: true,
    })
  })

  it('classifies 400 and 401 as final with LINE message and details', async () => {
    const invalid = await build(fakeFetch(() => json(error400Validation, 400))).send(message('hi'))
    expect(invalid).toEqual({
      ok: false,
      retryable: false,
      reason:
        'The request body has 1 error(s) (messages[0].text: Length must be between 0 and 5000)',
    })
    expect(await build(fakeFetch(() => json(error401, 401))).send(message('hi'))).toEqual({
      ok: false,
      retryable: false,
      reason: error401.message,
    })
  })

  it('classifies a thrown fetch as retryable, without leaking the token', async () => {
    const reset = fakeFetch(() => Promise.reject(new Error('connection reset')))
    expect(await build(reset).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: connection reset',
      // A push carries LINE's retry key, so repeating it is safe.
      safeToRepeat: true,
    })
    const leaky = fakeFetch(() => Promise.reject(new Error(`bad header Bearer ${TOKEN}`)))
    const result = await build(leaky).send(message('hi'))
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain(TOKEN)
  })

  it('fails without a request for a conversation key of another channel', async () => {
    const fetchFake = fakeFetch()
    for (const conversationKey of ['telegram:1', 'line:a:b', 'line']) {
      const to = { channel: 'line' as const, conversationKey }
      expect(await build(fetchFake).send(message('hi', { to }))).toMatchObject({
        ok: false,
        retryable: false,
      })
    }
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('trims a trailing slash from the API base and defaults to api.line.me', async () => {
    const slashed = fakeFetch()
    await build(slashed, { ...SETTINGS, LINE_API_BASE: 'https://line.test/' }).send(message('hi'))
    expect(sent(slashed).url).toBe('https://line.test/v2/bot/message/push')
    const fallback = fakeFetch()
    const { LINE_API_BASE: _base, ...secretsOnly } = SETTINGS
    await build(fallback, secretsOnly).send(message('hi'))
    expect(sent(fallback).url).toBe('https://api.line.me/v2/bot/message/push')
  })
})

describe('format', () => {
  it('prefers a newline, then a space, near the limit', () => {
    expect(splitText('aaaa\nbbb ccc', 10)).toEqual(['aaaa\nbbb', 'ccc'])
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)])
  })

  it('never splits a surrogate pair and counts UTF-16 code units', () => {
    const chunks = splitText(`a${'🍎'.repeat(3000)}`)
    expect(chunks.map((chunk) => chunk.length)).toEqual([4999, 1002])
    for (const chunk of chunks) expect(chunk.isWellFormed()).toBe(true)
    expect(splitText('x'.repeat(5000))).toEqual(['x'.repeat(5000)])
    expect(splitText('   ')).toEqual([])
  })

  it('truncates labels to 20 code units without splitting an emoji', () => {
    expect(truncate('Short', 20)).toBe('Short')
    expect(truncate('x'.repeat(20), 20)).toBe('x'.repeat(20))
    expect(truncate(`${'x'.repeat(18)}🍎🍎`, 20)).toBe(`${'x'.repeat(18)}…`)
  })

  it('degrades to a list for ids LINE cannot carry as postback data', () => {
    expect(quickReply([{ id: 'x'.repeat(300), label: 'ok' }])).not.toBeNull()
    expect(quickReply([{ id: 'x'.repeat(301), label: 'no' }])).toBeNull()
    expect(quickReply([{ id: '', label: 'no' }])).toBeNull()
    const buttons = [{ id: '', label: 'Yes' }]
    expect(textMessages('Sure?', buttons)).toEqual([{ type: 'text', text: 'Sure?\n\n1. Yes' }])
    expect(
      numberedList([
        { id: 'a', label: '' },
        { id: 'b', label: 'B' },
      ])
    ).toBe('1. a\n2. B')
  })

  it('builds a name-based UUID v5 (RFC 9562 test: DNS namespace, python.org)', async () => {
    const dns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'
    expect(await uuidV5(dns, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
  })

  it('classifies without a body', () => {
    expect(classify(401, null)).toEqual({ ok: false, retryable: false, reason: 'HTTP 401' })
    expect(classify(429, null)).toEqual({ ok: false, retryable: true, reason: 'HTTP 429' })
    const busy = { ok: false, retryable: true, reason: 'busy' }
    expect(classify(503, { message: 'busy' })).toEqual(busy)
  })
})

describe('fetchMedia', () => {
  const MESSAGE_ID = '509283746123456791'
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x08])
  const image = { kind: 'image' as const, ref: MESSAGE_ID }
  const content = () => new Response(JPEG, { headers: { 'content-type': 'image/jpeg' } })
  const fetchMedia = (fetchFake: typeof fetch, settings: object = SETTINGS) => {
    const adapter = build(fetchFake, settings)
    if (!adapter.fetchMedia) throw new Error('no fetchMedia')
    return adapter.fetchMedia.bind(adapter)
  }
  const urlOf = (fetchFake: ReturnType<typeof fakeFetch>) => String(fetchFake.mock.calls[0]?.[0])

  it('GETs the content by message id with the channel token', async () => {
    const fetchFake = fakeFetch(content)
    const result = await fetchMedia(fetchFake)(image)
    const [input, init] = fetchFake.mock.calls[0] ?? []
    // A test double on LINE_API_BASE serves the content too.
    expect(String(input)).toBe(`https://line.test/v2/bot/message/${MESSAGE_ID}/content`)
    expect(init?.method).toBe('GET')
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`)
    if (!result.ok) throw new Error(result.reason)
    expect(result.mimeType).toBe('image/jpeg')
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(JPEG)
  })

  it('reads content from api-data.line.me, or LINE_DATA_API_BASE when set', async () => {
    const secrets = { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN }
    const expected = `https://api-data.line.me/v2/bot/message/${MESSAGE_ID}/content`
    for (const settings of [secrets, { ...secrets, LINE_API_BASE: 'https://api.line.me/' }]) {
      const fetchFake = fakeFetch(content)
      await fetchMedia(fetchFake, settings)(image)
      expect(urlOf(fetchFake)).toBe(expected)
    }
    const fetchFake = fakeFetch(content)
    await fetchMedia(fetchFake, { ...SETTINGS, LINE_DATA_API_BASE: 'https://line-data.test/' })(
      image
    )
    expect(urlOf(fetchFake)).toBe(`https://line-data.test/v2/bot/message/${MESSAGE_ID}/content`)
  })

  it("keeps a file's name from the webhook", async () => {
    const [event] = parseEvents(build(), fileMessage)
    const attachment = event?.type === 'message' ? event.attachments[0] : undefined
    if (!attachment) throw new Error('no attachment')
    const fetchFake = fakeFetch(
      () => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } })
    )
    expect(await fetchMedia(fetchFake)(attachment)).toMatchObject({
      ok: true,
      mimeType: 'application/pdf',
      name: 'invoice-1042.pdf',
    })
    expect(urlOf(fetchFake)).toBe('https://line.test/v2/bot/message/509283746123456792/content')
  })

  it('retries while LINE is still preparing a video (202), on 429 and on 5xx', async () => {
    const preparing = fakeFetch(() => new Response(null, { status: 202 }))
    expect(await fetchMedia(preparing)({ kind: 'video', ref: MESSAGE_ID })).toEqual({
      ok: false,
      retryable: true,
      reason: 'content is still being prepared (202)',
    })
    const limited = fakeFetch(() => json(error429, 429, { 'retry-after': '5' }))
    expect(await fetchMedia(limited)(image)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 5000,
      reason: 'download answered 429',
    })
    const down = fakeFetch(() => json(error500, 500))
    expect(await fetchMedia(down)(image)).toMatchObject({ ok: false, retryable: true })
  })

  it('gives up on content that is gone (404) or a bad token (401)', async () => {
    const gone = fakeFetch(() => json({ message: 'Not found' }, 404))
    expect(await fetchMedia(gone)(image)).toEqual({
      ok: false,
      retryable: false,
      reason: 'download answered 404',
    })
    expect(await fetchMedia(fakeFetch(() => json(error401, 401)))(image)).toMatchObject({
      ok: false,
      retryable: false,
    })
  })

  it('never leaks the token', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error(`refused ${TOKEN}`)))
    expect(await fetchMedia(leaky)(image)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download failed: refused <token>',
    })
  })
})
