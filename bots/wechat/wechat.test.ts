import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelAdapter, WebhookRequest } from '../../src/channels/types'
import { configured, eventsOf, outboundTo, webhookRequest } from '../../test/support/adapters'
import { GARBAGE_BODIES } from '../../test/support/garbage'
import {
  type Answer,
  type FetchFake,
  json,
  platformCalls,
  platformStandIn,
} from '../../test/support/platform'
import { utf8Length } from '../../src/lib/encoding'
import { wxSignature } from '../weixin/signature'
import { resetAccessTokens } from '../weixin/token'
import { buildXml, readXml } from '../weixin/xml'
import customSendOk from './fixtures/custom-send-ok.json'
import error40001 from './fixtures/error-40001-credential.json'
import error40003 from './fixtures/error-40003-openid.json'
import error40007 from './fixtures/error-40007-media.json'
import error42001 from './fixtures/error-42001-expired.json'
import error45009 from './fixtures/error-45009-quota.json'
import error45015 from './fixtures/error-45015-window.json'
import error45047 from './fixtures/error-45047-reply-limit.json'
import errorBusy from './fixtures/error-busy.json'
import mediaVideoUrl from './fixtures/media-video-url.json'
import safeModeText from './fixtures/safe-mode-text.json'
import stableTokenOk from './fixtures/stable-token-ok.json'
import tokenErrorIp from './fixtures/token-error-40164-ip.json'
import { MAX_TEXT_BYTES, classify, untilQuotaReset } from './format'
import { type WechatDeps, wechat } from './index'

const xmlFixtures = import.meta.glob<string>('./fixtures/*.xml', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const fixture = (name: string): string => {
  const text = xmlFixtures[`./fixtures/${name}`]
  if (text === undefined) throw new Error(`no fixture ${name}`)
  return text
}

const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'
const KEY = `wechat:${OPENID}`
const NOW = 1_700_000_000_000
const RECEIVED_AT = 1_700_009_999_000
const SETTINGS = {
  WECHAT_TOKEN: 'shop-wechat-token',
  WECHAT_APP_ID: 'wx5f0c1d2e3a4b6c7d',
  WECHAT_APP_SECRET: 'app-secret-0001',
  WECHAT_API_BASE: 'https://wx.test',
}
const SAFE = { ...SETTINGS, WECHAT_ENCODING_AES_KEY: safeModeText.settings.WECHAT_ENCODING_AES_KEY }
const TOKEN = stableTokenOk.access_token
const SEND_URL = `https://wx.test/cgi-bin/message/custom/send?access_token=${TOKEN}`

const build = (settings: object = SETTINGS, deps: WechatDeps = {}): ChannelAdapter =>
  configured(wechat, settings, { now: () => NOW, ...deps })

const request = (query: Record<string, string>, body = '', method = 'POST'): WebhookRequest =>
  webhookRequest('wechat', body, { 'content-type': 'text/xml' }, RECEIVED_AT, { method, query })

/** A plaintext-mode push signed with `token`. */
const signed = async (body: string, token = SETTINGS.WECHAT_TOKEN, timestamp = '1700000001') => {
  const nonce = '1320562132'
  const signature = await wxSignature(token, timestamp, nonce)
  return request({ signature, timestamp, nonce, openid: OPENID }, body)
}

const parseFixture = async (name: string) => {
  const adapter = build()
  const req = await signed(fixture(name))
  expect(await adapter.verify(req)).toBe(true)
  return eventsOf(adapter, req)
}

const TOKEN_PATH = '/cgi-bin/stable_token'

/** A fetch fake: the token endpoint answers a token, every other call `answer(n)`. */
const fakeFetch = (answer: Answer = () => json(customSendOk)) =>
  platformStandIn(answer, { [TOKEN_PATH]: () => json(stableTokenOk) })

/** The custom-service sends a fetch fake received (its token calls left out). */
const apiCalls = (fetchFake: FetchFake) =>
  platformCalls(fetchFake, TOKEN_PATH).map((call) => ({
    ...call,
    body: call.body as { touser: string; msgtype: string; text: { content: string } },
  }))

const message = outboundTo('wechat', KEY, {
  idempotencyKey: 'outbox-7',
  now: NOW,
  lastInboundAt: NOW - 60_000,
})

const customer = { id: OPENID, isBot: false }

beforeEach(() => resetAccessTokens())

describe('wechat factory', () => {
  it('is null without token, AppID or AppSecret, or with a malformed EncodingAESKey', () => {
    expect(wechat({} as Env)).toBeNull()
    for (const name of ['WECHAT_TOKEN', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET']) {
      expect(wechat({ ...SETTINGS, [name]: '' } as unknown as Env)).toBeNull()
    }
    expect(wechat({ ...SETTINGS, WECHAT_ENCODING_AES_KEY: 'short' } as unknown as Env)).toBeNull()
  })

  it('builds the adapter in plaintext and in safe mode', () => {
    expect(wechat(SETTINGS as unknown as Env)?.channel).toBe('wechat')
    expect(wechat(SAFE as unknown as Env)?.channel).toBe('wechat')
  })
})

describe('verify: URL verification (GET)', () => {
  it('accepts vector #7 and answers echostr verbatim as text/plain', async () => {
    const adapter = build({ ...SETTINGS, WECHAT_TOKEN: 'test' })
    const query = {
      signature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443ff',
      timestamp: '1410685589',
      nonce: 'test',
      echostr: '5837397749154485474',
    }
    const req = request(query, '', 'GET')
    expect(await adapter.verify(req)).toBe(true)
    const result = adapter.parse(req)
    if (result.kind !== 'handshake') throw new Error(`expected a handshake, got ${result.kind}`)
    expect(result.response.headers.get('content-type')).toBe('text/plain')
    expect(await result.response.text()).toBe('5837397749154485474')
  })

  it('also answers the GET with the plain signature in safe mode', async () => {
    const adapter = build({ ...SAFE, WECHAT_TOKEN: 'test' })
    const query = {
      signature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443ff',
      timestamp: '1410685589',
      nonce: 'test',
      echostr: 'x',
    }
    expect(await adapter.verify(request(query, '', 'GET'))).toBe(true)
  })

  it('rejects a wrong signature, a missing echostr or parameter, and other methods', async () => {
    const adapter = build({ ...SETTINGS, WECHAT_TOKEN: 'test' })
    const good = {
      signature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443ff',
      timestamp: '1410685589',
      nonce: 'test',
      echostr: 'e',
    }
    expect(
      await adapter.verify(
        request({ ...good, signature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443fe' }, '', 'GET')
      )
    ).toBe(false)
    expect(await adapter.verify(request({ ...good, nonce: 'tesT' }, '', 'GET'))).toBe(false)
    const { echostr: _echostr, ...noEcho } = good
    expect(await adapter.verify(request(noEcho, '', 'GET'))).toBe(false)
    expect(await adapter.verify(request({ ...good, timestamp: '' }, '', 'GET'))).toBe(false)
    expect(await adapter.verify(request({ ...good, timestamp: 'abc' }, '', 'GET'))).toBe(false)
    expect(await adapter.verify(request({}, '', 'GET'))).toBe(false)
    expect(await adapter.verify(request(good, '', 'PUT'))).toBe(false)
  })
})

describe('verify: plaintext mode', () => {
  it('accepts a correctly signed push', async () => {
    expect(await build().verify(await signed(fixture('text.xml')))).toBe(true)
  })

  it('rejects the wrong token, an empty or missing signature', async () => {
    const adapter = build()
    expect(await adapter.verify(await signed(fixture('text.xml'), 'another-token'))).toBe(false)
    const req = await signed(fixture('text.xml'))
    req.url.searchParams.set('signature', '')
    expect(await adapter.verify(req)).toBe(false)
    req.url.searchParams.delete('signature')
    expect(await adapter.verify(req)).toBe(false)
  })

  it('enforces no timestamp window (WeChat documents none; dedupe absorbs replays)', async () => {
    expect(
      await build().verify(await signed(fixture('text.xml'), SETTINGS.WECHAT_TOKEN, '1410685589'))
    ).toBe(true)
  })
})

describe('verify + parse: safe mode', () => {
  const safeRequest = (
    query: Record<string, string> = safeModeText.query,
    body = safeModeText.body
  ) => request(query, body)

  it('verifies msg_signature, decrypts for the AppID, parses (padding > 16 bytes)', async () => {
    expect(safeModeText.padding).toBeGreaterThan(16)
    const adapter = build(SAFE)
    const req = safeRequest()
    expect(await adapter.verify(req)).toBe(true)
    expect(eventsOf(adapter, req)).toEqual([
      {
        type: 'message',
        channel: 'wechat',
        conversationKey: KEY,
        externalId: 'msg:6934716592837465900',
        platformMessageId: '6934716592837465900',
        sender: customer,
        sentAt: 1_700_002_000_000,
        text: '请问可以开发票吗？',
        attachments: [],
        raw: readXml(safeModeText.plaintext),
      },
    ])
  })

  it('parses vector #9 as a safe-mode push, keeping the 64-bit MsgId a string', async () => {
    const adapter = build({
      ...SETTINGS,
      WECHAT_TOKEN: '123456',
      WECHAT_APP_ID: 'wx49f0ab532d5d035a',
      WECHAT_ENCODING_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
    })
    const encrypt =
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0='
    const query = {
      timestamp: '1411525903',
      nonce: '461056294',
      encrypt_type: 'aes',
      msg_signature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
    }
    const req = request(query, buildXml({ ToUserName: 'wx49f0ab532d5d035a', Encrypt: encrypt }))
    expect(await adapter.verify(req)).toBe(true)
    expect(eventsOf(adapter, req)).toEqual([
      {
        type: 'message',
        channel: 'wechat',
        conversationKey: 'wechat:messense',
        externalId: 'msg:4363689963896700987',
        platformMessageId: '4363689963896700987',
        sender: { id: 'messense', isBot: false },
        sentAt: 1_411_525_903_000,
        text: 'test',
        attachments: [],
        raw: expect.objectContaining({ MsgId: '4363689963896700987', AgentID: '1' }),
      },
    ])
  })

  it('rejects tampered, wrong-token, unsigned and foreign-AppID pushes', async () => {
    const adapter = build(SAFE)
    const flipped = safeModeText.body.replace('Uh9Bg7PR', 'Uh9Bg7PS')
    expect(await adapter.verify(safeRequest(safeModeText.query, flipped))).toBe(false)
    expect(await build({ ...SAFE, WECHAT_TOKEN: 'other' }).verify(safeRequest())).toBe(false)
    const { msg_signature: _sig, ...unsigned } = safeModeText.query
    expect(await adapter.verify(safeRequest(unsigned))).toBe(false)
    const { encrypt_type: _type, ...plainQuery } = safeModeText.query
    expect(await adapter.verify(safeRequest(plainQuery))).toBe(false)
    expect(
      await build({ ...SAFE, WECHAT_APP_ID: 'wx0000000000000000' }).verify(safeRequest())
    ).toBe(false)
    expect(
      await build({ ...SAFE, WECHAT_ENCODING_AES_KEY: 'A'.repeat(43) }).verify(safeRequest())
    ).toBe(false)
  })

  it('refuses plaintext pushes once the EncodingAESKey is set (unsigned body)', async () => {
    expect(await build(SAFE).verify(await signed(fixture('text.xml')))).toBe(false)
  })

  it('does not hand the plaintext to another request object or an altered body', async () => {
    const adapter = build(SAFE)
    const req = safeRequest()
    expect(await adapter.verify(req)).toBe(true)
    expect(adapter.parse({ ...req })).toEqual({
      kind: 'invalid',
      reason: 'encrypted message that verify did not open',
    })
    req.body = `${req.body} `
    expect(adapter.parse(req).kind).toBe('invalid')
  })
})

describe('parse', () => {
  it('maps a text message, keeping the 64-bit MsgId as a string', async () => {
    expect(await parseFixture('text.xml')).toEqual([
      {
        type: 'message',
        channel: 'wechat',
        conversationKey: KEY,
        externalId: 'msg:6934716592837465821',
        platformMessageId: '6934716592837465821',
        sender: customer,
        sentAt: 1_700_000_000_000,
        text: '我的订单 #1042 到哪了？',
        attachments: [],
        raw: {
          ToUserName: 'gh_3f5e2a1b9c7d',
          FromUserName: OPENID,
          CreateTime: '1700000000',
          MsgType: 'text',
          Content: '我的订单 #1042 到哪了？',
          MsgId: '6934716592837465821',
        },
      },
    ])
  })

  it('answers the plain-text success WeChat expects', async () => {
    const result = build().parse(await signed(fixture('text.xml')))
    if (result.kind !== 'events' || !result.ack) throw new Error('expected events with an ack')
    const response = result.ack()
    expect(await response.text()).toBe('success')
    expect(response.headers.get('content-type')).toBe('text/plain')
  })

  it.each([
    ['emoji.xml', '收到了 🙏 包裹完好 📦👍🏽 👩‍👩‍👧 [微笑]', '6934716592837465822'],
    ['text-cdata-split.xml', 'if a[b[0]]> 1 then <ok> & done', '6934716592837465823'],
    ['text-entities.xml', `Tom & Jerry <3 😀 你好 "hi" 'yo' &unknown;`, '6934716592837465824'],
  ])('keeps the text of %s intact', async (name, text, msgId) => {
    const [event] = await parseFixture(name)
    expect(event).toMatchObject({
      type: 'message',
      text,
      externalId: `msg:${msgId}`,
      attachments: [],
    })
  })

  it('keeps a long text whole', async () => {
    const [event] = await parseFixture('long-text.xml')
    expect(event?.type === 'message' && event.text.length).toBe(2160)
  })

  it('maps media to attachments by MediaId', async () => {
    const base = {
      type: 'message',
      channel: 'wechat',
      conversationKey: KEY,
      sender: customer,
      raw: expect.anything(),
    }
    expect(await parseFixture('image.xml')).toEqual([
      {
        ...base,
        externalId: 'msg:6934716592837465825',
        platformMessageId: '6934716592837465825',
        sentAt: 1_700_000_100_000,
        text: '',
        attachments: [
          { kind: 'image', ref: 'Xv2bq0nJ7s3yK_dHlM9uUoVYQeE1c2pP-RrTtZ8wQ4gAaBbCcDdEeFf' },
        ],
      },
    ])
    expect(await parseFixture('voice.xml')).toEqual([
      {
        ...base,
        externalId: 'msg:6934716592837465826',
        platformMessageId: '6934716592837465826',
        sentAt: 1_700_000_200_000,
        text: '帮我查一下物流',
        attachments: [{ kind: 'audio', ref: 'mV8a3Kp1-voiceMediaId_0001', mimeType: 'audio/amr' }],
      },
    ])
    expect(await parseFixture('video.xml')).toEqual([
      {
        ...base,
        externalId: 'msg:6934716592837465827',
        platformMessageId: '6934716592837465827',
        sentAt: 1_700_000_300_000,
        text: '',
        attachments: [{ kind: 'video', ref: 'vIdEo-MediaId_0001' }],
      },
    ])
    expect((await parseFixture('shortvideo.xml'))[0]).toMatchObject({
      attachments: [{ kind: 'video', ref: 'sHoRt-MediaId_0001' }],
    })
  })

  it('maps a location to its label and a link to title, description and URL', async () => {
    expect((await parseFixture('location.xml'))[0]).toMatchObject({
      type: 'message',
      externalId: 'msg:6934716592837465829',
      text: '广州市天河区天河路 208 号',
      attachments: [],
    })
    expect((await parseFixture('link.xml'))[0]).toMatchObject({
      type: 'message',
      text: '退货政策\n七天无理由退货说明\nhttps://shop.example.cn/returns',
    })
  })

  it('maps a menu CLICK to an action with its EventKey', async () => {
    expect(await parseFixture('event-click.xml')).toEqual([
      {
        type: 'action',
        channel: 'wechat',
        conversationKey: KEY,
        externalId: `event:${OPENID}:1700000800:CLICK`,
        sender: customer,
        sentAt: 1_700_000_800_000,
        actionId: 'order_status',
        raw: expect.objectContaining({ Event: 'CLICK' }),
      },
    ])
  })

  it('maps subscribe to an empty message, so a new follower is greeted', async () => {
    expect(await parseFixture('event-subscribe.xml')).toEqual([
      {
        type: 'message',
        channel: 'wechat',
        conversationKey: KEY,
        externalId: `event:${OPENID}:1700000600:subscribe`,
        sender: customer,
        sentAt: 1_700_000_600_000,
        text: '',
        attachments: [],
        raw: expect.objectContaining({ EventKey: 'qrscene_spring_sale' }),
      },
    ])
  })

  it.each(['event-unsubscribe.xml', 'event-view.xml', 'event-location.xml', 'event-scancode.xml'])(
    'gives no events (but the success ack) for %s',
    async (name) => {
      const result = build().parse(await signed(fixture(name)))
      expect(result).toMatchObject({ kind: 'events', events: [] })
      expect(result.kind === 'events' && result.ack).toBeTypeOf('function')
    }
  )

  it('emits an unknown message type as an empty message', async () => {
    const body = buildXml({
      ToUserName: 'gh_1',
      FromUserName: OPENID,
      CreateTime: 1700000000,
      MsgType: 'miniprogrampage',
      MsgId: '1',
    })
    expect(eventsOf(build(), await signed(body))).toMatchObject([
      { type: 'message', text: '', attachments: [] },
    ])
  })

  it.each([
    ...GARBAGE_BODIES,
    '<xml></xml>',
    '<root><MsgType>text</MsgType></root>',
    '<xml><MsgType>text</MsgType></xml>',
    `<xml><FromUserName>bad:id</FromUserName><MsgType>text</MsgType></xml>`,
    '<xml><ToUserName>gh_1</ToUserName><Encrypt>abc</Encrypt></xml>',
  ])('rejects the garbage body %j without throwing', async (body) => {
    const adapter = build()
    const req = await signed(body)
    await expect(adapter.verify(req)).resolves.toBeTypeOf('boolean')
    expect(adapter.parse(req).kind).toBe('invalid')
  })
})

describe('send', () => {
  it('posts customer-service text with the cached token (one fetch, two sends)', async () => {
    const fetchFake = fakeFetch()
    const adapter = build(SETTINGS, { fetch: fetchFake })
    expect(
      await adapter.send(
        message('Hello <b> & *bold* _x_ <a href="https://shop.example.cn">link</a>')
      )
    ).toEqual({
      ok: true,
      externalId: 'outbox-7',
    })
    expect(await adapter.send(message('你好'))).toEqual({ ok: true, externalId: 'outbox-7' })
    expect(fetchFake).toHaveBeenCalledTimes(3)
    expect(String(fetchFake.mock.calls[0]?.[0])).toBe('https://wx.test/cgi-bin/stable_token')
    expect(apiCalls(fetchFake)).toEqual([
      {
        url: SEND_URL,
        method: 'POST',
        contentType: 'application/json',
        body: {
          touser: OPENID,
          msgtype: 'text',
          text: { content: 'Hello <b> & *bold* _x_ <a href="https://shop.example.cn">link</a>' },
        },
      },
      {
        url: SEND_URL,
        method: 'POST',
        contentType: 'application/json',
        body: { touser: OPENID, msgtype: 'text', text: { content: '你好' } },
      },
    ])
  })

  it('appends buttons as numbered options in the text', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'track', label: '查物流' },
      { id: 'returns', label: '退换货' },
    ]
    await build(SETTINGS, { fetch: fetchFake }).send(message('有什么可以帮您？', { buttons }))
    expect(apiCalls(fetchFake)[0]?.body.text.content).toBe(
      '有什么可以帮您？\n\n回复数字选择：\n1. 查物流\n2. 退换货'
    )
    const english = fakeFetch()
    await build(SETTINGS, { fetch: english }).send(
      message('', { buttons: [{ id: 'y', label: 'Yes' }] })
    )
    expect(apiCalls(english)[0]?.body.text.content).toBe('Reply with a number:\n1. Yes')
  })

  it('splits text over 2048 bytes, returning the last part’s msgid when given', async () => {
    const fetchFake = fakeFetch((call) => json({ errcode: 0, errmsg: 'ok', msgid: 1000 + call }))
    const text = '您的订单已经发货，请注意查收。 '.repeat(300) // 43 bytes each, 12 900 in all
    expect(await build(SETTINGS, { fetch: fetchFake }).send(message(text))).toEqual({
      ok: true,
      externalId: '1006',
    })
    const parts = apiCalls(fetchFake).map((call) => call.body.text.content)
    expect(parts).toHaveLength(7)
    for (const part of parts) expect(utf8Length(part)).toBeLessThanOrEqual(MAX_TEXT_BYTES)
    expect(parts.join(' ')).toBe(text)
  })

  it('sends a placeholder for empty text', async () => {
    const fetchFake = fakeFetch()
    await build(SETTINGS, { fetch: fetchFake }).send(message('  '))
    expect(apiCalls(fetchFake)[0]?.body.text.content).toBe('…')
  })

  it('refuses without a request once the 48 h window closed or for a foreign key', async () => {
    const fetchFake = fakeFetch()
    const adapter = build(SETTINGS, { fetch: fetchFake })
    const late = message('hi', { lastInboundAt: NOW - 49 * 3600_000 })
    expect(await adapter.send(late)).toEqual({
      ok: false,
      retryable: false,
      reason: 'window_closed',
    })
    const foreign = message('hi', { to: { channel: 'wechat', conversationKey: 'wecom:wk1:wm1' } })
    expect(await adapter.send(foreign)).toMatchObject({ ok: false, retryable: false })
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('refreshes the token once on 42001 and retries', async () => {
    const answers = [json(error42001), json(customSendOk)]
    const fetchFake = fakeFetch(() => answers.shift() ?? json({}, 500))
    expect(await build(SETTINGS, { fetch: fetchFake }).send(message('hi'))).toEqual({
      ok: true,
      externalId: 'outbox-7',
    })
    expect(fetchFake.mock.calls.map(([input]) => new URL(String(input)).pathname)).toEqual([
      '/cgi-bin/stable_token',
      '/cgi-bin/message/custom/send',
      '/cgi-bin/stable_token',
      '/cgi-bin/message/custom/send',
    ])
  })

  it('classifies the platform answers', async () => {
    const send = async (answer: () => Response | Promise<Response>) => {
      resetAccessTokens()
      return build(SETTINGS, { fetch: fakeFetch(answer) }).send(message('hi'))
    }
    expect(await send(() => json(error45015))).toEqual({
      ok: false,
      retryable: false,
      reason: 'window_closed',
    })
    expect(await send(() => json(error45047))).toEqual({
      ok: false,
      retryable: false,
      reason: 'reply_limit',
    })
    expect(await send(() => json(errorBusy))).toMatchObject({ ok: false, retryable: true })
    expect(await send(() => json(error45009))).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: untilQuotaReset(NOW),
    })
    expect(await send(() => json(error40003))).toEqual({
      ok: false,
      retryable: false,
      reason: `${error40003.errcode} ${error40003.errmsg}`,
    })
    expect(await send(() => json(error40001))).toMatchObject({ ok: false, retryable: false })
    expect(
      await send(() => new Response('<html>Bad Gateway</html>', { status: 502 }))
    ).toMatchObject({ ok: false, retryable: true })
  })

  it('classifies network failures as retryable, leaking neither token nor secret', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error(`cannot reach ${SEND_URL}`)))
    const result = await build(SETTINGS, { fetch: leaky }).send(message('hi'))
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain(TOKEN)
    const tokenDown = vi.fn<typeof fetch>(async () => {
      throw new Error(`secret ${SETTINGS.WECHAT_APP_SECRET} rejected`)
    })
    const failed = await build(SETTINGS, { fetch: tokenDown }).send(message('hi'))
    expect(failed).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(failed)).not.toContain(SETTINGS.WECHAT_APP_SECRET)
  })

  it('reports an IP-whitelist refusal of the token as final', async () => {
    const fetchFake = vi.fn<typeof fetch>(async () => json(tokenErrorIp))
    expect(await build(SETTINGS, { fetch: fetchFake }).send(message('hi'))).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('40164'),
    })
  })

  it('trims a trailing slash from the API base and defaults to api.weixin.qq.com', async () => {
    const slashed = fakeFetch()
    await build({ ...SETTINGS, WECHAT_API_BASE: 'https://wx.test/' }, { fetch: slashed }).send(
      message('hi')
    )
    expect(apiCalls(slashed)[0]?.url).toBe(SEND_URL)
    resetAccessTokens()
    const fallback = fakeFetch()
    const { WECHAT_API_BASE: _base, ...secretsOnly } = SETTINGS
    await build(secretsOnly, { fetch: fallback }).send(message('hi'))
    expect(String(fallback.mock.calls[0]?.[0])).toBe(
      'https://api.weixin.qq.com/cgi-bin/stable_token'
    )
    expect(apiCalls(fallback)[0]?.url).toBe(
      `https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=${TOKEN}`
    )
  })
})

describe('format', () => {
  it('waits for the daily quota until midnight Beijing time', () => {
    // 2023-11-14 22:13:20 UTC = 06:13:20 Beijing -> 17 h 46 min 40 s to midnight.
    expect(untilQuotaReset(NOW)).toBe((17 * 3600 + 46 * 60 + 40) * 1000)
    expect(untilQuotaReset(Date.UTC(2026, 0, 1, 16, 0, 0))).toBe(24 * 3600_000)
    expect(classify(45011, 'api minute-quota reach limit', NOW)).toMatchObject({
      retryable: true,
      retryAfterMs: 60_000,
    })
    expect(classify(48001, 'api unauthorized', NOW)).toEqual({
      ok: false,
      retryable: false,
      reason: '48001 api unauthorized',
    })
  })
})

describe('fetchMedia', () => {
  const MEDIA_ID = 'Xv2bq0nJ7s3yK_dHlM9uUoVYQeE1c2pP-RrTtZ8wQ4gAaBbCcDdEeFf'
  const MEDIA_URL = `https://wx.test/cgi-bin/media/get?access_token=${TOKEN}&media_id=${MEDIA_ID}`
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
  const image = { kind: 'image' as const, ref: MEDIA_ID }
  // The documented success answer: the bytes, typed, named `<media id>.<ext>`.
  const file = () =>
    new Response(JPEG, {
      headers: {
        'content-type': 'image/jpeg',
        'content-disposition': `attachment; filename="${MEDIA_ID}.jpg"`,
        'cache-control': 'no-cache, must-revalidate',
      },
    })
  const fetchMedia = (fetchFake: typeof fetch) => {
    const adapter = build(SETTINGS, { fetch: fetchFake })
    if (!adapter.fetchMedia) throw new Error('no fetchMedia')
    return adapter.fetchMedia.bind(adapter)
  }
  const urls = (fetchFake: ReturnType<typeof fakeFetch>) =>
    fetchFake.mock.calls.map(([input]) => String(input))

  it('GETs media/get with the cached access token and returns the bytes', async () => {
    const fetchFake = fakeFetch(file)
    const get = fetchMedia(fetchFake)
    const result = await get(image)
    expect(urls(fetchFake)).toEqual(['https://wx.test/cgi-bin/stable_token', MEDIA_URL])
    expect(fetchFake.mock.calls[1]?.[1]?.method).toBe('GET')
    if (!result.ok) throw new Error(result.reason)
    // `<media id>.jpg` is no name worth keeping.
    expect(result.name).toBeUndefined()
    expect(result.mimeType).toBe('image/jpeg')
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(JPEG)
    await get(image)
    expect(urls(fetchFake).filter((url) => url.endsWith('/stable_token'))).toHaveLength(1)
  })

  it('keeps the voice format from the push as the MIME type', async () => {
    const [event] = await parseFixture('voice.xml')
    const attachment = event?.type === 'message' ? event.attachments[0] : undefined
    if (!attachment) throw new Error('no attachment')
    const amr = () => new Response('#!AMR\n', { headers: { 'content-type': 'audio/amr' } })
    const fetchFake = fakeFetch(amr)
    expect(await fetchMedia(fetchFake)(attachment)).toMatchObject({
      ok: true,
      mimeType: 'audio/amr',
    })
    expect(urls(fetchFake)[1]).toBe(
      `https://wx.test/cgi-bin/media/get?access_token=${TOKEN}&media_id=mV8a3Kp1-voiceMediaId_0001`
    )
  })

  it('downloads a video from the video_url the JSON answer names', async () => {
    const mp4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70])
    const answers = [
      json(mediaVideoUrl),
      new Response(mp4, { headers: { 'content-type': 'video/mp4' } }),
    ]
    const fetchFake = fakeFetch(() => answers.shift() ?? json({}, 500))
    const result = await fetchMedia(fetchFake)({ kind: 'video', ref: 'vIdEo-MediaId_0001' })
    expect(urls(fetchFake).slice(1)).toEqual([
      `https://wx.test/cgi-bin/media/get?access_token=${TOKEN}&media_id=vIdEo-MediaId_0001`,
      mediaVideoUrl.video_url,
    ])
    if (!result.ok) throw new Error(result.reason)
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(mp4)
  })

  it('refreshes an expired token (42001, HTTP 200 JSON) once and retries', async () => {
    const answers = [json(error42001), file()]
    const fetchFake = fakeFetch(() => answers.shift() ?? json({}, 500))
    expect(await fetchMedia(fetchFake)(image)).toMatchObject({ ok: true })
    expect(fetchFake.mock.calls.map(([input]) => new URL(String(input)).pathname)).toEqual([
      '/cgi-bin/stable_token',
      '/cgi-bin/media/get',
      '/cgi-bin/stable_token',
      '/cgi-bin/media/get',
    ])
  })

  it('retries later when the token is refused twice, the quota is spent (45009) or the gateway fails', async () => {
    const refused = await fetchMedia(fakeFetch(() => json(error40001)))(image)
    expect(refused).toMatchObject({ ok: false, retryable: true })
    resetAccessTokens()
    expect(await fetchMedia(fakeFetch(() => json(error45009)))(image)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: untilQuotaReset(NOW),
      reason: `media/get: 45009 ${error45009.errmsg}`,
    })
    resetAccessTokens()
    const busy = fakeFetch(
      () => new Response(JSON.stringify(errorBusy), { headers: { 'content-type': 'text/plain' } })
    )
    expect(await fetchMedia(busy)(image)).toMatchObject({ ok: false, retryable: true })
    resetAccessTokens()
    const gateway = fakeFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }))
    expect(await fetchMedia(gateway)(image)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download answered 502',
    })
  })

  it('gives up on an invalid or expired media id (40007), typed JSON or text/plain', async () => {
    for (const type of ['application/json', 'text/plain']) {
      resetAccessTokens()
      const answer = () =>
        new Response(JSON.stringify(error40007), { headers: { 'content-type': type } })
      expect(await fetchMedia(fakeFetch(answer))(image)).toEqual({
        ok: false,
        retryable: false,
        reason: `media/get: 40007 ${error40007.errmsg}`,
      })
    }
  })

  it('never leaks the token or the secret', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error(`cannot reach ${MEDIA_URL}`)))
    const result = await fetchMedia(leaky)(image)
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain(TOKEN)
    resetAccessTokens()
    const echo = fakeFetch(() => json({ errcode: 40007, errmsg: `invalid media_id for ${TOKEN}` }))
    expect(JSON.stringify(await fetchMedia(echo)(image))).not.toContain(TOKEN)
  })
})
