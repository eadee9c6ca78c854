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
import { telegramSigned } from '../../test/support/signatures'
import answerCallbackOk from './fixtures/answer-callback-ok.json'
import callbackQuery from './fixtures/callback-query.json'
import documentMessage from './fixtures/document.json'
import editedMessage from './fixtures/edited-message.json'
import emoji from './fixtures/emoji.json'
import error400 from './fixtures/error-400-chat-not-found.json'
import queryTooOld from './fixtures/error-400-query-too-old.json'
import error403 from './fixtures/error-403-blocked.json'
import error429 from './fixtures/error-429.json'
import forumTopic from './fixtures/forum-topic.json'
import fromBot from './fixtures/from-bot.json'
import longText from './fixtures/long-text.json'
import photoCaption from './fixtures/photo-caption.json'
import sendMessageOk from './fixtures/send-message-ok.json'
import sticker from './fixtures/sticker.json'
import textMessage from './fixtures/text-message.json'
import unknownUpdate from './fixtures/unknown-my-chat-member.json'
import voice from './fixtures/voice.json'
import { escapeHtml } from '../../src/lib/escape'
import { classify, inlineKeyboard, splitText } from './format'
import { telegram } from './index'

const SETTINGS = {
  TELEGRAM_BOT_TOKEN: '123:ABC',
  TELEGRAM_WEBHOOK_SECRET: 's3cret',
  TELEGRAM_API_BASE: 'https://tg.test',
}
const env = SETTINGS as unknown as Env
const RECEIVED_AT = 1_700_009_999_000
const API = 'https://tg.test/bot123:ABC'

const request = (body: string, headers: Record<string, string> = {}): WebhookRequest =>
  webhookRequest('telegram', body, headers, RECEIVED_AT)

/** A fetch fake answering every call with a fresh response from `answer`. */
const fakeFetch = (answer: Answer = () => json(sendMessageOk)) => platformStandIn(answer)

const build = (fetchFake: typeof fetch = fakeFetch(), settings: object = SETTINGS) =>
  configured(telegram, settings, { fetch: fetchFake })

/** The nth request a fetch fake received, decoded (the token is in the URL, not a header). */
const sent = (fetchFake: FetchFake, index = 0) => {
  const { url, method, contentType, body } = sentJson(fetchFake, index)
  return { url, method, contentType, body }
}

const parseEvents = (adapter: ChannelAdapter, payload: unknown): InboundEvent[] =>
  eventsOf(adapter, request(JSON.stringify(payload)))

const message = outboundTo('telegram', 'telegram:111111111', {
  idempotencyKey: 'outbox-1',
  now: 1_700_000_000_000,
  lastInboundAt: 1_700_000_000_000,
})

const ada = { id: '111111111', name: 'Ada', isBot: false }

describe('telegram factory', () => {
  it('returns null without a token or a webhook secret', () => {
    expect(telegram({} as unknown as Env)).toBeNull()
    expect(telegram({ ...SETTINGS, TELEGRAM_BOT_TOKEN: '' } as unknown as Env)).toBeNull()
    expect(telegram({ ...SETTINGS, TELEGRAM_WEBHOOK_SECRET: '' } as unknown as Env)).toBeNull()
    expect(telegram({ TELEGRAM_BOT_TOKEN: '123:ABC' } as unknown as Env)).toBeNull()
  })

  it('builds the telegram adapter when both secrets are set', () => {
    expect(telegram(env)?.channel).toBe('telegram')
  })
})

describe('verify', () => {
  const adapter = build()
  const withSecret = (value: string) => adapter.verify(request('{}', telegramSigned(value)))

  it('accepts the configured secret (header name is case-insensitive)', async () => {
    expect(await withSecret('s3cret')).toBe(true)
    expect(
      await adapter.verify(request('{}', { 'x-telegram-bot-api-secret-token': 's3cret' }))
    ).toBe(true)
  })

  it('rejects a wrong, empty, missing or different-length secret', async () => {
    expect(await withSecret('s3creT')).toBe(false)
    expect(await withSecret('')).toBe(false)
    expect(await withSecret('s3cret-and-more')).toBe(false)
    expect(await withSecret('s3')).toBe(false)
    expect(await adapter.verify(request('{}'))).toBe(false)
  })
})

describe('parse', () => {
  const adapter = build()

  /** A parsed Telegram message: the fields every update shares, then the update's own. */
  const telegramMessage = (fields: Record<string, unknown>) => ({
    type: 'message',
    channel: 'telegram',
    attachments: [],
    ...fields,
  })

  it.each<[string, unknown, Record<string, unknown>]>([
    [
      'maps a private text message',
      textMessage,
      {
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345678',
        platformMessageId: '42',
        sender: { id: '111111111', name: 'Ada Lovelace', isBot: false, languageHint: 'en' },
        sentAt: 1_700_000_000_000,
        text: 'Where is my order #1042?',
        raw: textMessage,
      },
    ],
    [
      'takes the largest photo size and the caption as text',
      photoCaption,
      {
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345681',
        platformMessageId: '44',
        sender: { ...ada, languageHint: 'en' },
        sentAt: 1_700_000_100_000,
        text: 'The box arrived crushed',
        attachments: [{ kind: 'image', ref: 'AgACAgIAAxkBAAIBQ2VaLarge', size: 98120 }],
        raw: photoCaption,
      },
    ],
    [
      'maps a document with its MIME type and file name',
      documentMessage,
      {
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345682',
        platformMessageId: '45',
        sender: ada,
        sentAt: 1_700_000_200_000,
        text: '',
        attachments: [
          {
            kind: 'file',
            ref: 'BQACAgIAAxkBAAIBRGVaInvoice',
            size: 48211,
            mimeType: 'application/pdf',
            name: 'invoice-1042.pdf',
          },
        ],
        raw: documentMessage,
      },
    ],
    [
      'maps a voice note to an audio attachment',
      voice,
      {
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345683',
        platformMessageId: '46',
        sender: ada,
        sentAt: 1_700_000_300_000,
        text: '',
        attachments: [
          { kind: 'audio', ref: 'AwACAgIAAxkBAAIBRWVaVoice', mimeType: 'audio/ogg', size: 12345 },
        ],
        raw: voice,
      },
    ],
    [
      'keys a forum-topic message by its int64 chat id and thread id',
      forumTopic,
      {
        conversationKey: 'telegram:-1001234567890:17',
        externalId: 'update:912345684',
        platformMessageId: '1203',
        sender: { id: '222222222', name: 'Grace Hopper', isBot: false, languageHint: 'en' },
        sentAt: 1_700_000_400_000,
        text: 'Any update on the refund?',
        raw: forumTopic,
      },
    ],
    [
      'keeps emoji text intact',
      emoji,
      {
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345685',
        platformMessageId: '47',
        sender: { ...ada, languageHint: 'fr' },
        sentAt: 1_700_000_500_000,
        text: 'Merci 🙏 le colis est arrivé 📦👍🏽 👩‍👩‍👧',
        raw: emoji,
      },
    ],
    [
      'flags a message from a bot',
      fromBot,
      {
        conversationKey: 'telegram:-4012345678',
        externalId: 'update:912345687',
        platformMessageId: '88',
        sender: { id: '5555555555', name: 'Order Notifier', isBot: true },
        sentAt: 1_700_000_700_000,
        text: 'Order #1042 shipped',
        raw: fromBot,
      },
    ],
    [
      'emits a sticker as a message with no text and no attachments',
      sticker,
      {
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345688',
        platformMessageId: '48',
        sender: ada,
        sentAt: 1_700_000_800_000,
        text: '',
        raw: sticker,
      },
    ],
  ])('%s', (_, payload, fields) => {
    expect(parseEvents(adapter, payload)).toEqual([telegramMessage(fields)])
  })

  it('maps an edited message to an edit of the same platform message', () => {
    expect(parseEvents(adapter, editedMessage)).toEqual([
      {
        type: 'edit',
        channel: 'telegram',
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345679',
        platformMessageId: '42',
        sender: { id: '111111111', name: 'Ada Lovelace', isBot: false, languageHint: 'en' },
        sentAt: 1_700_000_065_000,
        text: 'Where is my order #1043?',
        raw: editedMessage,
      },
    ])
  })

  it('maps a callback query to an action with the pressed label and the query id', () => {
    expect(parseEvents(adapter, callbackQuery)).toEqual([
      {
        type: 'action',
        channel: 'telegram',
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345680',
        sender: { ...ada, languageHint: 'de' },
        sentAt: RECEIVED_AT,
        ackHandle: '4382bfdwdsb323b2d9',
        actionId: 'returns',
        label: 'Returns',
        raw: callbackQuery,
      },
    ])
  })

  it('ignores the thread id of a reply thread that is not a forum topic', () => {
    const reply = {
      ...forumTopic,
      message: { ...forumTopic.message, is_topic_message: undefined },
    }
    expect(parseEvents(adapter, reply)[0]?.conversationKey).toBe('telegram:-1001234567890')
  })

  it('keeps a 4096-character text whole', () => {
    expect(longText.message.text).toHaveLength(4096)
    expect(parseEvents(adapter, longText)).toEqual([
      telegramMessage({
        conversationKey: 'telegram:111111111',
        externalId: 'update:912345689',
        platformMessageId: '49',
        sender: ada,
        sentAt: 1_700_001_000_000,
        text: longText.message.text,
        raw: longText,
      }),
    ])
  })

  it('keeps the parsed update as raw', () => {
    expect(parseEvents(adapter, textMessage)[0]?.raw).toStrictEqual(textMessage)
  })

  it('gives no events for unknown update types', () => {
    expect(parseEvents(adapter, unknownUpdate)).toEqual([])
    expect(parseEvents(adapter, { update_id: 1, channel_post: forumTopic.message })).toEqual([])
  })

  it('gives no events for a callback query without data or without a message', () => {
    const { data: _data, ...noData } = callbackQuery.callback_query
    expect(parseEvents(adapter, { ...callbackQuery, callback_query: noData })).toEqual([])
    const { message: _message, ...inline } = callbackQuery.callback_query
    const inlineQuery = { ...inline, inline_message_id: 'AAAAAGx' }
    expect(parseEvents(adapter, { ...callbackQuery, callback_query: inlineQuery })).toEqual([])
  })

  it('falls back to the username when the user has no name', () => {
    const user = { id: 7, is_bot: false, first_name: '', username: 'ada' }
    const update = { ...textMessage, message: { ...textMessage.message, from: user } }
    expect(parseEvents(adapter, update)[0]?.sender).toEqual({ id: '7', name: 'ada', isBot: false })
  })

  it.each(['', 'null', '[]', '{', '{"update_id":"x"}', '42', '"text"', '{"message":{}}'])(
    'rejects the garbage body %j without throwing',
    (body) => {
      expect(adapter.parse(request(body)).kind).toBe('invalid')
    }
  )

  it('rejects a message update without a chat', () => {
    expect(adapter.parse(request('{"update_id":5,"message":{"message_id":1}}'))).toEqual({
      kind: 'invalid',
      reason: 'malformed message',
    })
  })
})

describe('send', () => {
  it('posts sendMessage with escaped HTML and the inline keyboard', async () => {
    const fetchFake = fakeFetch()
    const buttons = [
      { id: 'track', label: 'Track order' },
      { id: 'returns', label: 'Returns' },
      { id: 'handoff', label: 'Talk to a human agent, please' },
    ]
    const result = await build(fetchFake).send(message('<b>& co', { buttons }))
    expect(result).toEqual({ ok: true, externalId: '4711' })
    expect(fetchFake).toHaveBeenCalledTimes(1)
    expect(sent(fetchFake)).toEqual({
      url: `${API}/sendMessage`,
      method: 'POST',
      contentType: 'application/json',
      body: {
        chat_id: 111111111,
        text: '&lt;b&gt;&amp; co',
        parse_mode: 'HTML',
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'Track order', callback_data: 'track' },
              { text: 'Returns', callback_data: 'returns' },
            ],
            [{ text: 'Talk to a human agent, please', callback_data: 'handoff' }],
          ],
        },
      },
    })
  })

  it('sends to a forum topic with its int64 chat id and thread id', async () => {
    const fetchFake = fakeFetch()
    const to = { channel: 'telegram' as const, conversationKey: 'telegram:-1001234567890:17' }
    await build(fetchFake).send(message('Refund is on its way', { to }))
    expect(sent(fetchFake).body).toEqual({
      chat_id: -1001234567890,
      message_thread_id: 17,
      text: 'Refund is on its way',
      parse_mode: 'HTML',
    })
  })

  it('trims a trailing slash from the API base and defaults to api.telegram.org', async () => {
    const slashed = fakeFetch()
    await build(slashed, { ...SETTINGS, TELEGRAM_API_BASE: 'https://tg.test/' }).send(message('hi'))
    expect(sent(slashed).url).toBe(`${API}/sendMessage`)
    const fallback = fakeFetch()
    const { TELEGRAM_API_BASE: _base, ...secretsOnly } = SETTINGS
    await build(fallback, secretsOnly).send(message('hi'))
    expect(sent(fallback).url).toBe('https://api.telegram.org/bot123:ABC/sendMessage')
  })

  it('splits a 9000-character text into 3 messages with the keyboard on the last', async () => {
    const fetchFake = fakeFetch((call) => json({ ok: true, result: { message_id: 100 + call } }))
    const text = 'abcd '.repeat(1800)
    const buttons = [{ id: 'yes', label: 'Yes' }]
    const result = await build(fetchFake).send(message(text, { buttons }))
    expect(result).toEqual({ ok: true, externalId: '102' })
    expect(fetchFake).toHaveBeenCalledTimes(3)
    const bodies = [0, 1, 2].map((index) => sent(fetchFake, index).body)
    const chunks = bodies.map((body) => String(body.text))
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096)
    expect(chunks.join(' ')).toBe(text)
    expect(bodies.map((body) => 'reply_markup' in body)).toEqual([false, false, true])
  })

  it('stops at the first failed chunk', async () => {
    const fetchFake = fakeFetch((call) => (call === 0 ? json(sendMessageOk) : json(error429, 429)))
    const result = await build(fetchFake).send(message('x'.repeat(9000)))
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 })
    expect(fetchFake).toHaveBeenCalledTimes(2)
  })

  it('sends a placeholder when the text is empty', async () => {
    const fetchFake = fakeFetch()
    await build(fetchFake).send(message('', { buttons: [{ id: 'yes', label: 'Yes' }] }))
    expect(sent(fetchFake).body.text).toBe('…')
  })

  it('fails without a request for a button id over 64 bytes', async () => {
    const fetchFake = fakeFetch()
    const buttons = [{ id: 'é'.repeat(33), label: 'Too long' }]
    const result = await build(fetchFake).send(message('Pick one', { buttons }))
    expect(result).toMatchObject({ ok: false, retryable: false })
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('fails without a request for a conversation key of another channel', async () => {
    const fetchFake = fakeFetch()
    const to = { channel: 'telegram' as const, conversationKey: 'slack:T1:C1' }
    const result = await build(fetchFake).send(message('hi', { to }))
    expect(result).toMatchObject({ ok: false, retryable: false })
    expect(fetchFake).not.toHaveBeenCalled()
  })

  it('classifies 429 as retryable after retry_after seconds', async () => {
    const result = await build(fakeFetch(() => json(error429, 429))).send(message('hi'))
    expect(result).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 7000,
      reason: 'Too Many Requests: retry after 7',
    })
  })

  it('classifies 500 and a non-JSON 502 as retryable without a delay', async () => {
    const error500 = { ok: false, error_code: 500, description: 'Internal Server Error' }
    const result = await build(fakeFetch(() => json(error500, 500))).send(message('hi'))
    expect(result).toEqual({ ok: false, retryable: true, reason: 'Internal Server Error' })
    const html = () => new Response('<html>Bad Gateway</html>', { status: 502 })
    expect(await build(fakeFetch(html)).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'HTTP 502',
    })
  })

  it('classifies 403 (blocked) and 400 (chat not found) as final', async () => {
    const blocked = await build(fakeFetch(() => json(error403, 403))).send(message('hi'))
    expect(blocked).toEqual({
      ok: false,
      retryable: false,
      reason: 'Forbidden: bot was blocked by the user',
    })
    const missing = await build(fakeFetch(() => json(error400, 400))).send(message('hi'))
    expect(missing).toEqual({ ok: false, retryable: false, reason: 'Bad Request: chat not found' })
  })

  it('classifies a thrown fetch as retryable, without leaking the token', async () => {
    const reset = fakeFetch(() => Promise.reject(new Error('connection reset')))
    expect(await build(reset).send(message('hi'))).toEqual({
      ok: false,
      retryable: true,
      reason: 'network: connection reset',
    })
    const leaky = fakeFetch(() => Promise.reject(new Error(`cannot reach ${API}/sendMessage`)))
    const result = await build(leaky).send(message('hi'))
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain('123:ABC')
  })
})

describe('acknowledge', () => {
  it('posts answerCallbackQuery with the query id', async () => {
    const fetchFake = fakeFetch(() => json(answerCallbackOk))
    const result = await build(fetchFake).acknowledge?.('4382bfdwdsb323b2d9')
    expect(result).toEqual({ ok: true, externalId: '4382bfdwdsb323b2d9' })
    expect(sent(fetchFake)).toEqual({
      url: `${API}/answerCallbackQuery`,
      method: 'POST',
      contentType: 'application/json',
      body: { callback_query_id: '4382bfdwdsb323b2d9' },
    })
  })

  it('treats a query that is too old as done', async () => {
    const result = await build(fakeFetch(() => json(queryTooOld, 400))).acknowledge?.('q1')
    expect(result).toEqual({ ok: true, externalId: 'q1' })
  })

  it('classifies other failures like send', async () => {
    const result = await build(fakeFetch(() => json(error429, 429))).acknowledge?.('q1')
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 })
  })
})

describe('format', () => {
  it('escapes only & < >', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      `&lt;a href="x"&gt;Tom &amp; 'Jerry'&lt;/a&gt;`
    )
  })

  it('prefers a newline, then a space, near the limit', () => {
    expect(splitText('aaaa\nbbb ccc', 10)).toEqual(['aaaa\nbbb', 'ccc'])
    expect(splitText('aaaaaa\nbb\ncc', 10)).toEqual(['aaaaaa\nbb', 'cc'])
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)])
  })

  it('never splits a surrogate pair', () => {
    const chunks = splitText(`a${'😀'.repeat(3000)}`)
    expect(chunks.map((chunk) => chunk.length)).toEqual([4095, 1906])
    for (const chunk of chunks) expect(chunk.isWellFormed()).toBe(true)
  })

  it('keeps short text whole and drops blank text', () => {
    expect(splitText('hello')).toEqual(['hello'])
    expect(splitText('x'.repeat(4096))).toEqual(['x'.repeat(4096)])
    expect(splitText('   ')).toEqual([])
  })

  it('puts short labels two per row and long labels alone', () => {
    const keyboard = inlineKeyboard([
      { id: 'a', label: 'A' },
      { id: 'long', label: 'A label much longer than twenty' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
      { id: 'd', label: 'D' },
    ])
    expect(keyboard).toEqual({
      ok: true,
      markup: {
        inline_keyboard: [
          [{ text: 'A', callback_data: 'a' }],
          [{ text: 'A label much longer than twenty', callback_data: 'long' }],
          [
            { text: 'B', callback_data: 'b' },
            { text: 'C', callback_data: 'c' },
          ],
          [{ text: 'D', callback_data: 'd' }],
        ],
      },
    })
  })

  it('accepts a 64-byte button id and rejects 65 bytes', () => {
    expect(inlineKeyboard([{ id: 'x'.repeat(64), label: 'ok' }]).ok).toBe(true)
    expect(inlineKeyboard([{ id: 'x'.repeat(65), label: 'no' }])).toMatchObject({
      ok: false,
      retryable: false,
    })
  })

  it('defaults retry_after to one second', () => {
    const tooMany = { ok: false, error_code: 429, description: 'Too Many Requests' }
    expect(classify(429, tooMany)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 1000,
      reason: 'Too Many Requests',
    })
    expect(classify(401, null)).toEqual({ ok: false, retryable: false, reason: 'HTTP 401' })
  })
})

describe('fetchMedia', () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])

  it('asks getFile for the path, then reads the file from /file/bot<token>/<path>', async () => {
    const fetchFake = fakeFetch((n) =>
      n === 0
        ? json({
            ok: true,
            result: {
              file_id: 'AgACphoto',
              file_unique_id: 'AQADu',
              file_size: 6,
              file_path: 'photos/file_7.jpg',
            },
          })
        : new Response(jpeg, { headers: { 'content-type': 'image/jpeg', 'content-length': '6' } })
    )
    const result = await build(fetchFake).fetchMedia?.({ kind: 'image', ref: 'AgACphoto' })
    expect(result?.ok).toBe(true)
    if (!result?.ok) return
    expect(new Uint8Array(await result.response.arrayBuffer())).toEqual(jpeg)
    expect(result.mimeType).toBe('image/jpeg')
    expect(String(fetchFake.mock.calls[0]?.[0])).toBe(`${API}/getFile`)
    expect(JSON.parse(String(fetchFake.mock.calls[0]?.[1]?.body))).toEqual({ file_id: 'AgACphoto' })
    expect(String(fetchFake.mock.calls[1]?.[0])).toBe(
      'https://tg.test/file/bot123:ABC/photos/file_7.jpg'
    )
  })

  it("calls a file over the Bot API's 20 MB download limit too large, and a 5xx passing", async () => {
    const big = fakeFetch(() =>
      json({ ok: false, error_code: 400, description: 'Bad Request: file is too big' }, 400)
    )
    expect(await build(big).fetchMedia?.({ kind: 'video', ref: 'BAACvideo' })).toMatchObject({
      ok: false,
      retryable: false,
      tooLarge: true,
    })
    const down = fakeFetch((n) =>
      n === 0
        ? json({ ok: true, result: { file_id: 'x', file_unique_id: 'u', file_path: 'v/1.mp4' } })
        : new Response('', { status: 502 })
    )
    const result = await build(down).fetchMedia?.({ kind: 'video', ref: 'BAACvideo' })
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain('123:ABC')
  })
})
