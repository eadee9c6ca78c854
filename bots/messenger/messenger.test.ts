import { describe, expect, it } from 'vitest'
import type { ChannelAdapter, InboundEvent, WebhookRequest } from '../../src/channels/types'
import { configured, eventsOf, outboundTo, webhookRequest } from '../../test/support/adapters'
import { type Answer, json, platformStandIn, sentJson } from '../../test/support/platform'
import { metaSigned } from '../../test/support/signatures'
import { SIGNATURE_HEADER } from '../meta/signature'
import batch from './fixtures/batch.json'
import delivery from './fixtures/delivery.json'
import echo from './fixtures/echo.json'
import emoji from './fixtures/emoji.json'
import error100 from './fixtures/error-100-no-user.json'
import error10 from './fixtures/error-10-window.json'
import error1200 from './fixtures/error-1200-temporary.json'
import error190 from './fixtures/error-190-token.json'
import error2 from './fixtures/error-2-transient.json'
import error551 from './fixtures/error-551-unavailable.json'
import error613 from './fixtures/error-613-rate.json'
import fileAudioVideo from './fixtures/file-audio-video.json'
import imageAttachments from './fixtures/image-attachments.json'
import instagram from './fixtures/instagram.json'
import longText from './fixtures/long-text.json'
import messageEdit from './fixtures/message-edit.json'
import postbackLegacy from './fixtures/postback-legacy.json'
import postback from './fixtures/postback.json'
import quickReply from './fixtures/quick-reply.json'
import reaction from './fixtures/reaction.json'
import read from './fixtures/read.json'
import sendOk from './fixtures/send-ok.json'
import sharedLink from './fixtures/shared-link.json'
import standby from './fixtures/standby.json'
import stickerLike from './fixtures/sticker-like.json'
import textMessage from './fixtures/text-message.json'
import { messagesFor, quickReplies } from './format'
import { messenger } from './index'

// Official vector #4 (WhatsApp-Nodejs-SDK src/__tests__/utils.test.ts); Messenger signs alike.
const APP_SECRET = 'TEST_APP_SECRET'
const TOKEN = 'EAAPage+Token/1='
const SETTINGS = {
  META_APP_SECRET: APP_SECRET,
  MESSENGER_VERIFY_TOKEN: 'verify-page-456',
  MESSENGER_PAGE_TOKEN: TOKEN,
  META_GRAPH_API_BASE: 'https://graph.test',
}
const API = 'https://graph.test/v21.0/me/messages?access_token=EAAPage%2BToken%2F1%3D'
const PAGE = '109876543210987'
const PSID = '7654321098765432'
const KEY = `messenger:${PAGE}:${PSID}`
const RECEIVED_AT = 1_749_418_000_000
const NOW = 1_750_000_000_000
const HOUR = 3600 * 1000
const MID =
  'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P'
const SENT_MID = 'm_SENT1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv'
const person = { id: PSID, isBot: false }
const HOOK = 'https://engine.test/webhooks/messenger'
const FBSBX = 'https://cdn.fbsbx.com/v'
const VIDEO = 'https://video.xx.fbcdn.net/v'

const request = (body: string, headers: Record<string, string> = {}, method = 'POST') =>
  webhookRequest('messenger', body, headers, RECEIVED_AT, { method })

const signed = async (payload: unknown, secret = APP_SECRET): Promise<WebhookRequest> => {
  const body = JSON.stringify(payload)
  return request(body, await metaSigned(secret, body))
}

/** A fetch fake answering every call with a fresh response from `answer`. */
const fakeFetch = (answer: Answer = () => json(sendOk)) => platformStandIn(answer)

const build = (fetchFake: typeof fetch = fakeFetch(), settings: object = SETTINGS) =>
  configured(messenger, settings, { fetch: fetchFake })

/** The nth request a fetch fake received, decoded. */
const sent = sentJson

const parseEvents = (adapter: ChannelAdapter, payload: unknown): InboundEvent[] =>
  eventsOf(adapter, request(JSON.stringify(payload)))

const message = outboundTo('messenger', KEY, {
  idempotencyKey: 'outbox-1',
  now: NOW,
  lastInboundAt: NOW - HOUR,
})

const textEvent = (mid: string, sentAt: number, text: string, attachments: object[] = []) => ({
  type: 'message',
  channel: 'messenger',
  conversationKey: KEY,
  externalId: `mid:${mid}`,
  platformMessageId: mid,
  sender: person,
  sentAt,
  text,
  attachments,
  raw: expect.anything(),
})

describe('messenger factory', () => {
  it('returns null unless the app secret, verify token and page token are all set', () => {
    expect(messenger({} as unknown as Env)).toBeNull()
    for (const name of ['META_APP_SECRET', 'MESSENGER_VERIFY_TOKEN', 'MESSENGER_PAGE_TOKEN']) {
      expect(messenger({ ...SETTINGS, [name]: '' } as unknown as Env)).toBeNull()
    }
  })

  it('defaults to the public Graph API', async () => {
    const fetchFake = fakeFetch()
    const { META_GRAPH_API_BASE: _, ...secretsOnly } = SETTINGS
    await build(fetchFake, secretsOnly).send(message('hi'))
    expect(sent(fetchFake).url).toBe(
      'https://graph.facebook.com/v21.0/me/messages?access_token=EAAPage%2BToken%2F1%3D'
    )
  })
})

describe('verify', () => {
  const adapter = build()

  it('accepts official vector #4 (body "test")', async () => {
    const header = 'sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221'
    expect(await adapter.verify(request('test', { [SIGNATURE_HEADER]: header }))).toBe(true)
  })

  it('accepts correctly signed fixtures', async () => {
    for (const fixture of [textMessage, batch, delivery, emoji, longText, echo]) {
      expect(await adapter.verify(await signed(fixture))).toBe(true)
    }
  })

  it('rejects unsigned, empty, tampered and wrong-secret deliveries', async () => {
    const good = await signed(textMessage)
    expect(await adapter.verify(request(good.body))).toBe(false)
    expect(await adapter.verify({ ...good, body: '' })).toBe(false)
    expect(await adapter.verify({ ...good, body: good.body.replace('1042', '1043') })).toBe(false)
    expect(await adapter.verify(await signed(textMessage, 'wrong-secret'))).toBe(false)
  })

  it('has no timestamp to go stale: a replay verifies and is deduplicated by its mid', async () => {
    const replay = { ...(await signed(textMessage)), receivedAt: RECEIVED_AT + 30 * 24 * HOUR }
    expect(await adapter.verify(replay)).toBe(true)
    expect(parseEvents(adapter, textMessage)[0]?.externalId).toBe(`mid:${MID}`)
  })

  it('answers the subscription handshake with its own verify token only', async () => {
    const get = (token: string): WebhookRequest => ({
      ...request('', {}, 'GET'),
      url: new URL(`${HOOK}?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${token}`),
    })
    expect(await adapter.verify(get('verify-page-456'))).toBe(true)
    const result = adapter.parse(get('verify-page-456'))
    if (result.kind !== 'handshake') throw new Error(result.kind)
    expect(await result.response.text()).toBe('42')
    expect(await adapter.verify(get('verify-me-123'))).toBe(false)
  })
})

describe('parse', () => {
  const adapter = build()

  it('maps a text message, keyed by page and PSID', () => {
    const raw = textMessage.entry[0]?.messaging[0]
    expect(parseEvents(adapter, textMessage)).toEqual([
      { ...textEvent(MID, 1_749_416_383_000, 'Hello, where is my order #1042?'), raw },
    ])
  })

  it('maps a quick-reply tap to an action with its payload and title', () => {
    expect(parseEvents(adapter, quickReply)).toEqual([
      {
        type: 'action',
        channel: 'messenger',
        conversationKey: KEY,
        externalId: 'mid:m_QR3x9a8b7c6d5e4f3g2h1i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx',
        sender: person,
        sentAt: 1_749_416_390_000,
        actionId: 'order.status',
        label: 'Track my order',
        raw: expect.anything(),
      },
    ])
  })

  it('maps postbacks to actions, keyed by mid or by sender and time', () => {
    const base = {
      type: 'action',
      channel: 'messenger',
      conversationKey: KEY,
      sender: person,
      raw: expect.anything(),
    }
    expect(parseEvents(adapter, postback)).toEqual([
      {
        ...base,
        externalId: 'mid:m_PB1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx',
        sentAt: 1_749_416_395_000,
        actionId: 'handoff',
        label: 'Talk to an agent',
      },
    ])
    expect(parseEvents(adapter, postbackLegacy)).toEqual([
      {
        ...base,
        externalId: `postback:${PSID}:1749416396000`,
        sentAt: 1_749_416_396_000,
        actionId: 'GET_STARTED',
        label: 'Get Started',
      },
    ])
  })

  it('ignores echoes of our own messages', () => {
    expect(parseEvents(adapter, echo)).toEqual([])
  })

  it('maps images, files, audio and video to attachments by URL', () => {
    const cdn = 'https://scontent.xx.fbcdn.net/v/t1.15752-9'
    expect(parseEvents(adapter, imageAttachments)).toEqual([
      textEvent(
        'm_IMG1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx',
        1_749_416_410_000,
        '',
        [
          {
            kind: 'image',
            ref: `${cdn}/449182379_1_n.jpg?_nc_cat=1&ccb=1-7&oh=00_AYA&oe=6700AAAA`,
          },
          {
            kind: 'image',
            ref: `${cdn}/449182379_2_n.jpg?_nc_cat=1&ccb=1-7&oh=00_AYB&oe=6700AAAB`,
          },
        ]
      ),
    ])
    const events = parseEvents(adapter, fileAudioVideo)
    expect(events.map((event) => event.type === 'message' && event.attachments)).toEqual([
      [
        {
          kind: 'file',
          ref: `${FBSBX}/t59.2708-21/invoice-1042.pdf?_nc_cat=1&oh=00_AYC&oe=6700AAAC`,
        },
      ],
      [
        {
          kind: 'audio',
          ref: `${FBSBX}/t59.3654-21/audioclip-1749416421000.mp4?_nc_cat=1&oh=00_AYD&oe=6700AAAD`,
        },
      ],
      [
        {
          kind: 'video',
          ref: `${VIDEO}/t42.3356-2/unboxing.mp4?_nc_cat=1&oh=00_AYE&oe=6700AAAE`,
        },
      ],
    ])
    expect(events.map((event) => event.externalId)).toEqual([
      'mid:m_FILE1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv',
      'mid:m_AUD1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw',
      'mid:m_VID1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw',
    ])
  })

  it('maps a sticker (the like button) to an image and a shared link to its text', () => {
    const [like] = parseEvents(adapter, stickerLike)
    expect(like).toMatchObject({ type: 'message', text: '', attachments: [{ kind: 'image' }] })
    expect(parseEvents(adapter, sharedLink)).toEqual([
      textEvent(
        'm_LNK1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw',
        1_749_416_435_000,
        'https://shop.example/p/blue-jacket'
      ),
    ])
  })

  it('maps every item of every entry, across pages and people', () => {
    const events = parseEvents(adapter, batch)
    expect(
      events.map((event) => [event.conversationKey, event.type === 'message' && event.text])
    ).toEqual([
      [KEY, 'First message'],
      [`messenger:${PAGE}:6543210987654321`, 'Bonjour'],
      [`messenger:108765432109876:${PSID}`, 'Other page'],
    ])
  })

  it('maps a delivery receipt to one status per mid; a read watermark to nothing', () => {
    const receipt = (mid: string) => ({
      type: 'status',
      channel: 'messenger',
      conversationKey: KEY,
      externalId: `status:${mid}:delivered`,
      sender: person,
      sentAt: 1_749_416_600_000,
      platformMessageId: mid,
      status: 'delivered',
      raw: expect.anything(),
    })
    expect(parseEvents(adapter, delivery)).toEqual([
      receipt('m_OUT1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv'),
      receipt('m_OUT2a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv'),
    ])
    expect(parseEvents(adapter, read)).toEqual([])
    const withMids = {
      ...read,
      entry: [
        {
          ...read.entry[0],
          messaging: [{ ...read.entry[0]?.messaging[0], read: { watermark: 1, mids: ['m_X'] } }],
        },
      ],
    }
    expect(parseEvents(adapter, withMids)).toMatchObject([
      { type: 'status', externalId: 'status:m_X:read', platformMessageId: 'm_X', status: 'read' },
    ])
  })

  it('maps an edit to the edited message', () => {
    expect(parseEvents(adapter, messageEdit)).toEqual([
      {
        type: 'edit',
        channel: 'messenger',
        conversationKey: KEY,
        externalId: `edit:${MID}:1`,
        platformMessageId: MID,
        sender: person,
        sentAt: 1_749_416_800_000,
        text: 'Hello, where is my order #1043?',
        raw: expect.anything(),
      },
    ])
  })

  it('keeps emoji and 2000-character texts intact', () => {
    expect(parseEvents(adapter, emoji)).toEqual([
      textEvent(
        'm_EMJ1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw',
        1_749_416_900_000,
        '你好 🙏 包裹到了吗？📦👍🏽 👩‍👩‍👧'
      ),
    ])
    const [long] = parseEvents(adapter, longText)
    expect(long?.type === 'message' && long.text.length).toBe(2000)
  })

  it('gives no events for reactions, standby items and other objects', () => {
    expect(parseEvents(adapter, reaction)).toEqual([])
    expect(parseEvents(adapter, standby)).toEqual([])
    expect(parseEvents(adapter, instagram)).toEqual([])
  })

  it('skips malformed items and reports non-notifications as invalid', () => {
    const item = textMessage.entry[0]?.messaging[0]
    const payload = {
      object: 'page',
      entry: [
        {
          id: PAGE,
          messaging: [
            null,
            { sender: {}, recipient: { id: PAGE } },
            { ...item, sender: { id: 'a:b' } },
            { ...item, message: { text: 'no mid' } },
            item,
          ],
        },
      ],
    }
    expect(parseEvents(adapter, payload).map((event) => event.externalId)).toEqual([`mid:${MID}`])
    for (const body of ['', '{', 'null', '[]', '"x"', '{"object":"page"}']) {
      expect(adapter.parse(request(body)).kind).toBe('invalid')
    }
  })
})

describe('send', () => {
  it('posts a RESPONSE text message with the page token as access_token', async () => {
    const fetchFake = fakeFetch()
    const result = await build(fetchFake).send(message('Hello <b> & *bold*'))
    expect(result).toEqual({ ok: true, externalId: SENT_MID })
    expect(sent(fetchFake)).toEqual({
      url: API,
      method: 'POST',
      authorization: null,
      contentType: 'application/json',
      body: {
        recipient: { id: PSID },
        messaging_type: 'RESPONSE',
        message: { text: 'Hello <b> & *bold*' },
      },
    })
  })

  it('sends buttons as quick replies, titles cut to 20 characters', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'order.status', label: 'Where is my order right now?' },
      { id: 'agent', label: '' },
    ]
    await build(fetchFake).send(message('How can we help?', { buttons }))
    expect(sent(fetchFake).body.message).toEqual({
      text: 'How can we help?',
      quick_replies: [
        { content_type: 'text', title: 'Where is my order r…', payload: 'order.status' },
        { content_type: 'text', title: 'agent', payload: 'agent' },
      ],
    })
  })

  it('degrades more than 13 buttons, or payloads that do not fit, to a numbered list', async () => {
    const fetchFake = fakeFetch()
    const buttons = Array.from({ length: 14 }, (_, i) => ({
      id: `b${i}`,
      label: `Option ${i + 1}`,
    }))
    await build(fetchFake).send(message('Pick one', { buttons }))
    const list = buttons.map((_, i) => `${i + 1}. Option ${i + 1}`).join('\n')
    expect(sent(fetchFake).body.message).toEqual({ text: `Pick one\n\n${list}` })
    expect(quickReplies(buttons.slice(0, 13))).toHaveLength(13)
    expect(quickReplies([{ id: 'x'.repeat(1001), label: 'Yes' }])).toBeNull()
    expect(
      quickReplies([
        { id: 'a', label: 'A' },
        { id: 'a', label: 'B' },
      ])
    ).toBeNull()
  })

  it('splits 5000 characters into 3 messages with the quick replies on the last', async () => {
    const fetchFake = fakeFetch((call) => json({ ...sendOk, message_id: `m_part${call}` }))
    const text = 'abcd '.repeat(1000)
    const buttons = [{ id: 'yes', label: 'Yes' }]
    expect(await build(fetchFake).send(message(text, { buttons }))).toEqual({
      ok: true,
      externalId: 'm_part2',
    })
    const parts = fetchFake.mock.calls.map(
      (_, i) => sent(fetchFake, i).body.message as { text: string }
    )
    expect(parts).toHaveLength(3)
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(2000)
    expect(parts.map((part) => part.text).join(' ')).toBe(text)
    expect(parts.map((part) => 'quick_replies' in part)).toEqual([false, false, true])
  })

  it('never splits a surrogate pair and sends a placeholder for empty text', () => {
    const parts = messagesFor(`a${'😀'.repeat(1500)}`)
    expect(parts.map((part) => part.text.length)).toEqual([1999, 1002])
    expect(messagesFor('')).toEqual([{ text: '…' }])
  })

  it('refuses to send outside the 24-hour window without calling Graph', async () => {
    const fetchFake = fakeFetch()
    const closed = { ok: false, retryable: false, reason: 'window_closed' }
    expect(await build(fetchFake).send(message('hi', { lastInboundAt: null }))).toEqual(closed)
    const stale = message('hi', { lastInboundAt: NOW - 24 * HOUR - 1 })
    expect(await build(fetchFake).send(stale)).toEqual(closed)
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('maps error 10/2018278 to window_closed and 551 to a final failure', async () => {
    const window = await build(fakeFetch(() => json(error10, 400))).send(message('hi'))
    expect(window).toEqual({ ok: false, retryable: false, reason: 'window_closed' })
    const away = await build(fakeFetch(() => json(error551, 400))).send(message('hi'))
    expect(away).toEqual({
      ok: false,
      retryable: false,
      reason: "Graph error 551/1545041: (#551) This person isn't available right now.",
    })
  })

  it('classifies rate limits, temporary failures and 5xx as retryable', async () => {
    expect(await build(fakeFetch(() => json(error613, 400))).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
      reason: 'Graph error 613: (#613) Calls to this api have exceeded the rate limit.',
    })
    for (const [body, status] of [
      [error1200, 400],
      [error2, 500],
      [{}, 503],
    ] as const) {
      const result = await build(fakeFetch(() => json(body, status))).send(message('hi'))
      expect(result).toMatchObject({ ok: false, retryable: true })
    }
  })

  it('classifies token and unknown-user errors as final', async () => {
    for (const [body, status] of [
      [error190, 401],
      [error100, 400],
    ] as const) {
      const result = await build(fakeFetch(() => json(body, status))).send(message('hi'))
      expect(result).toMatchObject({ ok: false, retryable: false })
    }
  })

  it('classifies a thrown fetch as retryable, without leaking the token from the URL', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error(`fetch failed: ${API}`)))
    const result = await build(leaky).send(message('hi'))
    expect(result).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: fetch failed: https://graph.test/v21.0/me/messages?access_token=<redacted>',
    })
  })

  it('fails without a request for a key of another channel or shape', async () => {
    const fetchFake = fakeFetch()
    for (const conversationKey of ['whatsapp:1:2', `messenger:${PSID}`, `messenger:${PAGE}:x`]) {
      const result = await build(fetchFake).send(
        message('hi', { to: { channel: 'messenger', conversationKey } })
      )
      expect(result).toMatchObject({ ok: false, retryable: false })
    }
    expect(fetchFake).not.toHaveBeenCalled()
  })
})

describe('fetchMedia', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const adapter = () => build()
  const fetchMedia = (fetchFake: typeof fetch) => {
    const built = build(fetchFake)
    if (!built.fetchMedia) throw new Error('no fetchMedia')
    return built.fetchMedia.bind(built)
  }

  it('parse puts the CDN payload.url in ref, which is downloaded as is, without a token', async () => {
    const [event] = parseEvents(adapter(), imageAttachments)
    const attachment = event?.type === 'message' ? event.attachments[0] : undefined
    if (!attachment) throw new Error('no attachment')
    const fetchFake = fakeFetch(
      () => new Response(PNG, { headers: { 'content-type': 'image/png' } })
    )
    const result = await fetchMedia(fetchFake)(attachment)
    expect(fetchFake).toHaveBeenCalledTimes(1)
    const [input, init] = fetchFake.mock.calls[0] ?? []
    expect(String(input)).toBe(
      'https://scontent.xx.fbcdn.net/v/t1.15752-9/449182379_1_n.jpg?_nc_cat=1&ccb=1-7&oh=00_AYA&oe=6700AAAA'
    )
    expect(init?.method).toBe('GET')
    expect(new Headers(init?.headers).get('authorization')).toBeNull()
    expect(String(input)).not.toContain('access_token')
    if (!result.ok) throw new Error(result.reason)
    expect(result.mimeType).toBe('image/png')
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(PNG)
  })

  it('names a file after its CDN path', async () => {
    const ref = `${FBSBX}/t59.2708-21/invoice-1042.pdf?_nc_cat=1&oh=00_AYC&oe=6700AAAC`
    const fetchFake = fakeFetch(
      () => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } })
    )
    expect(await fetchMedia(fetchFake)({ kind: 'file', ref })).toMatchObject({
      ok: true,
      mimeType: 'application/pdf',
      name: 'invoice-1042.pdf',
    })
  })

  it('retries a throttled or failing CDN', async () => {
    const ref = `${VIDEO}/t42.3356-2/unboxing.mp4?_nc_cat=1&oh=00_AYE&oe=6700AAAE`
    const throttled = fakeFetch(
      () => new Response('', { status: 429, headers: { 'retry-after': '30' } })
    )
    expect(await fetchMedia(throttled)({ kind: 'video', ref })).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 30_000,
      reason: 'download answered 429',
    })
    const down = fakeFetch(() => new Response('', { status: 500 }))
    expect(await fetchMedia(down)({ kind: 'video', ref })).toMatchObject({
      ok: false,
      retryable: true,
    })
  })

  it('gives up on an expired URL (403) and on a ref that is not a URL', async () => {
    const ref = `${FBSBX}/t59.3654-21/audioclip-1749416421000.mp4?_nc_cat=1&oh=00_AYD&oe=6700AAAD`
    const expired = fakeFetch(() => new Response('URL signature expired', { status: 403 }))
    expect(await fetchMedia(expired)({ kind: 'audio', ref })).toEqual({
      ok: false,
      retryable: false,
      reason: 'download answered 403',
    })
    const none = fakeFetch()
    expect(await fetchMedia(none)({ kind: 'image', ref: '1234567890' })).toMatchObject({
      ok: false,
      retryable: false,
    })
    expect(await fetchMedia(none)({ kind: 'image', ref: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      retryable: false,
    })
    expect(none).not.toHaveBeenCalled()
  })
})
