import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fromBase64, utf8 } from '../../src/lib/encoding'
import safeModeText from '../wechat/fixtures/safe-mode-text.json'
import { importAesKey, isEncodingAesKey, wxDecrypt, wxEncrypt } from './aes'
import { callApi } from './api'
import { redact, requestJson } from './http'
import { verifyWxSignature, wxSignature } from './signature'
import { utf8Length } from '../../src/lib/encoding'
import { cleanText, splitUtf8, truncateUtf8, withNumberedOptions } from './text'
import {
  REFRESH_MARGIN_MS,
  SHARED_WAIT_MS,
  type TokenSource,
  getAccessToken,
  resetAccessTokens,
} from './token'
import { buildXml, cdata, decodeEntities, parseXml, readXml } from './xml'

// CHANNELS.md §10 vectors #7-#10 (wechatpy tests/test_utils.py and tests/test_crypto.py).
const V = {
  token: '123456',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  corpId: 'wx49f0ab532d5d035a',
  echostr:
    '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
  encrypted:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
  reply:
    '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
  replyEncrypted:
    '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
}

const aes = async (key = V.aesKey) => {
  const imported = await importAesKey(key)
  if (!imported) throw new Error('key did not import')
  return imported
}

describe('signatures (vectors #7-#10)', () => {
  it('#7 Official Account plaintext signature', async () => {
    expect(await wxSignature('test', '1410685589', 'test')).toBe(
      'f21891de399b4e33a1a93c9a7b8a8fffb5a443ff'
    )
  })

  it('#8 WeCom URL verification msg_signature', async () => {
    const expected = 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96'
    expect(await wxSignature(V.token, '1411443780', '437374425', V.echostr)).toBe(expected)
  })

  it('#9 WeCom message msg_signature', async () => {
    const expected = '74d92dfeb87ba7c714f89d98870ae5eb62dff26d'
    expect(await wxSignature(V.token, '1411525903', '461056294', V.encrypted)).toBe(expected)
  })

  it('#10 signature of an encrypted reply', async () => {
    const expected = '407518b7649e86ef23978113f92d27afa9296533'
    expect(await wxSignature(V.token, '1411525903', '461056294', V.replyEncrypted)).toBe(expected)
  })

  it('sorts before hashing, so the order of the parts does not matter', async () => {
    expect(await wxSignature('1410685589', 'test', 'test')).toBe(
      await wxSignature('test', 'test', '1410685589')
    )
  })

  it('verifies case-insensitively and rejects empty or wrong signatures', async () => {
    const good = 'f21891de399b4e33a1a93c9a7b8a8fffb5a443ff'
    expect(await verifyWxSignature(good, 'test', '1410685589', 'test')).toBe(true)
    expect(await verifyWxSignature(good.toUpperCase(), 'test', '1410685589', 'test')).toBe(true)
    expect(await verifyWxSignature(good, 'test', '1410685590', 'test')).toBe(false)
    expect(await verifyWxSignature('', 'test', '1410685589', 'test')).toBe(false)
    expect(await verifyWxSignature(null, 'test', '1410685589', 'test')).toBe(false)
  })
})

describe('AES (vectors #8-#10)', () => {
  it('#8 decrypts the echostr for the CorpID', async () => {
    expect(await wxDecrypt(await aes(), V.echostr)).toEqual({
      message: '5927782489442352469',
      receiveId: V.corpId,
    })
  })

  it('#9 decrypts the message XML', async () => {
    const opened = await wxDecrypt(await aes(), V.encrypted)
    expect(opened?.receiveId).toBe(V.corpId)
    expect(readXml(opened?.message ?? '')).toEqual({
      ToUserName: 'wx49f0ab532d5d035a',
      FromUserName: 'messense',
      CreateTime: '1411525903',
      MsgType: 'text',
      Content: 'test',
      MsgId: '4363689963896700987',
      AgentID: '1',
    })
  })

  it('#10 encrypts a reply byte for byte with a fixed random prefix', async () => {
    const random = utf8('1234567890123456')
    expect(await wxEncrypt(await aes(), V.reply, V.corpId, random)).toBe(V.replyEncrypted)
  })

  it('handles the 32-byte padding quirk: over 16 bytes, which Web Crypto rejects', async () => {
    const key = await aes()
    // 20 header bytes + 1 + 18 (CorpID) = 39 -> 39 % 32 = 7 -> 25 bytes of padding.
    const cipherText = await wxEncrypt(key, 'x', V.corpId)
    const cipher = fromBase64(cipherText)
    expect(cipher?.length).toBe(64)
    await expect(
      crypto.subtle.decrypt({ name: 'AES-CBC', iv: key.iv }, key.key, cipher ?? new Uint8Array())
    ).rejects.toThrow()
    expect(await wxDecrypt(key, cipherText)).toEqual({ message: 'x', receiveId: V.corpId })
  })

  it('round-trips every padding length 1..32', async () => {
    const key = await aes()
    for (let size = 0; size < 32; size++) {
      const message = '好'.repeat(size) // 3 bytes each: every residue mod 32 comes up
      expect(await wxDecrypt(key, await wxEncrypt(key, message, 'wxid'))).toEqual({
        message,
        receiveId: 'wxid',
      })
    }
  })

  it('decrypts a push produced by the reference implementation (padding 20 bytes)', async () => {
    expect(safeModeText.padding).toBeGreaterThan(16)
    const key = await aes(safeModeText.settings.WECHAT_ENCODING_AES_KEY)
    const encrypt = readXml(safeModeText.body)?.Encrypt ?? ''
    expect(await wxDecrypt(key, encrypt)).toEqual({
      message: safeModeText.plaintext,
      receiveId: safeModeText.settings.WECHAT_APP_ID,
    })
  })

  it('returns null for malformed or foreign ciphertext instead of throwing', async () => {
    const key = await aes()
    for (const bad of [
      '',
      'not base64!',
      'AAAA',
      btoa('x'.repeat(31)),
      btoa('x'.repeat(48)),
      `${V.echostr.slice(0, -4)}AAA=`,
    ]) {
      expect(await wxDecrypt(key, bad)).toBeNull()
    }
    const other = await aes('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')
    const opened = await wxDecrypt(other, V.echostr)
    expect(opened?.receiveId).not.toBe(V.corpId)
  })

  it('accepts only 43-character EncodingAESKeys', async () => {
    expect(isEncodingAesKey(V.aesKey)).toBe(true)
    expect(isEncodingAesKey(`${V.aesKey}=`)).toBe(false)
    expect(await importAesKey(V.aesKey.slice(1))).toBeNull()
    expect(await importAesKey('!'.repeat(43))).toBeNull()
  })
})

describe('XML', () => {
  it('reads flat fields from CDATA and plain text, skipping the declaration and comments', () => {
    const xml = `<?xml version="1.0"?>\n<!-- push -->\n<xml>\n  <A><![CDATA[one]]></A>\n  <B>2</B>\n  <C/>\n</xml>\n`
    expect(readXml(xml)).toEqual({ A: 'one', B: '2', C: '' })
  })

  it('joins split CDATA sections and decodes entities in text nodes only', () => {
    expect(readXml('<xml><A><![CDATA[a ]]]]><![CDATA[> b &amp;]]></A></xml>')).toEqual({
      A: 'a ]]> b &amp;',
    })
    expect(
      readXml('<xml><A>x &lt;&gt;&amp;&quot;&apos; &#128512;&#x4F60; &bogus; &#0;</A></xml>')
    ).toEqual({
      A: `x <>&"' 😀你 &bogus; &#0;`,
    })
    expect(decodeEntities('&#xD800;')).toBe('&#xD800;')
  })

  it('flattens nested elements as Parent.Child and keeps the first of repeated names', () => {
    const xml =
      '<xml><E>scancode_waitmsg</E><Info><Type>qrcode</Type><Result>X1</Result></Info><E>again</E></xml>'
    expect(readXml(xml)).toEqual({
      E: 'scancode_waitmsg',
      'Info.Type': 'qrcode',
      'Info.Result': 'X1',
    })
  })

  it('skips attributes, even with > inside quotes', () => {
    expect(readXml(`<xml id="a>b" x='1'><A k="v">t</A></xml>`)).toEqual({ A: 't' })
  })

  it('keeps a field named __proto__ as a plain field', () => {
    const fields = readXml('<xml><__proto__>x</__proto__><constructor>y</constructor></xml>')
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype)
    expect(Object.keys(fields ?? {})).toEqual(['__proto__', 'constructor'])
  })

  it.each([
    '',
    'null',
    '{"a":1}',
    '<xml>',
    '<xml><a>',
    '<xml><a></b></xml>',
    '<xml></xml><xml></xml>',
    '<xml><![CDATA[x</xml>',
    '<!DOCTYPE xml [<!ENTITY e "boom">]><xml>&e;</xml>',
    '<xml><!DOCTYPE x></xml>',
    `${'<a>'.repeat(500)}${'</a>'.repeat(500)}`,
    `${'['.repeat(500)}${']'.repeat(500)}`,
    '\u0000\uffff',
  ])('refuses malformed input %# without throwing', (source) => {
    expect(parseXml(source)).toBeNull()
  })

  it('readXml wants an <xml> root', () => {
    expect(readXml('<root><A>1</A></root>')).toBeNull()
  })

  it('builds CDATA fields and numbers, splitting ]]>', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>')
    const xml = buildXml({
      ToUserName: 'gh_1',
      CreateTime: 1700000000,
      Content: 'x ]]> <y> & 你好',
    })
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1700000000</CreateTime><Content><![CDATA[x ]]]]><![CDATA[> <y> & 你好]]></Content></xml>'
    )
    expect(readXml(xml)).toEqual({
      ToUserName: 'gh_1',
      CreateTime: '1700000000',
      Content: 'x ]]> <y> & 你好',
    })
  })
})

describe('text', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé你😀')).toBe(1 + 2 + 3 + 4)
    expect(utf8Length('\ud800')).toBe(3)
  })

  it('splits by bytes, preferring a newline then a space in the last half', () => {
    expect(splitUtf8('aaaa\nbbb ccc', 10)).toEqual(['aaaa\nbbb', 'ccc'])
    expect(splitUtf8('aaaaaa\nbb\ncc', 10)).toEqual(['aaaaaa\nbb', 'cc'])
    expect(splitUtf8('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)])
    expect(splitUtf8('你好世界你好', 7)).toEqual(['你好', '世界', '你好'])
  })

  it('never splits a surrogate pair and keeps every chunk within the limit', () => {
    const text = `a${'😀'.repeat(1000)}`
    const chunks = splitUtf8(text, 2048)
    for (const chunk of chunks) {
      expect(chunk.isWellFormed()).toBe(true)
      expect(utf8Length(chunk)).toBeLessThanOrEqual(2048)
    }
    expect(chunks.join('')).toBe(text)
  })

  it('keeps short text whole and drops blank text', () => {
    expect(splitUtf8('hello', 2048)).toEqual(['hello'])
    expect(splitUtf8('x'.repeat(2048), 2048)).toEqual(['x'.repeat(2048)])
    expect(splitUtf8('   \n ', 2048)).toEqual([])
    expect(splitUtf8('😀😀', 3)).toEqual(['😀', '😀'])
  })

  it('truncates at a code point boundary', () => {
    expect(truncateUtf8('你好世界', 7)).toBe('你好')
    expect(truncateUtf8('ab', 10)).toBe('ab')
  })

  it('cleans lone surrogates and control characters, keeping newlines and tabs', () => {
    expect(cleanText('a\u0000b\r\nc\td\u001b\ud800e')).toBe('ab\nc\td\ufffde')
  })

  it('appends numbered options with a hint in the text’s script', () => {
    const buttons = [
      { id: 'track', label: 'Track order' },
      { id: 'human', label: ' ' },
    ]
    expect(withNumberedOptions('How can I help?', buttons)).toBe(
      'How can I help?\n\nReply with a number:\n1. Track order\n2. human'
    )
    expect(withNumberedOptions('有什么可以帮您？', [{ id: 'a', label: '查物流' }])).toBe(
      '有什么可以帮您？\n\n回复数字选择：\n1. 查物流'
    )
    expect(withNumberedOptions('', [{ id: 'a', label: 'Yes' }])).toBe(
      'Reply with a number:\n1. Yes'
    )
    expect(withNumberedOptions('Hi', [])).toBe('Hi')
  })
})

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

const WECHAT: TokenSource = {
  kind: 'wechat',
  id: 'wxtoken0000000001',
  secret: 'app-secret-1',
  base: 'https://wx.test',
}
const WECOM: TokenSource = {
  kind: 'wecom',
  id: 'wwtoken0000000001',
  secret: 'corp secret/2',
  base: 'https://qy.test',
}
const NOW = 1_700_000_000_000

describe('access tokens', () => {
  beforeEach(() => resetAccessTokens())
  afterEach(() => vi.useRealTimers())

  it('fetches the stable token once and serves it from the cache', async () => {
    const fetchFake = vi.fn<typeof fetch>(async () =>
      json({ access_token: 'T1', expires_in: 7200 })
    )
    expect(await getAccessToken(WECHAT, fetchFake, NOW)).toEqual({ ok: true, token: 'T1' })
    expect(await getAccessToken(WECHAT, fetchFake, NOW + 60_000)).toEqual({ ok: true, token: 'T1' })
    expect(fetchFake).toHaveBeenCalledTimes(1)
    const [url, init] = fetchFake.mock.calls[0] ?? []
    expect(String(url)).toBe('https://wx.test/cgi-bin/stable_token')
    expect(init?.method).toBe('POST')
    expect(JSON.parse(String(init?.body))).toEqual({
      grant_type: 'client_credential',
      appid: 'wxtoken0000000001',
      secret: 'app-secret-1',
      force_refresh: false,
    })
  })

  it('uses gettoken for WeCom with the secret URL-encoded', async () => {
    const fetchFake = vi.fn<typeof fetch>(async () =>
      json({ errcode: 0, errmsg: 'ok', access_token: 'Q1', expires_in: 7200 })
    )
    expect(await getAccessToken(WECOM, fetchFake, NOW)).toEqual({ ok: true, token: 'Q1' })
    const [url, init] = fetchFake.mock.calls[0] ?? []
    expect(String(url)).toBe(
      'https://qy.test/cgi-bin/gettoken?corpid=wwtoken0000000001&corpsecret=corp%20secret%2F2'
    )
    expect(init?.method).toBe('GET')
  })

  it('refreshes 5 minutes before expiry', async () => {
    let n = 0
    const fetchFake = vi.fn<typeof fetch>(async () =>
      json({ access_token: `T${++n}`, expires_in: 7200 })
    )
    await getAccessToken(WECHAT, fetchFake, NOW)
    const almost = NOW + 7200_000 - REFRESH_MARGIN_MS
    expect(await getAccessToken(WECHAT, fetchFake, almost - 1)).toEqual({ ok: true, token: 'T1' })
    expect(await getAccessToken(WECHAT, fetchFake, almost)).toEqual({ ok: true, token: 'T2' })
    expect(fetchFake).toHaveBeenCalledTimes(2)
  })

  it('shares one in-flight fetch between concurrent callers', async () => {
    let release: (response: Response) => void = () => {}
    const fetchFake = vi.fn<typeof fetch>(
      () => new Promise<Response>((resolve) => (release = resolve))
    )
    const first = getAccessToken(WECHAT, fetchFake, NOW)
    const second = getAccessToken(WECHAT, fetchFake, NOW)
    await vi.waitFor(() => expect(fetchFake).toHaveBeenCalledTimes(1))
    release(json({ access_token: 'T1', expires_in: 7200 }))
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, token: 'T1' },
      { ok: true, token: 'T1' },
    ])
    expect(fetchFake).toHaveBeenCalledTimes(1)
  })

  it('stops waiting for a fetch that never settles and fetches itself', async () => {
    vi.useFakeTimers()
    const hanging = vi.fn<typeof fetch>(() => new Promise<Response>(() => {}))
    void getAccessToken(WECHAT, hanging, NOW)
    const working = vi.fn<typeof fetch>(async () => json({ access_token: 'T2', expires_in: 7200 }))
    const waiter = getAccessToken(WECHAT, working, NOW)
    await vi.advanceTimersByTimeAsync(SHARED_WAIT_MS)
    expect(await waiter).toEqual({ ok: true, token: 'T2' })
    expect(working).toHaveBeenCalledTimes(1)
  })

  it('drops a rejected token, but keeps one that another caller already replaced', async () => {
    let n = 0
    const fetchFake = vi.fn<typeof fetch>(async () =>
      json({ access_token: `T${++n}`, expires_in: 7200 })
    )
    await getAccessToken(WECHAT, fetchFake, NOW)
    expect(await getAccessToken(WECHAT, fetchFake, NOW, 'T1')).toEqual({ ok: true, token: 'T2' })
    expect(await getAccessToken(WECHAT, fetchFake, NOW, 'T1')).toEqual({ ok: true, token: 'T2' })
    expect(fetchFake).toHaveBeenCalledTimes(2)
  })

  it('classifies token failures and caches none of them', async () => {
    const ip = { errcode: 40164, errmsg: 'invalid ip 203.0.113.7, not in whitelist' }
    const answers = [
      json(ip),
      json({ errcode: -1, errmsg: 'system error' }),
      json({}, 503),
      json({ errcode: 0 }),
    ]
    const fetchFake = vi.fn<typeof fetch>(
      async () => answers.shift() ?? json({ access_token: 'T9' })
    )
    expect(await getAccessToken(WECHAT, fetchFake, NOW)).toEqual({
      ok: false,
      retryable: false,
      reason:
        "access token: 40164 invalid ip 203.0.113.7, not in whitelist (whitelist the API proxy's IP)",
    })
    expect(await getAccessToken(WECHAT, fetchFake, NOW)).toMatchObject({
      ok: false,
      retryable: true,
    })
    expect(await getAccessToken(WECHAT, fetchFake, NOW)).toMatchObject({
      ok: false,
      retryable: true,
    })
    expect(await getAccessToken(WECHAT, fetchFake, NOW)).toMatchObject({
      ok: false,
      retryable: true,
    })
    expect(await getAccessToken(WECHAT, fetchFake, NOW)).toEqual({ ok: true, token: 'T9' })
  })

  it('never leaks the secret in a network failure', async () => {
    const leaky = vi.fn<typeof fetch>(async (input) => {
      throw new Error(`cannot reach ${String(input)}`)
    })
    const result = await getAccessToken(WECOM, leaky, NOW)
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain('corp secret')
    expect(JSON.stringify(result)).not.toContain('corp%20secret')
  })
})

describe('API calls', () => {
  beforeEach(() => resetAccessTokens())

  it('refreshes a rejected token once and retries the call once', async () => {
    const answers = [
      json({ access_token: 'OLD', expires_in: 7200 }),
      json({ errcode: 42001, errmsg: 'access_token expired' }),
      json({ access_token: 'NEW', expires_in: 7200 }),
      json({ errcode: 0, errmsg: 'ok' }),
    ]
    const fetchFake = vi.fn<typeof fetch>(async () => answers.shift() ?? json({}, 500))
    expect(await callApi(WECHAT, fetchFake, NOW, '/cgi-bin/x', { a: 1 })).toEqual({
      kind: 'ok',
      body: { errcode: 0, errmsg: 'ok' },
    })
    const urls = fetchFake.mock.calls.map(([url]) => String(url))
    expect(urls).toEqual([
      'https://wx.test/cgi-bin/stable_token',
      'https://wx.test/cgi-bin/x?access_token=OLD',
      'https://wx.test/cgi-bin/stable_token',
      'https://wx.test/cgi-bin/x?access_token=NEW',
    ])
  })

  it('gives up after one refresh', async () => {
    let n = 0
    const fetchFake = vi.fn<typeof fetch>(async (input) =>
      String(input).includes('stable_token')
        ? json({ access_token: `T${++n}`, expires_in: 7200 })
        : json({ errcode: 40001, errmsg: 'invalid credential' })
    )
    expect(await callApi(WECHAT, fetchFake, NOW, '/cgi-bin/x', {})).toEqual({
      kind: 'error',
      errcode: 40001,
      errmsg: 'invalid credential',
    })
    expect(fetchFake).toHaveBeenCalledTimes(4)
  })

  it('classifies transport trouble: 429 with Retry-After, 5xx, non-JSON, network', async () => {
    const call = (answer: () => Response | Promise<Response>) =>
      requestJson(
        vi.fn<typeof fetch>(async () => answer()),
        'https://x.test/a?access_token=SECRET',
        {},
        ['SECRET']
      )
    expect(await call(() => json({}, 429, { 'retry-after': '7' }))).toEqual({
      kind: 'failure',
      failure: { ok: false, retryable: true, retryAfterMs: 7000, reason: 'HTTP 429' },
    })
    expect(await call(() => new Response('<html>502</html>', { status: 502 }))).toMatchObject({
      failure: { retryable: true, reason: 'HTTP 502' },
    })
    expect(await call(() => new Response('<html>ok?</html>'))).toMatchObject({
      failure: { retryable: true },
    })
    expect(await call(() => new Response('nope', { status: 404 }))).toMatchObject({
      failure: { retryable: false },
    })
    const down = await call(() =>
      Promise.reject(new TypeError('fetch to https://x.test/a?access_token=SECRET failed'))
    )
    expect(down).toEqual({
      kind: 'failure',
      failure: {
        ok: false,
        retryable: true,
        reason: 'network: fetch to https://x.test/a?access_token=<redacted> failed',
      },
    })
  })

  it('redacts secrets in their URL-encoded form too', () => {
    expect(redact('x a%20b%2Fc and a b/c', ['a b/c'])).toBe('x <redacted> and <redacted>')
  })
})
