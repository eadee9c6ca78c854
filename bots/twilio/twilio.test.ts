import { describe, expect, it } from 'vitest'
import type { ChannelAdapter, OutboundMessage, WebhookRequest } from '../../src/channels/types'
import { configured, eventsOf, outboundTo } from '../../test/support/adapters'
import {
  type Answer,
  type FetchFake,
  json as jsonAnswer,
  platformStandIn,
  sentRequest,
} from '../../test/support/platform'
import { decodeAddress, encodeAddress } from './address'
import { stringToSign, twilioSignature, urlVariants, verifySignature } from './crypto'
import error20003 from './fixtures/error-20003.json'
import error20429 from './fixtures/error-20429.json'
import error21211 from './fixtures/error-21211.json'
import error21408 from './fixtures/error-21408.json'
import error21610 from './fixtures/error-21610.json'
import error21614 from './fixtures/error-21614.json'
import error500 from './fixtures/error-500.json'
import error63016 from './fixtures/error-63016.json'
import inboundMms from './fixtures/inbound-mms.json'
import inboundSms from './fixtures/inbound-sms.json'
import longText from './fixtures/long-text.json'
import messageCreated from './fixtures/message-created.json'
import statusDelivered from './fixtures/status-delivered.json'
import statusFailedWindow from './fixtures/status-failed-window-whatsapp.json'
import statusQueued from './fixtures/status-queued.json'
import statusRead from './fixtures/status-read-whatsapp.json'
import statusUndelivered from './fixtures/status-undelivered.json'
import whatsappEmoji from './fixtures/whatsapp-emoji.json'
import whatsappText from './fixtures/whatsapp-text.json'
import whatsappVoice from './fixtures/whatsapp-voice.json'
import { classify, segments, splitBody, withOptions } from './format'
import { twilio } from './index'
import { EMPTY_TWIML } from './parse'

const SID = 'AC0123456789abcdef0123456789abcdef'
const TOKEN = 'twilio-auth-token'
const SETTINGS = {
  TWILIO_AUTH_TOKEN: TOKEN,
  TWILIO_ACCOUNT_SID: SID,
  TWILIO_API_BASE: 'https://tw.test',
}
const ENDPOINT = `https://tw.test/2010-04-01/Accounts/${SID}/Messages.json`
const WEBHOOK = 'https://engine.test/webhooks/twilio'
const RECEIVED_AT = 1_700_009_999_000
const NOW = 1_700_000_000_000
const SMS_KEY = 'twilio:+18005551212:+14158675309'
const WA_KEY = 'twilio:wa+14155238886:wa+14155551234'

type Fields = Record<string, string>

/** A form delivery of `fields` to `url`, signed with `token` over `signedUrl` (default: `url`). */
const formRequest = async (
  fields: Fields,
  options: { url?: string; token?: string; signedUrl?: string; signature?: string } = {}
): Promise<WebhookRequest> => {
  const url = options.url ?? WEBHOOK
  const params = new Map(Object.entries(fields).map(([key, value]) => [key, [value]]))
  const signature =
    options.signature ??
    (await twilioSignature(options.token ?? TOKEN, options.signedUrl ?? url, params))
  return {
    method: 'POST',
    url: new URL(url),
    headers: new Headers({
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      'X-Twilio-Signature': signature,
    }),
    body: new URLSearchParams(fields).toString(),
    receivedAt: RECEIVED_AT,
  }
}

const unsigned = (body: string, url = WEBHOOK): WebhookRequest => ({
  method: 'POST',
  url: new URL(url),
  headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
  body,
  receivedAt: RECEIVED_AT,
})

// Twilio answers a created message with 201.
const json = (body: unknown, status = 201): Response => jsonAnswer(body, status)

/** A fetch fake answering every call with a fresh response from `answer`. */
const fakeFetch = (answer: Answer = () => json(messageCreated)) => platformStandIn(answer)

const build = (fetchFake: typeof fetch = fakeFetch(), settings: object = SETTINGS) =>
  configured(twilio, settings, { fetch: fetchFake })

/** The nth request a fetch fake received, decoded from its form body. */
const sent = (fetchFake: FetchFake, index = 0) => {
  const { headers: _headers, ...request } = sentRequest(fetchFake, index)
  return { ...request, form: Object.fromEntries(new URLSearchParams(request.raw)) }
}

const parseEvents = eventsOf

const parseFields = (adapter: ChannelAdapter, fields: Fields) =>
  parseEvents(adapter, unsigned(new URLSearchParams(fields).toString()))

const message = outboundTo('twilio', SMS_KEY, {
  idempotencyKey: 'outbox-1',
  now: NOW,
  lastInboundAt: NOW - 60_000,
})

const waMessage = (text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage =>
  message(text, { to: { channel: 'twilio', conversationKey: WA_KEY }, ...extra })

// Official vectors #5 and #6 (twilio-node spec/validation.spec.js; CHANNELS.md §10).
const VECTOR_TOKEN = '12345'
const VECTOR_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2'
const VECTOR_PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
}
const VECTOR_SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='
const VECTOR_SIGNATURE_443 = 'kvajT1Ptam85bY51eRf/AJRuM3w='
const VECTOR_JSON_BODY = '{"property": "value", "boolean": true}'
const VECTOR_BODY_HASH = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620'
const VECTOR_JSON_SIGNATURE = 'a9nBmqA0ju/hNViExpshrM61xv4='

describe('twilio factory', () => {
  it('returns null without an auth token or an account SID', () => {
    expect(twilio({} as unknown as Env)).toBeNull()
    expect(twilio({ ...SETTINGS, TWILIO_AUTH_TOKEN: '' } as unknown as Env)).toBeNull()
    expect(twilio({ ...SETTINGS, TWILIO_ACCOUNT_SID: '' } as unknown as Env)).toBeNull()
    expect(twilio({ TWILIO_AUTH_TOKEN: TOKEN } as unknown as Env)).toBeNull()
  })

  it('builds the twilio adapter when both secrets are set', () => {
    expect(twilio(SETTINGS as unknown as Env)?.channel).toBe('twilio')
  })
})

describe('signature (official vectors)', () => {
  const vectorParams = new Map(Object.entries(VECTOR_PARAMS).map(([k, v]) => [k, [v]]))

  it('builds the documented string to sign', () => {
    expect(stringToSign(VECTOR_URL, vectorParams)).toBe(
      'https://mycompany.com/myapp.php?foo=1&bar=2' +
        'CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212'
    )
  })

  it('computes vector #5 with and without the default port', async () => {
    expect(await twilioSignature(VECTOR_TOKEN, VECTOR_URL, vectorParams)).toBe(VECTOR_SIGNATURE)
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2'
    expect(await twilioSignature(VECTOR_TOKEN, withPort, vectorParams)).toBe(VECTOR_SIGNATURE_443)
  })

  it('accepts vector #5 signed over either URL spelling', async () => {
    const body = new URLSearchParams(VECTOR_PARAMS).toString()
    for (const url of [VECTOR_URL, 'https://mycompany.com:443/myapp.php?foo=1&bar=2']) {
      for (const signature of [VECTOR_SIGNATURE, VECTOR_SIGNATURE_443]) {
        expect(await verifySignature(VECTOR_TOKEN, signature, new URL(url), body)).toBe(true)
      }
    }
  })

  it('accepts vector #5 through the adapter', async () => {
    const adapter = build(fakeFetch(), { ...SETTINGS, TWILIO_AUTH_TOKEN: VECTOR_TOKEN })
    const req = await formRequest(VECTOR_PARAMS, { url: VECTOR_URL, signature: VECTOR_SIGNATURE })
    expect(await adapter.verify(req)).toBe(true)
    const port = await formRequest(VECTOR_PARAMS, {
      url: VECTOR_URL,
      signature: VECTOR_SIGNATURE_443,
    })
    expect(await adapter.verify(port)).toBe(true)
  })

  it('rejects vector #5 with another token, parameter or query', async () => {
    const body = new URLSearchParams(VECTOR_PARAMS).toString()
    const url = new URL(VECTOR_URL)
    expect(await verifySignature('54321', VECTOR_SIGNATURE, url, body)).toBe(false)
    const digits = new URLSearchParams({ ...VECTOR_PARAMS, Digits: '1235' }).toString()
    expect(await verifySignature(VECTOR_TOKEN, VECTOR_SIGNATURE, url, digits)).toBe(false)
    const extra = `${body}&Extra=1`
    expect(await verifySignature(VECTOR_TOKEN, VECTOR_SIGNATURE, url, extra)).toBe(false)
    const query = new URL('https://mycompany.com/myapp.php?foo=1&bar=3')
    expect(await verifySignature(VECTOR_TOKEN, VECTOR_SIGNATURE, query, body)).toBe(false)
    const http = new URL('http://mycompany.com/myapp.php?foo=1&bar=2')
    expect(await verifySignature(VECTOR_TOKEN, VECTOR_SIGNATURE, http, body)).toBe(false)
  })

  it('accepts vector #6 (JSON body, bodySHA256 in the URL)', async () => {
    const url = new URL(`${VECTOR_URL}&bodySHA256=${VECTOR_BODY_HASH}`)
    expect(await twilioSignature(VECTOR_TOKEN, url.href)).toBe(VECTOR_JSON_SIGNATURE)
    expect(await verifySignature(VECTOR_TOKEN, VECTOR_JSON_SIGNATURE, url, VECTOR_JSON_BODY)).toBe(
      true
    )
  })

  it('rejects vector #6 with a tampered body or a wrong hash', async () => {
    const url = new URL(`${VECTOR_URL}&bodySHA256=${VECTOR_BODY_HASH}`)
    const tampered = '{"property": "value", "boolean": false}'
    expect(await verifySignature(VECTOR_TOKEN, VECTOR_JSON_SIGNATURE, url, tampered)).toBe(false)
    const otherHash = new URL(`${VECTOR_URL}&bodySHA256=${'0'.repeat(64)}`)
    const resigned = await twilioSignature(VECTOR_TOKEN, otherHash.href)
    expect(await verifySignature(VECTOR_TOKEN, resigned, otherHash, VECTOR_JSON_BODY)).toBe(false)
  })

  it('sorts and de-duplicates the values of a repeated key', () => {
    const params = new Map([
      ['b', ['x']],
      ['a', ['2', '1', '2']],
    ])
    expect(stringToSign('https://h/p', params)).toBe('https://h/pa1a2bx')
  })

  it('lists the URL without and with its default port', () => {
    expect(urlVariants(new URL('https://a.test/w?x=1'))).toEqual([
      'https://a.test/w?x=1',
      'https://a.test:443/w?x=1',
    ])
    expect(urlVariants(new URL('http://a.test/w'))).toEqual([
      'http://a.test/w',
      'http://a.test:80/w',
    ])
    expect(urlVariants(new URL('http://localhost:8787/w'))).toEqual([
      'http://localhost/w',
      'http://localhost:8787/w',
    ])
  })
})

describe('verify', () => {
  const adapter = build()

  it('accepts correctly signed fixtures', async () => {
    for (const fixture of [
      inboundSms,
      inboundMms,
      whatsappText,
      whatsappEmoji,
      statusUndelivered,
    ]) {
      expect(await adapter.verify(await formRequest(fixture))).toBe(true)
    }
  })

  it('accepts a signature over the URL with :443 and a tunnel URL with its own port', async () => {
    const port = await formRequest(inboundSms, {
      signedUrl: 'https://engine.test:443/webhooks/twilio',
    })
    expect(await adapter.verify(port)).toBe(true)
    const tunnel = 'http://localhost:8787/webhooks/twilio'
    expect(await adapter.verify(await formRequest(inboundSms, { url: tunnel }))).toBe(true)
  })

  it('reads the header case-insensitively', async () => {
    const req = await formRequest(inboundSms)
    const signature = req.headers.get('X-Twilio-Signature') ?? ''
    const lower = { ...req, headers: new Headers({ 'x-twilio-signature': signature }) }
    expect(await adapter.verify(lower)).toBe(true)
  })

  it('rejects a missing, empty or wrong-token signature', async () => {
    const body = new URLSearchParams(inboundSms).toString()
    expect(await adapter.verify(unsigned(body))).toBe(false)
    expect(await adapter.verify(await formRequest(inboundSms, { signature: '' }))).toBe(false)
    expect(await adapter.verify(await formRequest(inboundSms, { token: 'wrong-token' }))).toBe(
      false
    )
  })

  it('rejects a tampered body, another URL and a replay to another path', async () => {
    const req = await formRequest(inboundSms)
    const tampered = req.body.replace('Where+is+my+order', 'Where+is+my+refund')
    expect(await adapter.verify({ ...req, body: tampered })).toBe(false)
    for (let i = 0; i < req.body.length; i++) {
      const flipped =
        req.body.slice(0, i) + (req.body[i] === 'a' ? 'b' : 'a') + req.body.slice(i + 1)
      expect(await adapter.verify({ ...req, body: flipped })).toBe(false)
    }
    const other = await formRequest(inboundSms, { signedUrl: 'https://evil.test/webhooks/twilio' })
    expect(await adapter.verify(other)).toBe(false)
    expect(await adapter.verify({ ...req, url: new URL(`${WEBHOOK}?x=1`) })).toBe(false)
  })

  it('never throws on garbage', async () => {
    const req = await formRequest(inboundSms)
    for (const body of ['', '{', '%', '%%E0%A4%A', '\u0000\uffff', '&&&==', 'a=1&b=2']) {
      await expect(adapter.verify({ ...req, body })).resolves.toBe(false)
    }
  })
})

describe('parse', () => {
  const adapter = build()

  /** A parsed Twilio message: the fields every webhook shares, then the webhook's own. */
  const twilioMessage = (fields: Record<string, unknown>) => ({
    type: 'message',
    channel: 'twilio',
    attachments: [],
    ...fields,
  })

  /** A parsed Twilio status callback: the fields every callback shares, then its own. */
  const twilioStatus = (fields: Record<string, unknown>) => ({
    type: 'status',
    channel: 'twilio',
    ...fields,
  })

  it('maps the documented inbound SMS (raw form body)', () => {
    const body =
      'ToCountry=US&ToState=CA&SmsMessageSid=SM1234567890abcdef1234567890abcdef&NumMedia=0' +
      '&ToCity=&FromZip=03060&SmsSid=SM1234567890abcdef1234567890abcdef&FromState=NH' +
      '&SmsStatus=received&FromCity=NASHUA&Body=Where+is+my+order%3F&FromCountry=US' +
      '&To=%2B18005551212&MessagingServiceSid=MG9f8e7d6c5b4a39281706f5e4d3c2b1a0&ToZip=' +
      '&NumSegments=1&MessageSid=SM1234567890abcdef1234567890abcdef' +
      `&AccountSid=${SID}&From=%2B14158675309&ApiVersion=2010-04-01`
    expect(parseEvents(adapter, unsigned(body))).toEqual([
      twilioMessage({
        conversationKey: SMS_KEY,
        externalId: 'sms:SM1234567890abcdef1234567890abcdef',
        platformMessageId: 'SM1234567890abcdef1234567890abcdef',
        sender: { id: '+14158675309', isBot: false },
        sentAt: RECEIVED_AT,
        text: 'Where is my order?',
        raw: inboundSms,
      }),
    ])
  })

  it('answers with empty TwiML as text/xml', async () => {
    const result = adapter.parse(await formRequest(inboundSms))
    if (result.kind !== 'events' || !result.ack) throw new Error('expected an ack')
    const response = result.ack()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/xml')
    expect(await response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
    )
    expect(EMPTY_TWIML).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>')
  })

  it.each<[string, Fields, Record<string, unknown>]>([
    [
      'maps an MMS with two media to attachments',
      inboundMms,
      {
        conversationKey: SMS_KEY,
        externalId: 'sms:MM5ef8732a3c49700934481addd5ce1659',
        platformMessageId: 'MM5ef8732a3c49700934481addd5ce1659',
        sender: { id: '+14158675309', isBot: false },
        sentAt: RECEIVED_AT,
        text: 'The box arrived crushed, photo and invoice attached',
        attachments: [
          { kind: 'image', ref: inboundMms.MediaUrl0, mimeType: 'image/jpeg' },
          { kind: 'file', ref: inboundMms.MediaUrl1, mimeType: 'application/pdf' },
        ],
        raw: inboundMms,
      },
    ],
    [
      'maps a WhatsApp message with the profile name and wa-encoded key',
      whatsappText,
      {
        conversationKey: WA_KEY,
        externalId: 'sms:SMf0e1d2c3b4a5968778695a4b3c2d1e0f',
        platformMessageId: 'SMf0e1d2c3b4a5968778695a4b3c2d1e0f',
        sender: { id: 'whatsapp:+14155551234', name: 'Ada Lovelace', isBot: false },
        sentAt: RECEIVED_AT,
        text: 'Hi! Can I change the delivery address for order #1042?',
        raw: whatsappText,
      },
    ],
    [
      'keeps emoji in text and profile name intact',
      whatsappEmoji,
      {
        conversationKey: 'twilio:wa+14155238886:wa+5215512345678',
        externalId: 'sms:SMa1b2c3d4e5f60718293a4b5c6d7e8f90',
        platformMessageId: 'SMa1b2c3d4e5f60718293a4b5c6d7e8f90',
        sender: { id: 'whatsapp:+5215512345678', name: 'José 🌵', isBot: false },
        sentAt: RECEIVED_AT,
        text: 'Merci 🙏 le colis est arrivé 📦👍🏽 👩‍👩‍👧',
        raw: whatsappEmoji,
      },
    ],
    [
      'maps a WhatsApp voice note to an audio attachment with empty text',
      whatsappVoice,
      {
        conversationKey: WA_KEY,
        externalId: 'sms:SMb2c3d4e5f60718293a4b5c6d7e8f9a01',
        platformMessageId: 'SMb2c3d4e5f60718293a4b5c6d7e8f9a01',
        sender: { id: 'whatsapp:+14155551234', name: 'Ada Lovelace', isBot: false },
        sentAt: RECEIVED_AT,
        text: '',
        attachments: [{ kind: 'audio', ref: whatsappVoice.MediaUrl0, mimeType: 'audio/ogg' }],
        raw: whatsappVoice,
      },
    ],
  ])('%s', (_, payload, fields) => {
    expect(parseFields(adapter, payload)).toEqual([twilioMessage(fields)])
  })

  it('keeps a 1600-character text whole', () => {
    expect(longText.Body).toHaveLength(1600)
    expect(parseFields(adapter, longText)).toEqual([
      twilioMessage({
        conversationKey: SMS_KEY,
        externalId: 'sms:SMc3d4e5f60718293a4b5c6d7e8f9a0b12',
        platformMessageId: 'SMc3d4e5f60718293a4b5c6d7e8f9a0b12',
        sender: { id: '+14158675309', isBot: false },
        sentAt: RECEIVED_AT,
        text: longText.Body,
        raw: longText,
      }),
    ])
  })

  it.each<[string, Fields, Record<string, unknown>]>([
    [
      'maps a delivered status callback to a receipt keyed shop first',
      statusDelivered,
      {
        conversationKey: SMS_KEY,
        externalId: 'status:SMd4e5f60718293a4b5c6d7e8f9a0b1c23:delivered',
        platformMessageId: 'SMd4e5f60718293a4b5c6d7e8f9a0b1c23',
        status: 'delivered',
        sender: { id: '+14158675309', isBot: false },
        sentAt: RECEIVED_AT,
        raw: statusDelivered,
      },
    ],
    [
      'maps undelivered to failed with the error code explained',
      statusUndelivered,
      {
        conversationKey: SMS_KEY,
        externalId: 'status:SMe5f60718293a4b5c6d7e8f9a0b1c2d34:undelivered',
        platformMessageId: 'SMe5f60718293a4b5c6d7e8f9a0b1c2d34',
        status: 'failed',
        error: 'twilio 30003: unreachable destination handset',
        sender: { id: '+14158675309', isBot: false },
        sentAt: RECEIVED_AT,
        raw: statusUndelivered,
      },
    ],
  ])('%s', (_, payload, fields) => {
    expect(parseFields(adapter, payload)).toEqual([twilioStatus(fields)])
  })

  it('maps WhatsApp read and a 63016 failure (window_closed)', () => {
    expect(parseFields(adapter, statusRead)).toEqual([
      twilioStatus({
        conversationKey: WA_KEY,
        externalId: 'status:SMf60718293a4b5c6d7e8f9a0b1c2d3e45:read',
        platformMessageId: 'SMf60718293a4b5c6d7e8f9a0b1c2d3e45',
        status: 'read',
        sender: { id: 'whatsapp:+14155551234', isBot: false },
        sentAt: RECEIVED_AT,
        raw: statusRead,
      }),
    ])
    expect(parseFields(adapter, statusFailedWindow)).toMatchObject([
      { type: 'status', status: 'failed', error: 'window_closed', conversationKey: WA_KEY },
    ])
  })

  it('gives no events for intermediate statuses and non-messaging webhooks', async () => {
    expect(parseFields(adapter, statusQueued)).toEqual([])
    const call = {
      AccountSid: SID,
      CallSid: 'CA1234567890ABCDE',
      From: '+14158675309',
      To: '+18005551212',
    }
    expect(parseFields(adapter, call)).toEqual([])
  })

  it('treats prototype names as plain values', () => {
    const odd = { ...statusDelivered, MessageStatus: 'constructor' }
    expect(parseFields(adapter, odd)).toEqual([])
    const body = `__proto__=x&toString=y&${new URLSearchParams(inboundSms).toString()}`
    expect(parseEvents(adapter, unsigned(body))).toMatchObject([
      { raw: { ['__proto__']: 'x', toString: 'y', Body: 'Where is my order?' } },
    ])
  })

  it('rejects another account, missing addresses and garbage without throwing', () => {
    const other = { ...inboundSms, AccountSid: 'AC00000000000000000000000000000000' }
    expect(adapter.parse(unsigned(new URLSearchParams(other).toString()))).toEqual({
      kind: 'invalid',
      reason: 'AccountSid does not match TWILIO_ACCOUNT_SID',
    })
    const { From: _from, ...noFrom } = inboundSms
    expect(adapter.parse(unsigned(new URLSearchParams(noFrom).toString())).kind).toBe('invalid')
    for (const body of ['', '{', 'null', '[]', '"text"', '{"a":1}', '<xml><a>', 'a=1&b=2', '%']) {
      expect(() => adapter.parse(unsigned(body))).not.toThrow()
      expect(adapter.parse(unsigned(body)).kind).toBe('invalid')
    }
  })

  it('reads a JSON-body delivery and the query of a GET webhook', () => {
    const jsonReq = unsigned(JSON.stringify(inboundSms), `${WEBHOOK}?bodySHA256=${'0'.repeat(64)}`)
    expect(parseEvents(adapter, jsonReq)).toMatchObject([
      { externalId: `sms:${inboundSms.MessageSid}` },
    ])
    const get: WebhookRequest = {
      ...unsigned('', `${WEBHOOK}?${new URLSearchParams(inboundSms).toString()}`),
      method: 'GET',
    }
    expect(parseEvents(adapter, get)).toMatchObject([{ text: 'Where is my order?' }])
    const notObject = unsigned('[1]', `${WEBHOOK}?bodySHA256=${'0'.repeat(64)}`)
    expect(adapter.parse(notObject).kind).toBe('invalid')
  })
})

describe('addresses', () => {
  it('encodes addresses reversibly without colons', () => {
    const cases: [string, string][] = [
      ['+14158675309', '+14158675309'],
      ['12345', '12345'],
      ['whatsapp:+14155551234', 'wa+14155551234'],
      ['messenger:1234567890', '~messenger%3A1234567890'],
      ['wat', '~wat'],
      ['~x', '~~x'],
    ]
    for (const [address, id] of cases) {
      expect(encodeAddress(address)).toBe(id)
      expect(id).not.toContain(':')
      expect(decodeAddress(id)).toBe(address)
    }
  })

  it('refuses ids that are not canonical', () => {
    for (const id of ['', 'wa', '~', 'abc', '~%E0%A4%A', '~%2B1555', 'wa+1x']) {
      expect(decodeAddress(id)).toBeNull()
    }
  })
})

describe('send', () => {
  it('posts the form to Messages.json with Basic auth, text unescaped', async () => {
    const fetchFake = fakeFetch()
    const result = await build(fetchFake).send(message('Hello <b> & *bold* _x_'))
    expect(result).toEqual({ ok: true, externalId: 'SM293a4b5c6d7e8f9a0b1c2d3e4f5a6b78' })
    expect(fetchFake).toHaveBeenCalledTimes(1)
    expect(sent(fetchFake)).toEqual({
      url: ENDPOINT,
      method: 'POST',
      authorization: `Basic ${btoa(`${SID}:${TOKEN}`)}`,
      contentType: 'application/x-www-form-urlencoded',
      raw: 'To=%2B14158675309&From=%2B18005551212&Body=Hello+%3Cb%3E+%26+*bold*+_x_',
      form: { To: '+14158675309', From: '+18005551212', Body: 'Hello <b> & *bold* _x_' },
    })
  })

  it('sends WhatsApp with whatsapp: addresses rebuilt from the key', async () => {
    const fetchFake = fakeFetch()
    await build(fetchFake).send(waMessage('Sure, which address?'))
    expect(sent(fetchFake).form).toEqual({
      To: 'whatsapp:+14155551234',
      From: 'whatsapp:+14155238886',
      Body: 'Sure, which address?',
    })
  })

  it('appends buttons as numbered reply options, in Chinese for Han text', async () => {
    const buttons = [
      { id: 'track', label: 'Track order' },
      { id: 'human', label: 'Talk to a human' },
    ]
    const fetchFake = fakeFetch()
    await build(fetchFake).send(message('How can we help?', { buttons }))
    expect(sent(fetchFake).form.Body).toBe(
      'How can we help?\n\nReply 1 for Track order\nReply 2 for Talk to a human'
    )
    const zh = fakeFetch()
    const zhButtons = [
      { id: 'track', label: '查询订单' },
      { id: 'human', label: '人工客服' },
    ]
    await build(zh).send(message('请问需要什么帮助？', { buttons: zhButtons }))
    expect(sent(zh).form.Body).toBe('请问需要什么帮助？\n\n回复 1 查询订单\n回复 2 人工客服')
  })

  it('asks for status callbacks when TWILIO_STATUS_CALLBACK_URL is set', async () => {
    const fetchFake = fakeFetch()
    const settings = { ...SETTINGS, TWILIO_STATUS_CALLBACK_URL: WEBHOOK }
    await build(fetchFake, settings).send(message('hi'))
    expect(sent(fetchFake).form).toEqual({
      To: '+14158675309',
      From: '+18005551212',
      Body: 'hi',
      StatusCallback: WEBHOOK,
    })
  })

  it('trims a trailing slash from the API base and defaults to api.twilio.com', async () => {
    const slashed = fakeFetch()
    await build(slashed, { ...SETTINGS, TWILIO_API_BASE: 'https://tw.test/' }).send(message('hi'))
    expect(sent(slashed).url).toBe(ENDPOINT)
    const fallback = fakeFetch()
    const { TWILIO_API_BASE: _base, ...secretsOnly } = SETTINGS
    await build(fallback, secretsOnly).send(message('hi'))
    expect(sent(fallback).url).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`
    )
  })

  it('splits long GSM text into parts of at most 10 segments, returning the last sid', async () => {
    const fetchFake = fakeFetch((call) => json({ ...messageCreated, sid: `SM${call}` }))
    const text = 'Your parcel is on its way. '.repeat(200)
    const result = await build(fetchFake).send(message(text))
    const bodies = fetchFake.mock.calls.map((_, index) => sent(fetchFake, index).form.Body ?? '')
    expect(result).toEqual({ ok: true, externalId: `SM${bodies.length - 1}` })
    expect(bodies.length).toBe(4)
    for (const body of bodies) {
      expect(body.length).toBeLessThanOrEqual(1530)
      expect(segments(body)).toBeLessThanOrEqual(10)
    }
    expect(bodies.join(' ')).toBe(text)
  })

  it('splits Chinese SMS at 670 UTF-16 units (10 UCS-2 segments)', async () => {
    const fetchFake = fakeFetch()
    const text = '您的包裹正在配送中。'.repeat(150)
    await build(fetchFake).send(message(text))
    const bodies = fetchFake.mock.calls.map((_, index) => sent(fetchFake, index).form.Body ?? '')
    expect(bodies.map((body) => body.length)).toEqual([670, 670, 160])
    expect(bodies.join('')).toBe(text)
  })

  it('splits WhatsApp text at 1600 characters only', async () => {
    const fetchFake = fakeFetch()
    const text = '您的包裹正在配送中。'.repeat(200)
    await build(fetchFake).send(waMessage(text))
    const bodies = fetchFake.mock.calls.map((_, index) => sent(fetchFake, index).form.Body ?? '')
    expect(bodies.map((body) => body.length)).toEqual([1600, 400])
  })

  it('stops at the first failed part', async () => {
    const fetchFake = fakeFetch((call) =>
      call === 0 ? json(messageCreated) : json(error20429, 429)
    )
    const result = await build(fetchFake).send(message('x'.repeat(4000)))
    expect(result).toEqual({
      ok: false,
      retryable: true,
      reason: 'twilio 20429: Too Many Requests',
    })
    expect(fetchFake).toHaveBeenCalledTimes(2)
  })

  it('sends a placeholder for empty text', async () => {
    const fetchFake = fakeFetch()
    await build(fetchFake).send(message('  '))
    expect(sent(fetchFake).form.Body).toBe('…')
  })

  it('fails without a request for a key of another channel or a malformed key', async () => {
    for (const conversationKey of [
      'slack:T1:C1',
      'twilio:+1555',
      'twilio:abc:+1555',
      'twilio:a:b:c',
    ]) {
      const fetchFake = fakeFetch()
      const to = { channel: 'twilio' as const, conversationKey }
      expect(await build(fetchFake).send(message('hi', { to }))).toMatchObject({
        ok: false,
        retryable: false,
      })
      expect(fetchFake).not.toHaveBeenCalled()
    }
  })

  it('reports window_closed on WhatsApp 24 h after the last inbound (not templates)', async () => {
    const late = { now: NOW, lastInboundAt: NOW - 25 * 3600 * 1000 }
    const fetchFake = fakeFetch()
    expect(await build(fetchFake).send(waMessage('hi', late))).toEqual({
      ok: false,
      retryable: false,
      reason: 'window_closed',
    })
    expect(fetchFake).not.toHaveBeenCalled()
    expect(
      (await build(fetchFake).send(waMessage('hi', { ...late, template: 'shipped' }))).ok
    ).toBe(true)
    expect((await build(fetchFake).send(message('hi', late))).ok).toBe(true)
  })

  it('classifies 429 / 20429 and 5xx as retryable without a hint', async () => {
    const limited = await build(fakeFetch(() => json(error20429, 429))).send(message('hi'))
    expect(limited).toEqual({
      ok: false,
      retryable: true,
      reason: 'twilio 20429: Too Many Requests',
    })
    const server = await build(fakeFetch(() => json(error500, 500))).send(message('hi'))
    expect(server).toEqual({
      ok: false,
      retryable: true,
      reason: 'twilio 20500: Internal Server Error',
    })
    const html = () => new Response('<html>Bad Gateway</html>', { status: 502 })
    expect(await build(fakeFetch(html)).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 502',
    })
  })

  it.each([
    [error21610, 'twilio 21610: Attempt to send to unsubscribed recipient'],
    [error21211, "twilio 21211: The 'To' number +1415555 is not a valid phone number."],
    [error21408, `twilio 21408: ${error21408.message}`],
    [error21614, "twilio 21614: 'To' number is not a valid mobile number"],
    [error63016, 'window_closed'],
    [error20003, 'twilio 20003: Authenticate'],
  ])('classifies error %# as final', async (body, reason) => {
    const result = await build(fakeFetch(() => json(body, body.status))).send(message('hi'))
    expect(result).toEqual({ ok: false, retryable: false, reason })
  })

  it('classifies a thrown fetch as retryable, without leaking the token', async () => {
    const reset = fakeFetch(() => Promise.reject(new Error('connection reset')))
    expect(await build(reset).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: connection reset',
    })
    const leaky = fakeFetch(() => Promise.reject(new Error(`bad auth ${SID}:${TOKEN}`)))
    const result = await build(leaky).send(message('hi'))
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain(TOKEN)
  })
})

describe('format', () => {
  it('counts GSM-7 segments (160 single, 153 concatenated)', () => {
    expect(segments('')).toBe(0)
    expect(segments('a')).toBe(1)
    expect(segments('a'.repeat(160))).toBe(1)
    expect(segments('a'.repeat(161))).toBe(2)
    expect(segments('a'.repeat(306))).toBe(2)
    expect(segments('a'.repeat(307))).toBe(3)
    expect(segments('a'.repeat(1530))).toBe(10)
    expect(segments('Ünïcödé? No: GSM has ä, ö, ñ, ü, à, é, Ç, £, ¥, §, ¿, Δ.')).toBe(1)
  })

  it('counts extension-table characters twice and never splits them', () => {
    expect(segments('€'.repeat(80))).toBe(1)
    expect(segments('€'.repeat(81))).toBe(2)
    expect(segments('[]{}~^\\|'.repeat(10))).toBe(1)
    expect(segments('a'.repeat(152) + '€' + 'a'.repeat(151))).toBe(2)
    expect(segments('a'.repeat(152) + '€' + 'a'.repeat(152))).toBe(3)
  })

  it('counts UCS-2 segments (70 single, 67 concatenated) for any non-GSM character', () => {
    expect(segments('你'.repeat(70))).toBe(1)
    expect(segments('你'.repeat(71))).toBe(2)
    expect(segments('你'.repeat(134))).toBe(2)
    expect(segments('你'.repeat(135))).toBe(3)
    expect(segments(`${'a'.repeat(159)}ç`)).toBe(3)
    expect(segments('\t')).toBe(1)
  })

  it('counts emoji as two units and keeps surrogate pairs in one segment', () => {
    expect(segments('😀'.repeat(35))).toBe(1)
    expect(segments('😀'.repeat(36))).toBe(2)
    expect(segments(`${'a'.repeat(66)}😀${'a'.repeat(65)}`)).toBe(2)
    expect(segments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toBe(3)
  })

  it('never splits a surrogate pair and drops blank parts', () => {
    const parts = splitBody(`a${'😀'.repeat(1000)}`, false)
    expect(parts.map((part) => part.length)).toEqual([1599, 402])
    for (const part of parts) expect(part.isWellFormed()).toBe(true)
    const sms = splitBody('😀'.repeat(400), true)
    for (const part of sms) {
      expect(part.isWellFormed()).toBe(true)
      expect(segments(part)).toBeLessThanOrEqual(10)
    }
    expect(sms.join('')).toBe('😀'.repeat(400))
    expect(splitBody('   ', true)).toEqual([])
    expect(splitBody('hello', true)).toEqual(['hello'])
  })

  it('prefers a newline, then a space, in the last half of what fits', () => {
    const text = `${'a'.repeat(1000)}\n${'b'.repeat(400)} ${'c'.repeat(400)}`
    expect(splitBody(text, false)).toEqual([
      'a'.repeat(1000),
      `${'b'.repeat(400)} ${'c'.repeat(400)}`,
    ])
    const spaced = `${'a'.repeat(1000)} ${'b'.repeat(400)} ${'c'.repeat(400)}`
    expect(splitBody(spaced, false)).toEqual([
      `${'a'.repeat(1000)} ${'b'.repeat(400)}`,
      'c'.repeat(400),
    ])
    const early = `${'a'.repeat(500)}\n${'b'.repeat(1200)}`
    expect(splitBody(early, false)).toEqual([
      `${'a'.repeat(500)}\n${'b'.repeat(1099)}`,
      'b'.repeat(101),
    ])
  })

  it('formats options and leaves text alone without buttons', () => {
    expect(withOptions('Hi')).toBe('Hi')
    expect(withOptions('', [{ id: 'a', label: 'Yes' }])).toBe('Reply 1 for Yes')
    expect(withOptions('Hi', [{ id: 'fallback', label: ' ' }])).toBe('Hi\n\nReply 1 for fallback')
  })

  it('classifies by status and code', () => {
    expect(classify(400, { code: 20429, message: 'Too Many Requests' })).toMatchObject({
      retryable: true,
    })
    expect(classify(401, null)).toEqual({ ok: false, retryable: false, reason: 'HTTP 401' })
    expect(classify(503, null)).toEqual({ ok: false, retryable: true, reason: 'HTTP 503' })
    expect(classify(400, { code: 63016, message: 'outside window' })).toEqual({
      ok: false,
      retryable: false,
      reason: 'window_closed',
    })
    const limited = classify(429, { code: 20429, message: 'Too Many Requests' })
    expect('retryAfterMs' in limited).toBe(false)
  })
})

describe('fetchMedia', () => {
  const BASIC = `Basic ${btoa(`${SID}:${TOKEN}`)}`
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x18, 0x45, 0x78, 0x69, 0x66])
  const photo = { kind: 'image' as const, ref: inboundMms.MediaUrl0, mimeType: 'image/jpeg' }
  const fetchMedia = (fetchFake: typeof fetch) => {
    const adapter = build(fetchFake)
    if (!adapter.fetchMedia) throw new Error('no fetchMedia')
    return adapter.fetchMedia.bind(adapter)
  }
  const request = (fetchFake: ReturnType<typeof fakeFetch>) => {
    const [input, init] = fetchFake.mock.calls[0] ?? []
    return {
      url: String(input),
      method: init?.method,
      authorization: new Headers(init?.headers).get('authorization'),
    }
  }

  it("GETs the MediaUrl from the webhook with the account's Basic auth", async () => {
    const fetchFake = fakeFetch(
      () => new Response(JPEG, { headers: { 'content-type': 'image/jpeg' } })
    )
    const result = await fetchMedia(fetchFake)(photo)
    expect(request(fetchFake)).toEqual({
      url: inboundMms.MediaUrl0,
      method: 'GET',
      authorization: BASIC,
    })
    if (!result.ok) throw new Error(result.reason)
    expect(result.mimeType).toBe('image/jpeg')
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(JPEG)
  })

  it('sends the credentials to Twilio hosts only', async () => {
    const fetchFake = fakeFetch(() => new Response(JPEG))
    await fetchMedia(fetchFake)({ kind: 'image', ref: 'https://media.example.com/a.jpg' })
    expect(request(fetchFake).authorization).toBeNull()
    const double = fakeFetch(() => new Response(JPEG))
    await fetchMedia(double)({
      kind: 'image',
      ref: 'https://tw.test/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
    })
    expect(request(double).authorization).toBe(BASIC)
    const lookalike = fakeFetch(() => new Response(JPEG))
    await fetchMedia(lookalike)({
      kind: 'image',
      ref: 'https://api.twilio.com.evil.test/Media/ME1',
    })
    expect(request(lookalike).authorization).toBeNull()
  })

  it('retries a rate-limited (429) or failing (5xx) download', async () => {
    const limited = fakeFetch(() => json(error20429, 429))
    expect(await fetchMedia(limited)(photo)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download answered 429',
    })
    expect(await fetchMedia(fakeFetch(() => json(error500, 500)))(photo)).toMatchObject({
      ok: false,
      retryable: true,
    })
  })

  it('gives up on deleted media (404) and refused credentials (401)', async () => {
    const gone = {
      code: 20404,
      message: `The requested resource /2010-04-01/Accounts/${SID}/Messages/MM5ef8732a3c49700934481addd5ce1659/Media/ME0a1b2c3d4e5f60718293a4b5c6d7e8f9 was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    }
    expect(await fetchMedia(fakeFetch(() => json(gone, 404)))(photo)).toEqual({
      ok: false,
      retryable: false,
      reason: 'download answered 404',
    })
    expect(await fetchMedia(fakeFetch(() => json(error20003, 401)))(photo)).toMatchObject({
      ok: false,
      retryable: false,
    })
  })

  it('never leaks the auth token and refuses a ref that is not an http(s) URL', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error(`proxy said ${TOKEN}`)))
    expect(await fetchMedia(leaky)(photo)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download failed: proxy said <token>',
    })
    const none = fakeFetch()
    expect(await fetchMedia(none)({ kind: 'file', ref: 'ME0a1b2c' })).toMatchObject({
      ok: false,
      retryable: false,
    })
    expect(none).not.toHaveBeenCalled()
  })
})
