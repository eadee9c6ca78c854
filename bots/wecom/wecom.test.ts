import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelAdapter, WebhookRequest } from '../../src/channels/types'
import { configured, outboundTo, webhookRequest } from '../../test/support/adapters'
import { GARBAGE_BODIES } from '../../test/support/garbage'
import {
  type Answer,
  type FetchFake,
  json,
  platformCalls,
  platformStandIn,
} from '../../test/support/platform'
import { wxSignature } from '../weixin/signature'
import { utf8Length } from '../../src/lib/encoding'
import { resetAccessTokens } from '../weixin/token'
import { buildXml } from '../weixin/xml'
import envelope from './fixtures/callback-envelope.json'
import error40007 from './fixtures/error-40007-media.json'
import error40014 from './fixtures/error-40014-token.json'
import error40096 from './fixtures/error-40096-user.json'
import error42001 from './fixtures/error-42001-expired.json'
import error45009 from './fixtures/error-45009-freq.json'
import error60020 from './fixtures/error-60020-ip.json'
import error95018 from './fixtures/error-95018-session.json'
import errorBusy from './fixtures/error-busy.json'
import gettokenOk from './fixtures/gettoken-ok.json'
import sendOk from './fixtures/send-ok.json'
import syncEmpty from './fixtures/sync-empty-has-more.json'
import page1 from './fixtures/sync-page1.json'
import page2 from './fixtures/sync-page2.json'
import { MAX_HEAD_BYTES, MAX_TEXT_BYTES, partMsgId, planParts } from './format'
import { type WecomDeps, wecom } from './index'

const xmlFixtures = import.meta.glob<string>('./fixtures/*.xml', {
  query: '?raw',
  import: 'default',
  eager: true,
})

const KFID = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q'
const USER = 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw'
const KEY = `wecom:${KFID}:${USER}`
const NOW = 1_700_000_000_000
const SETTINGS = {
  ...envelope.settings,
  WECOM_SECRET: 'kf-secret-0001',
  WECOM_API_BASE: 'https://qy.test',
}
const TOKEN = gettokenOk.access_token
const SEND_URL = `https://qy.test/cgi-bin/kf/send_msg?access_token=${TOKEN}`
const SYNC_URL = `https://qy.test/cgi-bin/kf/sync_msg?access_token=${TOKEN}`
// CHANNELS.md §10 vectors #8 and #9.
const VECTOR = {
  WECOM_TOKEN: '123456',
  WECOM_CORP_ID: 'wx49f0ab532d5d035a',
  WECOM_ENCODING_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
}

const build = (settings: object = SETTINGS, deps: WecomDeps = {}): ChannelAdapter =>
  configured(wecom, settings, { now: () => NOW, ...deps })

const request = (query: Record<string, string>, body = '', method = 'POST'): WebhookRequest =>
  webhookRequest('wecom', body, { 'content-type': 'text/xml' }, NOW, { method, query })

/** The encrypted callback of the fixture, optionally re-signed with another token. */
const callback = (query: Record<string, string> = envelope.post.query, body = envelope.post.body) =>
  request(query, body)

const TOKEN_PATH = '/cgi-bin/gettoken'

/** A fetch fake: gettoken answers a token, every other call `answer(n)`. */
const fakeFetch = (answer: Answer = () => json(sendOk)) =>
  platformStandIn(answer, { [TOKEN_PATH]: () => json(gettokenOk) })

const apiCalls = (fetchFake: FetchFake) => platformCalls(fetchFake, TOKEN_PATH)

const message = outboundTo('wecom', KEY, {
  idempotencyKey: 'outbox-3',
  now: NOW,
  lastInboundAt: NOW - 60_000,
})

beforeEach(() => resetAccessTokens())

describe('wecom factory', () => {
  it('needs all four secrets and a well-formed EncodingAESKey', () => {
    expect(wecom({} as Env)).toBeNull()
    for (const name of ['WECOM_TOKEN', 'WECOM_CORP_ID', 'WECOM_SECRET', 'WECOM_ENCODING_AES_KEY']) {
      expect(wecom({ ...SETTINGS, [name]: '' } as unknown as Env)).toBeNull()
    }
    expect(
      wecom({ ...SETTINGS, WECOM_ENCODING_AES_KEY: 'x'.repeat(42) } as unknown as Env)
    ).toBeNull()
    expect(wecom(SETTINGS as unknown as Env)?.channel).toBe('wecom')
  })
})

describe('URL verification (GET)', () => {
  const vectorQuery = {
    msg_signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
    timestamp: '1411443780',
    nonce: '437374425',
    echostr:
      '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
  }

  it('accepts vector #8 and answers the decrypted echostr, nothing else', async () => {
    const adapter = build({ ...SETTINGS, ...VECTOR })
    const req = request(vectorQuery, '', 'GET')
    expect(await adapter.verify(req)).toBe(true)
    const result = adapter.parse(req)
    if (result.kind !== 'handshake') throw new Error(`expected a handshake, got ${result.kind}`)
    expect(await result.response.text()).toBe('5927782489442352469')
    expect(result.response.headers.get('content-type')).toBe('text/plain')
  })

  it('survives a + that arrived unencoded (read back as a space)', async () => {
    const adapter = build({ ...SETTINGS, ...VECTOR })
    const url = new URL('https://engine.test/webhooks/wecom')
    url.search = Object.entries(vectorQuery)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
    const req: WebhookRequest = {
      method: 'GET',
      url,
      headers: new Headers(),
      body: '',
      receivedAt: NOW,
    }
    expect(url.searchParams.get('echostr')).toContain(' ')
    expect(await adapter.verify(req)).toBe(true)
  })

  it('answers the fixture handshake for its CorpID', async () => {
    const adapter = build()
    const req = request(envelope.get.query, '', 'GET')
    expect(await adapter.verify(req)).toBe(true)
    const result = adapter.parse(req)
    expect(result.kind === 'handshake' && (await result.response.text())).toBe(
      envelope.get.plaintext
    )
  })

  it('rejects a wrong signature, token, CorpID or key, and a missing echostr', async () => {
    const query = envelope.get.query
    expect(await build().verify(request({ ...query, nonce: '1' }, '', 'GET'))).toBe(false)
    expect(await build({ ...SETTINGS, WECOM_TOKEN: 'x' }).verify(request(query, '', 'GET'))).toBe(
      false
    )
    expect(
      await build({ ...SETTINGS, WECOM_CORP_ID: 'ww0000000000000000' }).verify(
        request(query, '', 'GET')
      )
    ).toBe(false)
    const otherKey = { ...SETTINGS, WECOM_ENCODING_AES_KEY: VECTOR.WECOM_ENCODING_AES_KEY }
    expect(await build(otherKey).verify(request(query, '', 'GET'))).toBe(false)
    const { echostr: _echostr, ...noEcho } = query
    expect(await build().verify(request(noEcho, '', 'GET'))).toBe(false)
  })
})

describe('callback (POST)', () => {
  it('verifies, decrypts and announces a pull of the account with its Token', async () => {
    const adapter = build()
    const req = callback()
    expect(await adapter.verify(req)).toBe(true)
    const result = adapter.parse(req)
    expect(result).toEqual({
      kind: 'sync',
      stream: KFID,
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      ack: expect.any(Function),
    })
    const response = result.kind === 'sync' ? result.ack?.() : undefined
    expect(await response?.text()).toBe('success')
  })

  it('accepts vector #9 and ignores an event that is not kf_msg_or_event', async () => {
    const adapter = build({ ...SETTINGS, ...VECTOR })
    const encrypt =
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0='
    const query = {
      msg_signature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
      timestamp: '1411525903',
      nonce: '461056294',
    }
    const req = request(
      query,
      buildXml({ ToUserName: 'wx49f0ab532d5d035a', Encrypt: encrypt, AgentID: '1' })
    )
    expect(await adapter.verify(req)).toBe(true)
    expect(adapter.parse(req)).toEqual({ kind: 'events', events: [], ack: expect.any(Function) })
  })

  it('ignores other customer-service events (kf_account_auth_change)', async () => {
    const { wxEncrypt, importAesKey } = await import('../weixin/aes')
    const aes = await importAesKey(SETTINGS.WECOM_ENCODING_AES_KEY)
    if (!aes) throw new Error('bad key')
    const encrypt = await wxEncrypt(
      aes,
      xmlFixtures['./fixtures/callback-auth-change.xml'] ?? '',
      SETTINGS.WECOM_CORP_ID
    )
    const query = {
      timestamp: '1700004500',
      nonce: '77',
      msg_signature: await wxSignature(SETTINGS.WECOM_TOKEN, '1700004500', '77', encrypt),
    }
    const adapter = build()
    const req = request(query, buildXml({ ToUserName: SETTINGS.WECOM_CORP_ID, Encrypt: encrypt }))
    expect(await adapter.verify(req)).toBe(true)
    expect(adapter.parse(req)).toMatchObject({ kind: 'events', events: [] })
  })

  it('rejects tampered, wrong-token, unsigned and foreign deliveries', async () => {
    const adapter = build()
    const i = envelope.post.body.indexOf('<Encrypt><![CDATA[') + 40
    const body = envelope.post.body
    const flipped = body.slice(0, i) + (body[i] === 'a' ? 'b' : 'a') + body.slice(i + 1)
    expect(await adapter.verify(callback(envelope.post.query, flipped))).toBe(false)
    expect(await build({ ...SETTINGS, WECOM_TOKEN: 'other' }).verify(callback())).toBe(false)
    const { msg_signature: _sig, ...unsigned } = envelope.post.query
    expect(await adapter.verify(callback(unsigned))).toBe(false)
    expect(await adapter.verify(callback({ ...envelope.post.query, timestamp: 'soon' }))).toBe(
      false
    )
    expect(
      await build({ ...SETTINGS, WECOM_CORP_ID: 'ww0000000000000000' }).verify(callback())
    ).toBe(false)
    expect(await adapter.verify({ ...callback(), method: 'PUT' })).toBe(false)
  })

  it('enforces no timestamp window (WeCom documents none; msgid dedupe absorbs replays)', async () => {
    expect(envelope.post.query.timestamp).toBe('1700004000')
    expect(await build().verify({ ...callback(), receivedAt: Date.UTC(2030, 0, 1) })).toBe(true)
  })

  it('parses nothing that verify did not open', async () => {
    const adapter = build()
    const req = callback()
    expect(adapter.parse(req)).toEqual({
      kind: 'invalid',
      reason: 'callback that verify did not open',
    })
    expect(await adapter.verify(req)).toBe(true)
    expect(adapter.parse({ ...req }).kind).toBe('invalid')
  })

  it.each([...GARBAGE_BODIES, '<xml></xml>', '<xml><Encrypt>abc</Encrypt></xml>'])(
    'rejects the garbage body %j without throwing',
    async (body) => {
      const adapter = build()
      const req = callback(envelope.post.query, body)
      expect(await adapter.verify(req)).toBe(false)
      expect(adapter.parse(req).kind).toBe('invalid')
    }
  )
})

describe('sync', () => {
  it('pages until has_more is 0, mapping customer items, menu taps and failures', async () => {
    const pages = [json(page1), json(page2)]
    const fetchFake = fakeFetch(() => pages.shift() ?? json({}, 500))
    const adapter = build(SETTINGS, { fetch: fetchFake })
    const first = await adapter.sync?.(
      KFID,
      null,
      'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR'
    )
    const base = { channel: 'wecom', conversationKey: KEY, sender: { id: USER, isBot: false } }
    expect(first).toEqual({
      ok: true,
      cursor: '4gw7MepFLfgF2VC5npN',
      hasMore: true,
      events: [
        {
          ...base,
          type: 'message',
          externalId: 'msg:from_msgid_4622416642169452483',
          platformMessageId: 'from_msgid_4622416642169452483',
          sentAt: 1_700_004_002_000,
          text: '你好，我的订单 #1042 什么时候发货？',
          attachments: [],
          raw: page1.msg_list[1],
        },
        {
          ...base,
          type: 'message',
          externalId: 'msg:from_msgid_4622416642169452484',
          platformMessageId: 'from_msgid_4622416642169452484',
          sentAt: 1_700_004_003_000,
          text: '',
          attachments: [{ kind: 'image', ref: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' }],
          raw: page1.msg_list[2],
        },
        {
          ...base,
          type: 'message',
          externalId: 'msg:from_msgid_4622416642169452485',
          platformMessageId: 'from_msgid_4622416642169452485',
          sentAt: 1_700_004_004_000,
          text: '',
          attachments: [
            {
              kind: 'audio',
              ref: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Voice',
              mimeType: 'audio/amr',
            },
          ],
          raw: page1.msg_list[3],
        },
        {
          type: 'message',
          channel: 'wecom',
          conversationKey: `wecom:${KFID}:wmAJ2GCAAAZd0yTn7pQ3eLq_4kRb8vXw`,
          externalId: 'msg:from_msgid_4622416642169452486',
          platformMessageId: 'from_msgid_4622416642169452486',
          sender: { id: 'wmAJ2GCAAAZd0yTn7pQ3eLq_4kRb8vXw', isBot: false },
          sentAt: 1_700_004_005_000,
          text: '收到了 🙏 包裹完好 📦👍🏽 👩‍👩‍👧',
          attachments: [],
          raw: page1.msg_list[4],
        },
      ],
    })
    const second = await adapter.sync?.(KFID, first?.ok ? first.cursor : null, undefined)
    if (!second?.ok) throw new Error('second page failed')
    expect(second.hasMore).toBe(false)
    expect(second.cursor).toBe('4gw7MepFLfgF2VC5npO')
    expect(second.events.map((event) => [event.type, event.externalId])).toEqual([
      ['message', 'msg:from_msgid_4622416642169452487'],
      ['message', 'msg:from_msgid_4622416642169452488'],
      ['message', 'msg:from_msgid_4622416642169452489'],
      ['message', 'msg:from_msgid_4622416642169452490'],
      ['action', 'msg:from_msgid_4622416642169452491'],
      ['message', 'msg:from_msgid_4622416642169452492'],
      ['status', 'msg:7Bq1nL3kPx9e0aSd2fGi'],
      ['message', 'msg:from_msgid_4622416642169452493'],
    ])
    const [video, file, location, link, tap, card, failed, long] = second.events
    expect(video).toMatchObject({
      attachments: [{ kind: 'video', ref: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Video' }],
    })
    expect(file).toMatchObject({
      attachments: [{ kind: 'file', ref: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4File' }],
    })
    expect(location).toMatchObject({
      text: '广州国际媒体港(广州市海珠区)\n广东省广州市海珠区滨江东路',
    })
    expect(link).toMatchObject({
      text: '退货政策\n七天无理由退货说明\nhttps://shop.example.cn/returns',
    })
    expect(tap).toEqual({
      ...base,
      type: 'action',
      externalId: 'msg:from_msgid_4622416642169452491',
      sentAt: 1_700_004_014_000,
      actionId: 'track',
      label: '查物流',
      raw: page2.msg_list[4],
    })
    expect(card).toMatchObject({ type: 'message', text: '', attachments: [] })
    expect(failed).toEqual({
      ...base,
      type: 'status',
      externalId: 'msg:7Bq1nL3kPx9e0aSd2fGi',
      sentAt: 1_700_004_016_000,
      platformMessageId: '1c9a3f0e5b7d2a4c6e8f0a1b3c5d7e9f',
      status: 'failed',
      error: 'window_closed',
      raw: page2.msg_list[6],
    })
    expect(long?.type === 'message' && long.text.length).toBe(930)

    expect(fetchFake).toHaveBeenCalledTimes(3)
    expect(apiCalls(fetchFake)).toEqual([
      {
        url: SYNC_URL,
        method: 'POST',
        contentType: 'application/json',
        body: {
          token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
          limit: 1000,
          open_kfid: KFID,
        },
      },
      {
        url: SYNC_URL,
        method: 'POST',
        contentType: 'application/json',
        body: { cursor: '4gw7MepFLfgF2VC5npN', limit: 1000, open_kfid: KFID },
      },
    ])
  })

  it('keeps going through an empty page that still has more, keeping the cursor', async () => {
    const adapter = build(SETTINGS, { fetch: fakeFetch(() => json(syncEmpty)) })
    expect(await adapter.sync?.(KFID, 'c0', undefined)).toEqual({
      ok: true,
      events: [],
      cursor: '4gw7MepFLfgF2VC5npN',
      hasMore: true,
    })
    const noCursor = build(SETTINGS, {
      fetch: fakeFetch(() => json({ errcode: 0, errmsg: 'ok', has_more: 0, msg_list: [] })),
    })
    expect(await noCursor.sync?.(KFID, 'c0', undefined)).toEqual({
      ok: true,
      events: [],
      cursor: 'c0',
      hasMore: false,
    })
  })

  it('refreshes the token once and classifies failures', async () => {
    const answers = [json(error40014), json(page2)]
    const refreshed = fakeFetch(() => answers.shift() ?? json({}, 500))
    expect(await build(SETTINGS, { fetch: refreshed }).sync?.(KFID, 'c1', undefined)).toMatchObject(
      { ok: true, hasMore: false }
    )
    expect(
      refreshed.mock.calls.filter(([input]) => String(input).includes('/gettoken'))
    ).toHaveLength(2)
    resetAccessTokens()
    expect(
      await build(SETTINGS, { fetch: fakeFetch(() => json(errorBusy)) }).sync?.(KFID, 'c1')
    ).toMatchObject({ ok: false, retryable: true })
    resetAccessTokens()
    expect(
      await build(SETTINGS, { fetch: fakeFetch(() => json(error40096)) }).sync?.(KFID, 'c1')
    ).toMatchObject({ ok: false, retryable: false })
    resetAccessTokens()
    expect(
      await build(SETTINGS, { fetch: fakeFetch(() => new Response('', { status: 503 })) }).sync?.(
        KFID,
        'c1'
      )
    ).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 503',
    })
    expect(await build().sync?.('bad:id', null)).toMatchObject({ ok: false, retryable: false })
  })
})

describe('send', () => {
  it('posts kf/send_msg with a derived msgid, fetching the token once for two sends', async () => {
    const fetchFake = fakeFetch((call) =>
      json({ errcode: 0, errmsg: 'ok', msgid: `server-${call}` })
    )
    const adapter = build(SETTINGS, { fetch: fetchFake })
    expect(await adapter.send(message('Hello <b> & *bold* _x_'))).toEqual({
      ok: true,
      externalId: 'server-0',
    })
    expect(await adapter.send(message('你好', { idempotencyKey: 'outbox-4' }))).toEqual({
      ok: true,
      externalId: 'server-1',
    })
    expect(fetchFake).toHaveBeenCalledTimes(3)
    expect(String(fetchFake.mock.calls[0]?.[0])).toBe(
      'https://qy.test/cgi-bin/gettoken?corpid=ww4d5e6f7a8b9c0d1e&corpsecret=kf-secret-0001'
    )
    const [first, second] = apiCalls(fetchFake)
    const msgid = await partMsgId(KEY, 'outbox-3', 0)
    expect(msgid).toMatch(/^[0-9a-f]{32}$/)
    expect(first).toEqual({
      url: SEND_URL,
      method: 'POST',
      contentType: 'application/json',
      body: {
        touser: USER,
        open_kfid: KFID,
        msgid,
        msgtype: 'text',
        text: { content: 'Hello <b> & *bold* _x_' },
      },
    })
    expect(second?.body).toMatchObject({
      msgid: await partMsgId(KEY, 'outbox-4', 0),
      text: { content: '你好' },
    })
  })

  it('falls back to our msgid, which differs per conversation', async () => {
    const fetchFake = fakeFetch(() => json({ errcode: 0, errmsg: 'ok' }))
    const result = await build(SETTINGS, { fetch: fetchFake }).send(message('hi'))
    expect(result).toEqual({ ok: true, externalId: await partMsgId(KEY, 'outbox-3', 0) })
    expect(await partMsgId(`wecom:${KFID}:wmOther`, 'outbox-3', 0)).not.toBe(
      await partMsgId(KEY, 'outbox-3', 0)
    )
  })

  it('sends buttons as a menu message headed by the text', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'track', label: '查物流' },
      { id: 'returns', label: '退换货' },
      { id: 'human', label: '  ' },
    ]
    await build(SETTINGS, { fetch: fetchFake }).send(message('有什么可以帮您？', { buttons }))
    expect(apiCalls(fetchFake)[0]?.body).toEqual({
      touser: USER,
      open_kfid: KFID,
      msgid: await partMsgId(KEY, 'outbox-3', 0),
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: '有什么可以帮您？',
        list: [
          { type: 'click', click: { id: 'track', content: '查物流' } },
          { type: 'click', click: { id: 'returns', content: '退换货' } },
          { type: 'click', click: { id: 'human', content: 'human' } },
        ],
      },
    })
  })

  it('degrades more than 10 buttons, or an id over 64 bytes, to a numbered list', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `b${i}`, label: `Option ${i + 1}` }))
    const [part] = planParts('Pick one', many)
    expect(part?.msgtype).toBe('text')
    expect(part?.msgtype === 'text' && part.text.content).toBe(
      `Pick one\n\nReply with a number:\n${many.map((b, i) => `${i + 1}. ${b.label}`).join('\n')}`
    )
    expect(planParts('Pick', [{ id: 'x'.repeat(65), label: 'X' }])[0]?.msgtype).toBe('text')
    expect(planParts('Pick', [{ id: 'x'.repeat(64), label: 'X' }])[0]?.msgtype).toBe('msgmenu')
  })

  it('splits long text at 2048 bytes and keeps the menu head within 1024 bytes', async () => {
    const text = '请确认收货地址与发票抬头。'.repeat(120) // 39 bytes each, 4 680 in all
    const parts = planParts(text, [{ id: 'ok', label: '确认' }])
    const texts = parts.flatMap((part) => (part.msgtype === 'text' ? [part.text.content] : []))
    const menu = parts.at(-1)
    if (menu?.msgtype !== 'msgmenu') throw new Error('the menu must come last')
    for (const content of texts) expect(utf8Length(content)).toBeLessThanOrEqual(MAX_TEXT_BYTES)
    expect(utf8Length(menu.msgmenu.head_content ?? '')).toBeLessThanOrEqual(MAX_HEAD_BYTES)
    expect([...texts, menu.msgmenu.head_content].join('')).toBe(text)

    const fetchFake = fakeFetch((call) => json({ errcode: 0, errmsg: 'ok', msgid: `m${call}` }))
    const result = await build(SETTINGS, { fetch: fetchFake }).send(
      message(text, { buttons: [{ id: 'ok', label: '确认' }] })
    )
    expect(result).toEqual({ ok: true, externalId: `m${parts.length - 1}` })
    const msgids = apiCalls(fetchFake).map((call) => call.body.msgid)
    expect(new Set(msgids).size).toBe(parts.length)
  })

  it('truncates a menu label to 128 bytes and sends a placeholder for empty text', () => {
    const [menu] = planParts('', [{ id: 'a', label: '很'.repeat(50) }])
    expect(menu).toEqual({
      msgtype: 'msgmenu',
      msgmenu: { list: [{ type: 'click', click: { id: 'a', content: '很'.repeat(42) } }] },
    })
    expect(planParts(' ')).toEqual([{ msgtype: 'text', text: { content: '…' } }])
  })

  it('refuses without a request when the window closed or the key is not a WeCom key', async () => {
    const fetchFake = fakeFetch()
    const adapter = build(SETTINGS, { fetch: fetchFake })
    expect(await adapter.send(message('hi', { lastInboundAt: NOW - 49 * 3600_000 }))).toEqual({
      ok: false,
      retryable: false,
      reason: 'window_closed',
    })
    for (const conversationKey of ['wechat:abc', `wecom:${KFID}`, `wecom:${KFID}:${USER}:x`]) {
      expect(
        await adapter.send(message('hi', { to: { channel: 'wecom', conversationKey } }))
      ).toMatchObject({ ok: false, retryable: false })
    }
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('classifies the platform answers', async () => {
    const send = async (answer: () => Response | Promise<Response>) => {
      resetAccessTokens()
      return build(SETTINGS, { fetch: fakeFetch(answer) }).send(message('hi'))
    }
    expect(await send(() => json(error95018))).toEqual({
      ok: false,
      retryable: false,
      reason: 'window_closed',
    })
    expect(await send(() => json({ errcode: 95007, errmsg: 'invalid session' }))).toMatchObject({
      retryable: false,
      reason: 'window_closed',
    })
    expect(await send(() => json(errorBusy))).toMatchObject({ ok: false, retryable: true })
    expect(
      await send(() => json({ errcode: 95001, errmsg: 'send msg count limit' }))
    ).toMatchObject({ ok: false, retryable: true })
    expect(await send(() => json(error45009))).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
    })
    expect(await send(() => json(error40096))).toEqual({
      ok: false,
      retryable: false,
      reason: `40096 ${error40096.errmsg}`,
    })
    expect(await send(() => new Response('busy', { status: 502 }))).toMatchObject({
      ok: false,
      retryable: true,
    })
    const leak = await send(() => Promise.reject(new Error(`cannot reach ${SEND_URL}`)))
    expect(leak).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(leak)).not.toContain(TOKEN)
  })

  it('refreshes the token once on 42001 and on 40014', async () => {
    for (const expired of [{ errcode: 42001, errmsg: 'access_token expired' }, error40014]) {
      resetAccessTokens()
      const answers = [json(expired), json(sendOk)]
      const fetchFake = fakeFetch(() => answers.shift() ?? json({}, 500))
      expect(await build(SETTINGS, { fetch: fetchFake }).send(message('hi'))).toEqual({
        ok: true,
        externalId: sendOk.msgid,
      })
      expect(fetchFake.mock.calls.map(([input]) => new URL(String(input)).pathname)).toEqual([
        '/cgi-bin/gettoken',
        '/cgi-bin/kf/send_msg',
        '/cgi-bin/gettoken',
        '/cgi-bin/kf/send_msg',
      ])
    }
  })

  it('counts a part whose msgid was used already as sent (half-sent retry)', async () => {
    const answers = [json({ errcode: 95999, errmsg: 'msgid already exist' }), json(sendOk)]
    const fetchFake = fakeFetch(() => answers.shift() ?? json({}, 500))
    const text = 'a '.repeat(1500)
    expect(await build(SETTINGS, { fetch: fetchFake }).send(message(text))).toEqual({
      ok: true,
      externalId: sendOk.msgid,
    })
  })

  it('reports an IP refusal of the token as final', async () => {
    const fetchFake = vi.fn<typeof fetch>(async () => json(error60020))
    expect(await build(SETTINGS, { fetch: fetchFake }).send(message('hi'))).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('60020'),
    })
  })

  it('defaults the API base to qyapi.weixin.qq.com', async () => {
    const fetchFake = fakeFetch()
    const { WECOM_API_BASE: _base, ...secretsOnly } = SETTINGS
    await build(secretsOnly, { fetch: fetchFake }).send(message('hi'))
    expect(apiCalls(fetchFake)[0]?.url).toBe(
      `https://qyapi.weixin.qq.com/cgi-bin/kf/send_msg?access_token=${TOKEN}`
    )
  })
})

describe('fetchMedia', () => {
  const MEDIA_ID =
    page2.msg_list.flatMap((item) =>
      'file' in item && item.file ? [item.file.media_id] : []
    )[0] ?? ''
  const MEDIA_URL = `https://qy.test/cgi-bin/media/get?access_token=${TOKEN}&media_id=${MEDIA_ID}`
  const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n')
  const doc = { kind: 'file' as const, ref: MEDIA_ID }
  const file = (disposition = 'attachment; filename="return-form.pdf"') =>
    new Response(PDF, {
      headers: { 'content-type': 'application/pdf', 'content-disposition': disposition },
    })
  const fetchMedia = (fetchFake: typeof fetch) => {
    const adapter = build(SETTINGS, { fetch: fetchFake })
    if (!adapter.fetchMedia) throw new Error('no fetchMedia')
    return adapter.fetchMedia.bind(adapter)
  }
  const urls = (fetchFake: ReturnType<typeof fakeFetch>) =>
    fetchFake.mock.calls.map(([input]) => String(input))

  it('GETs media/get with the kf access token; the file is named from Content-Disposition', async () => {
    expect(MEDIA_ID).toBe('2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4File')
    const fetchFake = fakeFetch(() => file())
    const result = await fetchMedia(fetchFake)(doc)
    expect(urls(fetchFake)).toEqual([
      'https://qy.test/cgi-bin/gettoken?corpid=ww4d5e6f7a8b9c0d1e&corpsecret=kf-secret-0001',
      MEDIA_URL,
    ])
    expect(fetchFake.mock.calls[1]?.[1]?.method).toBe('GET')
    if (!result.ok) throw new Error(result.reason)
    expect(result).toMatchObject({ mimeType: 'application/pdf', name: 'return-form.pdf' })
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(PDF)
  })

  it('reads an RFC 5987 (UTF-8) file name, and returns a text file typed text/plain as a file', async () => {
    const utf8Name = fakeFetch(() =>
      file("attachment; filename*=UTF-8''%E9%80%80%E8%B4%A7%E5%8D%95.pdf")
    )
    expect(await fetchMedia(utf8Name)(doc)).toMatchObject({ ok: true, name: '退货单.pdf' })
    resetAccessTokens()
    const text = fakeFetch(
      () => new Response('order 1042: box crushed\n', { headers: { 'content-type': 'text/plain' } })
    )
    const result = await fetchMedia(text)(doc)
    if (!result.ok) throw new Error(result.reason)
    expect(result.mimeType).toBe('text/plain')
    expect(await result.response.text()).toBe('order 1042: box crushed\n')
  })

  it('refreshes an expired token (42001) once and retries', async () => {
    const answers = [json(error42001), file()]
    const fetchFake = fakeFetch(() => answers.shift() ?? json({}, 500))
    expect(await fetchMedia(fetchFake)(doc)).toMatchObject({ ok: true })
    expect(fetchFake.mock.calls.map(([input]) => new URL(String(input)).pathname)).toEqual([
      '/cgi-bin/gettoken',
      '/cgi-bin/media/get',
      '/cgi-bin/gettoken',
      '/cgi-bin/media/get',
    ])
  })

  it('retries on frequency limits (45009), busy (-1), a token refused twice and 5xx', async () => {
    expect(await fetchMedia(fakeFetch(() => json(error45009)))(doc)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
      reason: `media/get: 45009 ${error45009.errmsg}`,
    })
    resetAccessTokens()
    expect(await fetchMedia(fakeFetch(() => json(errorBusy)))(doc)).toMatchObject({
      ok: false,
      retryable: true,
    })
    resetAccessTokens()
    expect(await fetchMedia(fakeFetch(() => json(error40014)))(doc)).toMatchObject({
      ok: false,
      retryable: true,
    })
    resetAccessTokens()
    expect(await fetchMedia(fakeFetch(() => new Response('', { status: 503 })))(doc)).toEqual({
      ok: false,
      retryable: true,
      reason: 'download answered 503',
    })
  })

  it('gives up on an invalid or expired media_id (40007)', async () => {
    const fetchFake = fakeFetch(() => json(error40007))
    expect(await fetchMedia(fetchFake)(doc)).toEqual({
      ok: false,
      retryable: false,
      reason: `media/get: 40007 ${error40007.errmsg}`,
    })
    expect(urls(fetchFake).filter((url) => url.includes('/media/get'))).toHaveLength(1)
  })

  it('never leaks the token or the secret', async () => {
    const leaky = fakeFetch(() => Promise.reject(new Error(`cannot reach ${MEDIA_URL}`)))
    const result = await fetchMedia(leaky)(doc)
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain(TOKEN)
    resetAccessTokens()
    const tokenDown = vi.fn<typeof fetch>(async () => {
      throw new Error(`secret ${SETTINGS.WECOM_SECRET} rejected`)
    })
    const failed = await fetchMedia(tokenDown)(doc)
    expect(failed).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(failed)).not.toContain(SETTINGS.WECOM_SECRET)
  })
})
