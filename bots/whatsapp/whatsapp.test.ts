import { describe, expect, it } from 'vitest'
import type { ChannelAdapter, InboundEvent, WebhookRequest } from '../../src/channels/types'
import { configured, eventsOf, outboundTo, webhookRequest } from '../../test/support/adapters'
import {
  type Answer,
  type FetchFake,
  json,
  platformStandIn,
  sentJson,
} from '../../test/support/platform'
import { metaSigned } from '../../test/support/signatures'
import { SIGNATURE_HEADER } from '../meta/signature'
import audioVoice from './fixtures/audio-voice.json'
import documentMessage from './fixtures/document.json'
import emoji from './fixtures/emoji.json'
import error100 from './fixtures/error-100-param.json'
import error100Media from './fixtures/error-100-33-media.json'
import error130429 from './fixtures/error-130429-throughput.json'
import error131026 from './fixtures/error-131026-undeliverable.json'
import error131047 from './fixtures/error-131047-window.json'
import error131056 from './fixtures/error-131056-pair-rate.json'
import error190 from './fixtures/error-190-token.json'
import error2 from './fixtures/error-2-transient.json'
import escapedUnicode from './fixtures/escaped-unicode.txt'
import groupMessage from './fixtures/group-message.json'
import groupStatus from './fixtures/group-status.json'
import imageCaption from './fixtures/image-caption.json'
import buttonReply from './fixtures/interactive-button-reply.json'
import listReply from './fixtures/interactive-list-reply.json'
import location from './fixtures/location.json'
import longText from './fixtures/long-text.json'
import mediaUrl from './fixtures/media-url.json'
import multiMessage from './fixtures/multi-message.json'
import reaction from './fixtures/reaction.json'
import sendOk from './fixtures/send-ok.json'
import statusFailed from './fixtures/status-failed.json'
import statusOnly from './fixtures/status-only.json'
import sticker from './fixtures/sticker.json'
import templateButton from './fixtures/template-button.json'
import templateStatus from './fixtures/template-status-update.json'
import textMessage from './fixtures/text-message.json'
import unsupported from './fixtures/unsupported.json'
import video from './fixtures/video.json'
import { MAX_BODY, chooseLabel, contentsFor } from './format'
import { whatsapp } from './index'

// Official vector #4 (WhatsApp-Nodejs-SDK src/__tests__/utils.test.ts + jest.config.ts).
const APP_SECRET = 'TEST_APP_SECRET'
const SETTINGS = {
  META_APP_SECRET: APP_SECRET,
  WHATSAPP_VERIFY_TOKEN: 'verify-me-123',
  WHATSAPP_TOKEN: 'EAAGtestToken',
  META_GRAPH_API_BASE: 'https://graph.test/',
  WHATSAPP_TEMPLATES: JSON.stringify({
    'order.shipped': { name: 'order_shipped', language: 'en_US' },
    broken: { name: 42 },
  }),
}
const API = 'https://graph.test/v21.0/106540352242922/messages'
const KEY = 'whatsapp:106540352242922:16505551234'
const GROUP_ID = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD'
const GROUP_KEY = `whatsapp:106540352242922:group:${GROUP_ID}`
const RECEIVED_AT = 1_749_417_000_000
const NOW = 1_750_000_000_000
const HOUR = 3600 * 1000
const WAMID_OK = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA'

const at = (seconds: string) => Number(seconds) * 1000
const sheena = { id: '16505551234', name: 'Sheena Nelson', isBot: false }

const request = (body: string, headers: Record<string, string> = {}, method = 'POST') =>
  webhookRequest('whatsapp', body, headers, RECEIVED_AT, { method })

const signed = async (payload: unknown, secret = APP_SECRET): Promise<WebhookRequest> => {
  const body = JSON.stringify(payload)
  return request(body, await metaSigned(secret, body))
}

/** A fetch fake answering every call with a fresh response from `answer`. */
const fakeFetch = (answer: Answer = () => json(sendOk)) => platformStandIn(answer)

const build = (fetchFake: typeof fetch = fakeFetch(), settings: object = SETTINGS) =>
  configured(whatsapp, settings, { fetch: fetchFake })

/** The nth request a fetch fake received, decoded. */
const sent = sentJson

const bodies = (fetchFake: FetchFake) =>
  fetchFake.mock.calls.map((_, index) => sent(fetchFake, index).body)

const parseEvents = (adapter: ChannelAdapter, payload: unknown): InboundEvent[] =>
  eventsOf(adapter, request(JSON.stringify(payload)))

const message = outboundTo('whatsapp', KEY, {
  idempotencyKey: 'outbox-1',
  now: NOW,
  lastInboundAt: NOW - HOUR,
})

const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234' }
const textBody = (body: string) => ({
  ...envelope,
  type: 'text',
  text: { body, preview_url: false },
})

describe('whatsapp factory', () => {
  it('returns null unless the app secret, verify token and access token are all set', () => {
    expect(whatsapp({} as unknown as Env)).toBeNull()
    for (const name of ['META_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_TOKEN']) {
      expect(whatsapp({ ...SETTINGS, [name]: '' } as unknown as Env)).toBeNull()
    }
  })

  it('builds the whatsapp adapter, defaulting to the public Graph API', async () => {
    expect(build().channel).toBe('whatsapp')
    const fetchFake = fakeFetch()
    const { META_GRAPH_API_BASE: _, ...secretsOnly } = SETTINGS
    await build(fetchFake, secretsOnly).send(message('hi'))
    expect(sent(fetchFake).url).toBe('https://graph.facebook.com/v21.0/106540352242922/messages')
  })
})

describe('verify', () => {
  const adapter = build()

  it('accepts official vector #4 (body "test")', async () => {
    const header = 'sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221'
    expect(await adapter.verify(request('test', { [SIGNATURE_HEADER]: header }))).toBe(true)
    expect(await adapter.verify(request('test', { 'x-hub-signature-256': header }))).toBe(true)
  })

  it('accepts a raw body with Meta escaping, signed independently (openssl)', async () => {
    // Computed with: printf '%s' "$(cat fixtures/escaped-unicode.txt)" |
    //   openssl dgst -sha256 -hmac TEST_APP_SECRET
    const header = 'sha256=81f919684293aa905220254dea2ba208dc361e53ee3b6aee1a98901067cd8bcb'
    expect(await adapter.verify(request(escapedUnicode, { [SIGNATURE_HEADER]: header }))).toBe(true)
    const parsed = parseEvents(adapter, JSON.parse(escapedUnicode))
    expect(parsed[0]).toMatchObject({
      sender: { id: '4917612345678', name: 'Jürgen Köhler', isBot: false },
      text: 'Grüße aus Köln 😀 <b>50% off</b> @ https://shop.example/a',
    })
  })

  it('accepts correctly signed fixtures', async () => {
    for (const fixture of [textMessage, multiMessage, statusOnly, emoji, longText]) {
      expect(await adapter.verify(await signed(fixture))).toBe(true)
    }
  })

  it('rejects unsigned, empty, tampered and wrong-secret deliveries', async () => {
    const good = await signed(textMessage)
    expect(await adapter.verify(request(good.body))).toBe(false)
    expect(await adapter.verify({ ...good, body: '' })).toBe(false)
    expect(await adapter.verify({ ...good, body: good.body.replace('color', 'colour') })).toBe(
      false
    )
    expect(await adapter.verify(await signed(textMessage, 'wrong-secret'))).toBe(false)
    const empty = request('', { [SIGNATURE_HEADER]: 'sha256=' })
    expect(await adapter.verify(empty)).toBe(false)
  })

  it('has no timestamp to go stale: a replay verifies, dedupe is by wamid', async () => {
    const replay = { ...(await signed(textMessage)), receivedAt: RECEIVED_AT + 7 * 24 * HOUR }
    expect(await adapter.verify(replay)).toBe(true)
    expect(parseEvents(adapter, textMessage)[0]?.externalId).toMatch(/^wamid:wamid\./)
  })

  it('answers the subscription handshake with the challenge', async () => {
    const get = (query: string): WebhookRequest => ({
      ...request('', {}, 'GET'),
      url: new URL(`https://engine.test/webhooks/whatsapp?${query}`),
    })
    const ok = get('hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-123')
    expect(await adapter.verify(ok)).toBe(true)
    const result = adapter.parse(ok)
    if (result.kind !== 'handshake') throw new Error(result.kind)
    expect(result.response.status).toBe(200)
    expect(await result.response.text()).toBe('1158201444')
    const wrong = get('hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me')
    expect(await adapter.verify(wrong)).toBe(false)
    expect(await adapter.verify(get(''))).toBe(false)
  })
})

describe('parse', () => {
  const adapter = build()

  it('maps the official text-message sample', () => {
    const raw = textMessage.entry[0]?.changes[0]?.value.messages[0]
    expect(parseEvents(adapter, textMessage)).toEqual([
      {
        type: 'message',
        channel: 'whatsapp',
        conversationKey: KEY,
        externalId: 'wamid:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        platformMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        sender: sheena,
        sentAt: at('1749416383'),
        text: 'Does it come in another color?',
        attachments: [],
        raw,
      },
    ])
  })

  const media = (id: string, timestamp: string, text: string, attachment: object) => ({
    type: 'message',
    channel: 'whatsapp',
    conversationKey: KEY,
    externalId: `wamid:${id}`,
    platformMessageId: id,
    sender: sheena,
    sentAt: at(timestamp),
    text,
    attachments: [attachment],
    raw: expect.anything(),
  })

  it('maps an image with its caption', () => {
    expect(parseEvents(adapter, imageCaption)).toEqual([
      media(
        'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUNBRjk3OEVBNjc1RTNBQzJGMwA=',
        '1749416400',
        'The box arrived crushed',
        { kind: 'image', ref: '1003383421387256', mimeType: 'image/jpeg' }
      ),
    ])
  })

  it('maps a document with its file name', () => {
    expect(parseEvents(adapter, documentMessage)).toEqual([
      media(
        'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQjFGRjNCMkQ1QjRGMUEzNjhDNQA=',
        '1749416410',
        'My invoice',
        {
          kind: 'file',
          ref: '1216946646183385',
          mimeType: 'application/pdf',
          name: 'invoice-1042.pdf',
        }
      ),
    ])
  })

  it('maps a voice note, a video and a sticker', () => {
    expect(parseEvents(adapter, audioVoice)).toEqual([
      media('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQzg0RDVFRjZBNzg5MEIxMkMzRAA=', '1749416420', '', {
        kind: 'audio',
        ref: '1498231104395618',
        mimeType: 'audio/ogg; codecs=opus',
      }),
    ])
    expect(parseEvents(adapter, video)).toEqual([
      media(
        'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzRDk1RTZGN0E4QjkwMUMyM0Q0RQA=',
        '1749416430',
        'Unboxing',
        {
          kind: 'video',
          ref: '1129183738561045',
          mimeType: 'video/mp4',
        }
      ),
    ])
    expect(parseEvents(adapter, sticker)).toEqual([
      media('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzRUE2RjdBOEI5QzAxMkQzNEU1RgA=', '1749416440', '', {
        kind: 'image',
        ref: '1322585182278431',
        mimeType: 'image/webp',
      }),
    ])
  })

  const action = (id: string, timestamp: string, actionId: string, label: string) => ({
    type: 'action',
    channel: 'whatsapp',
    conversationKey: KEY,
    externalId: `wamid:${id}`,
    sender: sheena,
    sentAt: at(timestamp),
    actionId,
    label,
    raw: expect.anything(),
  })

  it('maps reply buttons, list rows and template quick replies to actions', () => {
    expect(parseEvents(adapter, buttonReply)).toEqual([
      action(
        'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzRkI3MDhCOUMwRDEyM0U0NUY2MAA=',
        '1749416450',
        'order.status',
        'Where is my order'
      ),
    ])
    expect(parseEvents(adapter, listReply)).toEqual([
      action(
        'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzMDg5MTlBQkNERUYwMTIzNDU2NwA=',
        '1749416460',
        'returns',
        'Returns and refunds'
      ),
    ])
    expect(parseEvents(adapter, templateButton)).toEqual([
      action(
        'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzMTlBMkFCQ0RFRjAxMjM0NTY3OAA=',
        '1749416470',
        'talk_to_agent',
        'Talk to an agent'
      ),
    ])
  })

  it('keeps emoji and WhatsApp markup characters as sent', () => {
    expect(parseEvents(adapter, emoji)).toEqual([
      {
        type: 'message',
        channel: 'whatsapp',
        conversationKey: 'whatsapp:106540352242922:33612345678',
        externalId: 'wamid:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzNURFNkYwMTIzNDU2Nzg5QUJDQwA=',
        platformMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzNURFNkYwMTIzNDU2Nzg5QUJDQwA=',
        sender: { id: '33612345678', name: 'Zoë Ångström 🌸', isBot: false },
        sentAt: at('1749416500'),
        text: 'Merci 🙏 le colis est arrivé 📦👍🏽 👩‍👩‍👧 *super* _vite_',
        attachments: [],
        raw: expect.anything(),
      },
    ])
  })

  it('keeps a 4096-character text whole', () => {
    const [event] = parseEvents(adapter, longText)
    expect(event).toMatchObject({ type: 'message', conversationKey: KEY, sender: sheena })
    expect(event?.type === 'message' && event.text.length).toBe(4096)
  })

  it('maps every message and status of every entry and change, with the right contact', () => {
    const events = parseEvents(adapter, multiMessage)
    expect(events.map((event) => [event.type, event.conversationKey, event.sender.name])).toEqual([
      ['message', KEY, 'Sheena Nelson'],
      ['message', 'whatsapp:106540352242922:447700900123', 'Oliver Smith'],
      ['message', KEY, 'Sheena Nelson'],
      ['message', 'whatsapp:107654321098765:4915112345678', 'Jonas Weber'],
      ['status', 'whatsapp:107654321098765:4915112345678', undefined],
    ])
    expect(events[1]).toEqual({
      type: 'message',
      channel: 'whatsapp',
      conversationKey: 'whatsapp:106540352242922:447700900123',
      externalId: 'wamid:wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUODAwMDAwMDAwMDAwMDAwMDAwMgA=',
      platformMessageId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUODAwMDAwMDAwMDAwMDAwMDAwMgA=',
      sender: { id: '447700900123', name: 'Oliver Smith', isBot: false },
      sentAt: at('1749416601'),
      text: '',
      attachments: [{ kind: 'image', ref: '2000000000000002', mimeType: 'image/png' }],
      raw: expect.anything(),
    })
    expect(new Set(events.map((event) => event.externalId)).size).toBe(5)
  })

  it('keys a group message by its group, with the participant as sender', () => {
    expect(parseEvents(adapter, groupMessage)).toEqual([
      {
        type: 'message',
        channel: 'whatsapp',
        conversationKey: GROUP_KEY,
        externalId: 'wamid:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
        platformMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
        sender: sheena,
        sentAt: at('1739321024'),
        text: 'What do you all think about this?',
        attachments: [],
        raw: expect.anything(),
      },
    ])
    expect(parseEvents(adapter, groupStatus)).toMatchObject([
      { type: 'status', conversationKey: GROUP_KEY, status: 'sent' },
    ])
  })

  it('maps a status-only delivery to receipts keyed by wamid and status', () => {
    const outbound = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA'
    const receipt = (status: string, timestamp: string) => ({
      type: 'status',
      channel: 'whatsapp',
      conversationKey: KEY,
      externalId: `status:${outbound}:${status}`,
      sender: { id: '16505551234', isBot: false },
      sentAt: at(timestamp),
      platformMessageId: outbound,
      status,
      raw: expect.anything(),
    })
    expect(parseEvents(adapter, statusOnly)).toEqual([
      receipt('sent', '1749416700'),
      receipt('delivered', '1749416701'),
      receipt('read', '1749416760'),
    ])
  })

  it('maps a failed status with its error', () => {
    const outbound = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIyQjNDNEQ1RTZGNzg5MEFCQ0QA'
    expect(parseEvents(adapter, statusFailed)).toEqual([
      {
        type: 'status',
        channel: 'whatsapp',
        conversationKey: KEY,
        externalId: `status:${outbound}:failed`,
        sender: { id: '16505551234', isBot: false },
        sentAt: at('1749416800'),
        platformMessageId: outbound,
        status: 'failed',
        error:
          'Re-engagement message: Message failed to send because more than 24 hours have passed ' +
          'since the customer last replied to this number. (131047)',
        raw: expect.anything(),
      },
    ])
  })

  it('answers unsupported types and locations with an empty message', () => {
    for (const fixture of [unsupported, location]) {
      const [event] = parseEvents(adapter, fixture)
      expect(event).toMatchObject({ type: 'message', text: '', attachments: [], sender: sheena })
    }
  })

  it('gives no events for reactions, other webhook fields and other objects', () => {
    expect(parseEvents(adapter, reaction)).toEqual([])
    expect(parseEvents(adapter, templateStatus)).toEqual([])
    expect(parseEvents(adapter, { object: 'page', entry: [] })).toEqual([])
    expect(parseEvents(adapter, { ...statusOnly, entry: [{ id: '1', changes: 'x' }] })).toEqual([])
  })

  it('skips malformed messages and unknown statuses without failing the delivery', () => {
    const value = textMessage.entry[0]?.changes[0]?.value
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                ...value,
                messages: [
                  null,
                  { id: 'wamid.x' },
                  { id: 'wamid.z', from: '1:2', type: 'text', text: { body: 'x' } },
                  ...(value?.messages ?? []),
                ],
                statuses: [{ id: 'wamid.y', status: 'deleted', recipient_id: '1' }, 7],
              },
            },
            { field: 'messages', value: { ...value, metadata: {} } },
          ],
        },
      ],
    }
    expect(parseEvents(adapter, payload).map((event) => event.externalId)).toEqual([
      'wamid:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
    ])
  })

  it('reports bodies that are not notifications as invalid and never throws', () => {
    for (const body of ['', '{', 'null', '[]', '"x"', '{"object":"whatsapp_business_account"}']) {
      expect(adapter.parse(request(body)).kind).toBe('invalid')
    }
  })
})

describe('send', () => {
  it('posts a plain text message with the Bearer token', async () => {
    const fetchFake = fakeFetch()
    const result = await build(fetchFake).send(message('Hello *bold* _it_ <b> & ~x~ `y`'))
    expect(result).toEqual({ ok: true, externalId: WAMID_OK })
    expect(sent(fetchFake)).toEqual({
      url: API,
      method: 'POST',
      authorization: 'Bearer EAAGtestToken',
      contentType: 'application/json',
      body: textBody('Hello *bold* _it_ <b> & ~x~ `y`'),
    })
  })

  it('sends up to 3 buttons as reply buttons, titles cut to 20 characters', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No, something else entirely' },
      { id: 'agent', label: ' ' },
    ]
    await build(fetchFake).send(message('Is this your order?', { buttons }))
    expect(sent(fetchFake).body).toEqual({
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Is this your order?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'no', title: 'No, something else…' } },
            { type: 'reply', reply: { id: 'agent', title: 'agent' } },
          ],
        },
      },
    })
  })

  it('sends 4 to 10 buttons as a list, with the opening button in the text language', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'track', label: 'Track my order' },
      { id: 'return', label: 'Return an item I bought last week' },
      { id: 'invoice', label: 'Invoice' },
      { id: 'agent', label: 'Talk to a person' },
    ]
    await build(fetchFake).send(message('How can we help?', { buttons }))
    expect(sent(fetchFake).body).toEqual({
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'How can we help?' },
        action: {
          button: 'Choose',
          sections: [
            {
              rows: [
                { id: 'track', title: 'Track my order' },
                {
                  id: 'return',
                  title: 'Return an item I bought…',
                  description: 'Return an item I bought last week',
                },
                { id: 'invoice', title: 'Invoice' },
                { id: 'agent', title: 'Talk to a person' },
              ],
            },
          ],
        },
      },
    })
    expect(chooseLabel('请问需要什么帮助？')).toBe('选择')
  })

  it('degrades more than 10 buttons, or ids that do not fit, to a numbered list', async () => {
    const fetchFake = fakeFetch()
    const buttons = Array.from({ length: 11 }, (_, i) => ({
      id: `b${i}`,
      label: `Option ${i + 1}`,
    }))
    await build(fetchFake).send(message('Pick one', { buttons }))
    const list = buttons.map((_, i) => `${i + 1}. Option ${i + 1}`).join('\n')
    expect(sent(fetchFake).body).toEqual(textBody(`Pick one\n\n${list}`))
    const longId = [{ id: 'x'.repeat(257), label: 'Yes' }]
    expect(contentsFor('Sure?', longId)).toEqual([
      { type: 'text', text: { body: 'Sure?\n\n1. Yes', preview_url: false } },
    ])
    const twins = [
      { id: 'a', label: 'Exactly twenty chars!A' },
      { id: 'b', label: 'Exactly twenty chars!B' },
    ]
    expect(contentsFor('Which?', twins)[0]).toMatchObject({ type: 'text' })
  })

  it('splits 9000 characters into 3 messages and returns the last wamid', async () => {
    const fetchFake = fakeFetch((call) =>
      json({ ...sendOk, messages: [{ id: `wamid.part${call}` }] })
    )
    const text = 'abcd '.repeat(1800)
    expect(await build(fetchFake).send(message(text))).toEqual({
      ok: true,
      externalId: 'wamid.part2',
    })
    const chunks = bodies(fetchFake).map((body) => (body.text as { body: string }).body)
    expect(chunks).toHaveLength(3)
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096)
    expect(chunks.join(' ')).toBe(text)
  })

  it('sends the overflow of a long text with buttons as plain text first', async () => {
    const fetchFake = fakeFetch()
    const text = 'Lorem ipsum dolor sit amet. '.repeat(200)
    const buttons = [{ id: 'yes', label: 'Yes' }]
    await build(fetchFake).send(message(text, { buttons }))
    const sentBodies = bodies(fetchFake)
    expect(sentBodies.map((body) => body.type)).toEqual(['text', 'text', 'interactive'])
    const last = sentBodies[2] as { interactive: { body: { text: string } } }
    expect(last.interactive.body.text.length).toBeLessThanOrEqual(MAX_BODY)
    const texts = sentBodies.slice(0, 2).map((body) => (body.text as { body: string }).body)
    expect([...texts, last.interactive.body.text].join(' ')).toBe(text)
  })

  it('sends to a group as recipient_type group, with buttons as a numbered list', async () => {
    const fetchFake = fakeFetch()
    const to = { channel: 'whatsapp' as const, conversationKey: GROUP_KEY }
    const buttons = [{ id: 'yes', label: 'Yes' }]
    await build(fetchFake).send(message('Agreed?', { to, buttons }))
    expect(sent(fetchFake).body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'group',
      to: GROUP_ID,
      type: 'text',
      text: { body: 'Agreed?\n\n1. Yes', preview_url: false },
    })
  })

  it('sends a placeholder for empty text', async () => {
    const fetchFake = fakeFetch()
    await build(fetchFake).send(message('', { buttons: [{ id: 'ok', label: 'OK' }] }))
    expect(sent(fetchFake).body).toMatchObject({ interactive: { body: { text: '…' } } })
  })

  it('refuses a free-form message outside the 24-hour window without calling Graph', async () => {
    const fetchFake = fakeFetch()
    const adapter = build(fetchFake)
    const closed = { ok: false, retryable: false, reason: 'window_closed' }
    expect(await adapter.send(message('hi', { lastInboundAt: null }))).toEqual(closed)
    const stale = message('hi', { lastInboundAt: NOW - 24 * HOUR - 1 })
    expect(await adapter.send(stale)).toEqual(closed)
    expect(await adapter.send(message('hi', { template: 'unknown', lastInboundAt: null }))).toEqual(
      closed
    )
    expect(fetchFake).not.toHaveBeenCalled()
    expect((await adapter.send(message('hi', { lastInboundAt: NOW - 24 * HOUR }))).ok).toBe(true)
  })

  it('sends the configured template outside the window', async () => {
    const fetchFake = fakeFetch()
    const outside = message('Your order shipped', {
      template: 'order.shipped',
      lastInboundAt: null,
    })
    expect(await build(fetchFake).send(outside)).toEqual({ ok: true, externalId: WAMID_OK })
    expect(fetchFake).toHaveBeenCalledTimes(1)
    expect(sent(fetchFake).body).toEqual({
      ...envelope,
      type: 'template',
      template: { name: 'order_shipped', language: { code: 'en_US' } },
    })
  })

  it('sends free-form text inside the window even when a template is configured', async () => {
    const fetchFake = fakeFetch()
    await build(fetchFake).send(message('Your order shipped', { template: 'order.shipped' }))
    expect(sent(fetchFake).body).toEqual(textBody('Your order shipped'))
  })

  it('maps 131047 to window_closed, falling back to the template when there is one', async () => {
    const refused = await build(fakeFetch(() => json(error131047, 400))).send(message('hi'))
    expect(refused).toEqual({ ok: false, retryable: false, reason: 'window_closed' })
    const fetchFake = fakeFetch((call) => (call === 0 ? json(error131047, 400) : json(sendOk)))
    const result = await build(fetchFake).send(message('hi', { template: 'order.shipped' }))
    expect(result).toEqual({ ok: true, externalId: WAMID_OK })
    expect(bodies(fetchFake).map((body) => body.type)).toEqual(['text', 'template'])
  })

  it('ignores a malformed WHATSAPP_TEMPLATES', async () => {
    const fetchFake = fakeFetch()
    const adapter = build(fetchFake, { ...SETTINGS, WHATSAPP_TEMPLATES: '{not json' })
    const outside = message('hi', { template: 'order.shipped', lastInboundAt: null })
    expect(await adapter.send(outside)).toMatchObject({ reason: 'window_closed' })
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('fails without a request for a key of another channel or shape', async () => {
    const fetchFake = fakeFetch()
    const keys = ['slack:T1:C1', 'whatsapp:16505551234', 'whatsapp:abc:1', 'whatsapp:1:grp:2']
    for (const conversationKey of keys) {
      const result = await build(fetchFake).send(
        message('hi', { to: { channel: 'whatsapp', conversationKey } })
      )
      expect(result).toMatchObject({ ok: false, retryable: false })
    }
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('classifies rate limits as retryable, with 60 s or 6 s for the pair limit', async () => {
    expect(await build(fakeFetch(() => json(error130429, 429))).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
      reason: 'Graph error 130429/2494055: (#130429) Rate limit hit',
    })
    expect(await build(fakeFetch(() => json(error131056, 400))).send(message('hi'))).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 6000,
    })
  })

  it('classifies 5xx, transient codes and non-JSON gateways as retryable', async () => {
    expect(await build(fakeFetch(() => json(error2, 500))).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'Graph error 2: An unexpected error has occurred. Please retry your request later.',
    })
    const html = () => new Response('<html>Bad Gateway</html>', { status: 502 })
    expect(await build(fakeFetch(html)).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 502',
    })
  })

  it('classifies token, parameter and undeliverable errors as final', async () => {
    const token = await build(fakeFetch(() => json(error190, 401))).send(message('hi'))
    expect(token).toMatchObject({ ok: false, retryable: false })
    expect(!token.ok && token.reason).toMatch(/^Graph error 190\/463: Error validating/)
    const param = await build(fakeFetch(() => json(error100, 400))).send(message('hi'))
    expect(param).toEqual({
      ok: false,
      retryable: false,
      reason: 'Graph error 100: (#100) Invalid parameter',
    })
    const gone = await build(fakeFetch(() => json(error131026, 400))).send(message('hi'))
    expect(gone).toMatchObject({ ok: false, retryable: false })
  })

  it('classifies a thrown fetch as retryable, without leaking the token', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error('auth EAAGtestToken refused')))
    const result = await build(leaky).send(message('hi'))
    expect(result).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: auth <redacted> refused',
    })
  })

  it('stops at the first failed part', async () => {
    const fetchFake = fakeFetch((call) => (call === 0 ? json(sendOk) : json(error2, 503)))
    const result = await build(fetchFake).send(message('x'.repeat(9000)))
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(fetchFake).toHaveBeenCalledTimes(2)
  })
})

describe('fetchMedia', () => {
  const MEDIA_ID = '1003383421387256'
  const MEDIA_API = `https://graph.test/v21.0/${MEDIA_ID}`
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
  const image = { kind: 'image' as const, ref: MEDIA_ID, mimeType: 'image/jpeg' }
  const file = (status = 200) =>
    new Response(JPEG, { status, headers: { 'content-type': 'image/jpeg' } })
  const calls = (fetchFake: ReturnType<typeof fakeFetch>) =>
    fetchFake.mock.calls.map(([input, init]) => ({
      url: String(input),
      method: init?.method,
      authorization: new Headers(init?.headers).get('authorization'),
    }))
  const fetchMedia = (adapter: ChannelAdapter) => {
    if (!adapter.fetchMedia) throw new Error('no fetchMedia')
    return adapter.fetchMedia.bind(adapter)
  }

  it('resolves the media id on Graph, then downloads its URL with the same bearer token', async () => {
    const fetchFake = fakeFetch((call) => (call === 0 ? json(mediaUrl) : file()))
    const result = await fetchMedia(build(fetchFake))(image)
    expect(calls(fetchFake)).toEqual([
      { url: MEDIA_API, method: 'GET', authorization: 'Bearer EAAGtestToken' },
      { url: mediaUrl.url, method: 'GET', authorization: 'Bearer EAAGtestToken' },
    ])
    if (!result.ok) throw new Error(result.reason)
    expect(result.mimeType).toBe('image/jpeg')
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(JPEG)
    // The media host wants a User-Agent.
    expect(new Headers(fetchFake.mock.calls[1]?.[1]?.headers).get('user-agent')).toBeTruthy()
  })

  it("takes the MIME type from Graph and keeps a document's file name", async () => {
    const pdf = { ...mediaUrl, mime_type: 'application/pdf', file_size: '52313' }
    const fetchFake = fakeFetch((call) =>
      call === 0
        ? json(pdf)
        : new Response('%PDF-1.7', { headers: { 'content-type': 'application/octet-stream' } })
    )
    const result = await fetchMedia(build(fetchFake))({
      kind: 'file',
      ref: MEDIA_ID,
      name: 'invoice-1042.pdf',
    })
    expect(result).toMatchObject({
      ok: true,
      mimeType: 'application/pdf',
      name: 'invoice-1042.pdf',
    })
  })

  it('refuses a file Graph declares over 20 MB without downloading it', async () => {
    const fetchFake = fakeFetch(() => json({ ...mediaUrl, file_size: 20 * 1024 * 1024 + 1 }))
    const result = await fetchMedia(build(fetchFake))(image)
    expect(result).toEqual({
      ok: false,
      retryable: false,
      tooLarge: true,
      reason: 'file is 20971521 bytes',
    })
    expect(fetchFake).toHaveBeenCalledTimes(1)
  })

  it('retries a rate-limited or failing Graph lookup and a 5xx download', async () => {
    expect(await fetchMedia(build(fakeFetch(() => json(error130429, 429))))(image)).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
    })
    const cdn = fakeFetch((call) =>
      call === 0 ? json(mediaUrl) : new Response('busy', { status: 503 })
    )
    expect(await fetchMedia(build(cdn))(image)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download answered 503',
    })
  })

  it('gives up on an unknown or expired media id, and on a 404 download', async () => {
    const gone = fakeFetch(() => json(error100Media, 400))
    const result = await fetchMedia(build(gone))(image)
    expect(result).toMatchObject({ ok: false, retryable: false })
    expect(!result.ok && result.reason).toMatch(/^Graph error 100\/33: Unsupported get request/)
    expect(gone).toHaveBeenCalledTimes(1)
    const missing = fakeFetch((call) => (call === 0 ? json(mediaUrl) : file(404)))
    expect(await fetchMedia(build(missing))(image)).toEqual({
      ok: false,
      retryable: false,
      reason: 'download answered 404',
    })
  })

  it('never leaks the token and never throws', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error('auth EAAGtestToken refused')))
    expect(await fetchMedia(build(leaky))(image)).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: auth <redacted> refused',
    })
    const cdn = fakeFetch((call) =>
      call === 0 ? json(mediaUrl) : Promise.reject(new Error('reset with EAAGtestToken'))
    )
    expect(await fetchMedia(build(cdn))(image)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download failed: reset with <token>',
    })
    const page = fakeFetch((call) =>
      call === 0
        ? json(mediaUrl)
        : new Response('<html>Unsupported browser</html>', {
            headers: { 'content-type': 'text/html' },
          })
    )
    expect(await fetchMedia(build(page))(image)).toMatchObject({ ok: false, retryable: false })
    const noUrl = fakeFetch(() => json({ messaging_product: 'whatsapp', id: MEDIA_ID }))
    expect(await fetchMedia(build(noUrl))(image)).toMatchObject({ ok: false, retryable: false })
  })
})
