import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fileUrlKey, signFileUrl } from '../src/files/signing'
import { contentHash, objectKey } from '../src/files/store'
import { MAX_FILE_BYTES } from '../src/lib/media'
import { ADMIN, advance, api, drain, postTelegram, view } from './helpers'
import { consoleCookie } from './support/console'

afterEach(() => vi.unstubAllGlobals())

let seq = 70_000

/** JPEG bytes as a camera writes them (SOI, APP0 JFIF), with `fill` making each file distinct. */
const jpeg = (fill: number, size = 2048) => {
  const bytes = new Uint8Array(size).fill(fill)
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
  return bytes
}
/** A Windows executable's first bytes ("MZ" header), whatever it is named. */
const exe = () => {
  const bytes = new Uint8Array(4096)
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])
  return bytes
}

const from = (chatId: number) => ({
  id: chatId,
  is_bot: false,
  first_name: 'Ada',
  language_code: 'en',
})
const chat = (chatId: number) => ({ id: chatId, first_name: 'Ada', type: 'private' })

/** A photo message in the Bot API's shape: several sizes, the largest last. */
const photoUpdate = (chatId: number, fileId: string, updateId = ++seq, caption?: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    from: from(chatId),
    chat: chat(chatId),
    date: 1_700_000_000,
    photo: [
      {
        file_id: `${fileId}-s`,
        file_unique_id: `${fileId}u-s`,
        width: 90,
        height: 67,
        file_size: 1200,
      },
      { file_id: fileId, file_unique_id: `${fileId}u`, width: 1280, height: 960, file_size: 2048 },
    ],
    ...(caption ? { caption } : {}),
  },
})

const documentUpdate = (chatId: number, doc: Record<string, unknown>, updateId = ++seq) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    from: from(chatId),
    chat: chat(chatId),
    date: 1_700_000_000,
    document: { file_unique_id: `u${updateId}`, ...doc },
  },
})

/** The Bot API and its file server: `files` maps file ids to bytes; `script` answers getFile first when it returns something. */
const fakePlatform = (
  files: Record<string, Uint8Array>,
  script: ((fileId: string) => Response | undefined)[] = []
) => {
  const calls: { method: string; body: Record<string, unknown> }[] = []
  let messageId = 900
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      const file = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname)
      if (file) {
        calls.push({ method: 'download', body: { path: file[1] } })
        const bytes = files[(file[1] ?? '').replace(/^files\//, '')]
        return bytes
          ? new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } })
          : new Response('not found', { status: 404 })
      }
      const method = url.pathname.split('/').pop() ?? ''
      const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>
      calls.push({ method, body })
      if (method === 'getFile') {
        const scripted = script.shift()?.(String(body.file_id))
        if (scripted) return scripted
        return Response.json({
          ok: true,
          result: {
            file_id: body.file_id,
            file_unique_id: 'u',
            file_size: 2048,
            file_path: `files/${String(body.file_id)}`,
          },
        })
      }
      return Response.json({
        ok: true,
        result: { message_id: ++messageId, chat: { id: body.chat_id }, date: 1, text: body.text },
      })
    })
  )
  return {
    calls,
    sends: () => calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.body.text)),
    count: (m: string) => calls.filter((c) => c.method === m).length,
  }
}

/** Runs the alarm, then moves the clock past the longest backoff, `rounds` times. */
const retrying = async (key: string, rounds: number) => {
  for (let i = 0; i < rounds; i++) {
    await drain(key)
    await advance(key, 130_000)
  }
  await drain(key)
}

const attachmentsOf = async (key: string) =>
  (await view(key)).messages.filter((m) => m.direction === 'in').flatMap((m) => m.attachments ?? [])

describe('attachments from a channel', () => {
  it('stores a Telegram photo in R2 once, even when the webhook is delivered twice', async () => {
    const bytes = jpeg(7)
    const platform = fakePlatform({ 'AgACphoto-1': bytes })
    const key = 'telegram:8801'
    const update = photoUpdate(8801, 'AgACphoto-1', ++seq, 'The sole came off')
    expect((await postTelegram(update)).status).toBe(200)
    expect((await postTelegram(update)).status).toBe(200)
    await drain(key)

    expect(platform.count('getFile')).toBe(1)
    expect(platform.count('download')).toBe(1)
    const [photo] = await attachmentsOf(key)
    expect(photo).toMatchObject({ kind: 'image', ref: 'AgACphoto-1', format: 'jpeg', size: 2048 })
    expect(photo?.fileId).toMatch(/^F-[0-9a-f]{20}$/)
    const hash = await contentHash(bytes)
    const stored = await env.FILES.get(objectKey(hash))
    expect(new Uint8Array(await (stored as R2ObjectBody).arrayBuffer())).toEqual(bytes)
    expect(stored?.httpMetadata?.contentType).toBe('image/jpeg')
    const rows = await env.DB.prepare(
      'SELECT id, source, conversation_key, kind FROM files WHERE sha256 = ?'
    )
      .bind(hash)
      .all()
    expect(rows.results).toEqual([
      { id: photo?.fileId, source: 'customer', conversation_key: key, kind: 'image' },
    ])

    // The same picture sent again is another appearance of the same bytes: one object, two rows.
    await postTelegram(photoUpdate(8801, 'AgACphoto-1'))
    await drain(key)
    const listed = await env.FILES.list({ prefix: objectKey(hash) })
    expect(listed.objects).toHaveLength(1)
    const again = await env.DB.prepare('SELECT COUNT(*) AS n FROM files WHERE sha256 = ?')
      .bind(hash)
      .first<{ n: number }>()
    expect(again?.n).toBe(2)
    // The customer heard nothing about files: the photo arrived.
    expect(platform.sends().join('\n')).not.toMatch(/20 MB|can't open|didn't come through/)
  })

  it('refuses a 21 MB file the platform announces, without fetching it, and tells the customer', async () => {
    const platform = fakePlatform({})
    const key = 'telegram:8802'
    await postTelegram(
      documentUpdate(8802, {
        file_id: 'BQACbig',
        file_name: 'unboxing.mp4',
        mime_type: 'video/mp4',
        file_size: 21 * 1024 * 1024,
      })
    )
    await drain(key)
    expect(platform.count('getFile')).toBe(0)
    const sends = platform.sends()
    // One message, the refusal: no "got your picture" before it.
    expect(sends).toEqual([
      "The file you just sent is over 20 MB, so it didn't reach us. Could you send a smaller version, or photos or a shorter video instead?",
    ])
    expect(await attachmentsOf(key)).toEqual([
      expect.objectContaining({ problem: 'too_large', size: 21 * 1024 * 1024 }),
    ])
  })

  it('refuses a file that turns out larger than 20 MB while downloading', async () => {
    const big = jpeg(3, MAX_FILE_BYTES + 1)
    const platform = fakePlatform({ BQACquiet: big })
    const key = 'telegram:8803'
    await postTelegram(
      documentUpdate(8803, {
        file_id: 'BQACquiet',
        file_name: 'photo.jpg',
        mime_type: 'image/jpeg',
      })
    )
    await drain(key)
    expect(platform.count('download')).toBe(1)
    expect(platform.sends().at(-1)).toContain('over 20 MB')
    expect(await attachmentsOf(key)).toEqual([expect.objectContaining({ problem: 'too_large' })])
    expect(
      (await env.FILES.list({ prefix: objectKey(await contentHash(big)) })).objects
    ).toHaveLength(0)
  })

  it('refuses an executable renamed .jpg: the content decides, not the name or the declared type', async () => {
    const platform = fakePlatform({ BQACexe: exe() })
    const key = 'telegram:8804'
    await postTelegram(
      documentUpdate(8804, {
        file_id: 'BQACexe',
        file_name: 'receipt.jpg',
        mime_type: 'image/jpeg',
        file_size: 4096,
      })
    )
    await drain(key)
    expect(platform.sends().at(-1)).toBe(
      "We can't open the kind of file you just sent. Please send photos (JPG or PNG), a video (MP4), a voice message or a PDF."
    )
    expect(await attachmentsOf(key)).toEqual([
      expect.objectContaining({ problem: 'unsupported', name: 'receipt.jpg' }),
    ])
    expect(
      (await env.FILES.list({ prefix: objectKey(await contentHash(exe())) })).objects
    ).toHaveLength(0)
  })

  it('retries a fetch that fails for a passing reason, and asks the customer to resend when it never works', async () => {
    const bytes = jpeg(11)
    const server = () =>
      Response.json({ ok: false, error_code: 502, description: 'Bad Gateway' }, { status: 502 })
    const platform = fakePlatform({ AgACflaky: bytes }, [server, server])
    const key = 'telegram:8805'
    await postTelegram(photoUpdate(8805, 'AgACflaky'))
    await retrying(key, 3)
    expect(platform.count('getFile')).toBe(3)
    expect((await attachmentsOf(key))[0]).toMatchObject({
      format: 'jpeg',
      fileId: expect.any(String),
    })

    const down = fakePlatform(
      {},
      Array.from({ length: 10 }, () => server)
    )
    const lost = 'telegram:8806'
    await postTelegram(photoUpdate(8806, 'AgAClost'))
    await retrying(lost, 8)
    expect(down.count('getFile')).toBe(7)
    expect(down.sends().at(-1)).toBe(
      "Sorry, the file you just sent didn't come through on our side. Could you send it again?"
    )
    // Visible to agents, with the platform's answer.
    expect((await attachmentsOf(lost))[0]).toMatchObject({
      problem: 'failed',
      detail: 'Bad Gateway',
    })
  })
})

describe('downloads', () => {
  const stored = async (chatId: number, fill: number) => {
    fakePlatform({ [`AgACdl-${chatId}`]: jpeg(fill) })
    await postTelegram(photoUpdate(chatId, `AgACdl-${chatId}`))
    await drain(`telegram:${chatId}`)
    return String((await attachmentsOf(`telegram:${chatId}`))[0]?.fileId)
  }

  it('go through a short-lived signed link, and each download is audited', async () => {
    const id = await stored(8811, 21)
    const meta = await api(`/api/v1/files/${id}`, { headers: ADMIN })
    expect(meta.status).toBe(200)
    const { file, url, expiresAt } = (await meta.json()) as {
      file: { format: string; source: string }
      url: string
      expiresAt: number
    }
    expect(file).toMatchObject({ format: 'jpeg', source: 'customer' })
    expect(expiresAt - Date.now()).toBeGreaterThan(4 * 60_000)
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(5 * 60_000)

    const download = await api(url)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('image/jpeg')
    expect(download.headers.get('content-security-policy')).toContain('sandbox')
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(jpeg(21))
    const audit = await env.DB.prepare(
      'SELECT actor, target FROM audit_log WHERE path = ? ORDER BY id DESC LIMIT 1'
    )
      .bind(`/files/${id}`)
      .first()
    expect(audit).toEqual({ actor: 'root', target: id })

    // A tampered link, another file's id under the same signature, a missing signature: refused.
    expect((await api(url.replace(/sig=[^&]+/, 'sig=AAAA'))).status).toBe(403)
    expect((await api(url.replace(id, 'F-0000000000000000000a'))).status).toBe(403)
    expect((await api(`/files/${id}`)).status).toBe(403)
    expect((await api(`/api/v1/files/${id}`)).status).toBe(401)
    expect((await api('/api/v1/files/F-nope', { headers: ADMIN })).status).toBe(404)
  })

  it('expire: a link signed for a moment that has passed answers 410', async () => {
    const id = await stored(8812, 22)
    const key = (await fileUrlKey(env)) as Uint8Array<ArrayBuffer>
    const past = await signFileUrl(key, { id, by: 'agent:1', expiresAt: Date.now() - 1 })
    const gone = await api(past)
    expect(gone.status).toBe(410)
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('link_expired')
    const fresh = await signFileUrl(key, { id, by: 'agent:1', expiresAt: Date.now() + 60_000 })
    expect((await api(fresh)).status).toBe(200)
  })

  it('from the console: a signed-in agent is redirected to a fresh link; anyone else to sign in', async () => {
    const id = await stored(8813, 23)
    const cookie = await consoleCookie()
    const page = await (await api('/console/c/telegram:8813', { headers: { cookie } })).text()
    expect(page).toContain(`href="/console/files/${id}"`)
    const go = await api(`/console/files/${id}`, { headers: { cookie }, redirect: 'manual' })
    expect(go.status).toBe(302)
    const location = go.headers.get('location') ?? ''
    expect(location).toMatch(new RegExp(`^/files/${id}\\?by=agent%3A.+&exp=\\d+&sig=`))
    expect((await api(location)).status).toBe(200)
    const anonymous = await api(`/console/files/${id}`, { redirect: 'manual' })
    expect(anonymous.headers.get('location')).toContain('/console/login')
  })
})

describe('work order files', () => {
  const json = { ...ADMIN, 'content-type': 'application/json' }

  it("take uploads checked by content, a chat export, and list the customer's files beside them", async () => {
    fakePlatform({ 'AgACwo-1': jpeg(31) })
    const key = 'telegram:8821'
    await postTelegram(photoUpdate(8821, 'AgACwo-1', ++seq, 'The seam split after one wash'))
    await drain(key)
    const ticket = (await (
      await api('/api/v1/tickets', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ category: 'quality', conversationKey: key }),
      })
    ).json()) as { id: string }
    const upload = (body: BodyInit, name: string, headers: Record<string, string> = {}) =>
      api(`/api/v1/tickets/${ticket.id}/files?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/octet-stream', ...headers },
        body,
      })

    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')
    const ok = await upload(pdf, 'lab-report.pdf')
    expect(ok.status).toBe(201)
    expect(await ok.json()).toMatchObject({
      format: 'pdf',
      kind: 'document',
      source: 'agent',
      name: 'lab-report.pdf',
      ticketId: ticket.id,
      createdBy: 'admin',
    })

    const renamed = await upload(exe(), 'photo.jpg', { 'content-type': 'image/jpeg' })
    expect(renamed.status).toBe(415)
    expect(((await renamed.json()) as { error: { code: string } }).error.code).toBe(
      'unsupported_format'
    )
    const declared = await upload(jpeg(1), 'huge.jpg', {
      'content-length': String(MAX_FILE_BYTES + 1),
    })
    expect(declared.status).toBe(413)
    const counted = await upload(jpeg(2, MAX_FILE_BYTES + 1), 'huge.jpg')
    expect(counted.status).toBe(413)
    expect((await upload(new Uint8Array(0), 'empty.pdf')).status).toBe(400)
    expect(
      (await api('/api/v1/tickets/T-NOPE00/files', { method: 'POST', headers: ADMIN, body: pdf }))
        .status
    ).toBe(404)

    const exported = await api(`/api/v1/tickets/${ticket.id}/export`, {
      method: 'POST',
      headers: ADMIN,
    })
    expect(exported.status).toBe(201)
    const exportFile = (await exported.json()) as { id: string; format: string; name: string }
    expect(exportFile).toMatchObject({ format: 'text', name: `chat-${ticket.id}.txt` })
    const { url } = (await (
      await api(`/api/v1/files/${exportFile.id}`, { headers: ADMIN })
    ).json()) as { url: string }
    const text = await (await api(url)).text()
    expect(text).toContain(`Conversation: ${key}`)
    expect(text).toMatch(/\] Customer: The seam split after one wash \[image F-[0-9a-f]{20}\]/)
    expect(text).toMatch(/\] Bot: /)

    const listed = (await (
      await api(`/api/v1/tickets/${ticket.id}/files`, { headers: ADMIN })
    ).json()) as { files: { source: string }[] }
    // Sorted here: the conversation's clock runs ten years ahead in tests (TEST_CLOCK_OFFSET_MS), the API's does not.
    expect(listed.files.map((f) => f.source).sort()).toEqual(['agent', 'customer', 'export'])
    const history = (await (
      await api(`/api/v1/tickets/${ticket.id}`, { headers: ADMIN })
    ).json()) as { events: { kind: string; text: string | null }[] }
    expect(history.events.filter((e) => e.kind === 'file').map((e) => e.text)).toEqual([
      'lab-report.pdf',
      `chat-${ticket.id}.txt`,
    ])

    // The ticket page lists them, with the upload form and the export button.
    const cookie = await consoleCookie()
    const page = await (await api(`/console/tickets/${ticket.id}`, { headers: { cookie } })).text()
    expect(page).toContain('lab-report.pdf')
    expect(page).toContain(`data-api="/api/v1/tickets/${ticket.id}/files"`)
    expect(page).toContain('Attach the chat transcript')
  })

  it('refuse an export for a work order without a conversation', async () => {
    const t = (await (
      await api('/api/v1/tickets', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          category: 'other',
          customerId: 'walk-in',
          description: 'Phone call about a missing parcel',
        }),
      })
    ).json()) as { id: string }
    expect(
      (await api(`/api/v1/tickets/${t.id}/export`, { method: 'POST', headers: ADMIN })).status
    ).toBe(409)
  })
})

describe('files from the web chat', () => {
  const session = async () =>
    (await (await api('/chat/session', { method: 'POST' })).json()) as {
      token: string
      sessionId: string
    }
  const send = (
    token: string,
    body: BodyInit,
    query: string,
    headers: Record<string, string> = {}
  ) =>
    api(`/chat/files?${query}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'content-type': 'image/jpeg',
        'Accept-Language': 'en-GB',
        ...headers,
      },
      body,
    })

  it('store the photo once, send it as the customer message, and show it to both sides', async () => {
    const { token, sessionId } = await session()
    const key = `webchat:${sessionId}`
    const first = await send(token, jpeg(41), 'id=photo-0000001&name=crack.jpg')
    expect(first.status).toBe(201)
    const { fileId } = (await first.json()) as { fileId: string }
    // The page retries with the same id after a lost answer: one message, one row.
    expect((await send(token, jpeg(41), 'id=photo-0000001&name=crack.jpg')).status).toBe(200)
    await drain(key)

    const inbound = (await view(key)).messages.filter((m) => m.direction === 'in')
    expect(inbound).toHaveLength(1)
    expect(inbound[0]?.attachments).toEqual([
      expect.objectContaining({ kind: 'image', fileId, format: 'jpeg', name: 'crack.jpg' }),
    ])
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM files WHERE conversation_key = ?')
      .bind(key)
      .first<{ n: number }>()
    expect(rows?.n).toBe(1)
    // The bot answers the photo like one from any channel, in the browser's language.
    const replies = (await view(key)).messages
      .filter((m) => m.direction === 'out')
      .map((m) => m.text)
    expect(replies.join('\n')).toContain('got your picture')
    // The customer's history names the file, never where it is stored.
    const history = (await (
      await api('/chat/history', { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { messages: { files?: unknown[]; text: string }[] }
    expect(history.messages[0]?.files).toEqual([{ kind: 'image', name: 'crack.jpg' }])
    expect(JSON.stringify(history.messages)).not.toContain(fileId)
  })

  it('refuse a file over 20 MB, a renamed executable, and a request without a session', async () => {
    const { token, sessionId } = await session()
    expect(
      (
        await send(token, jpeg(1), 'id=photo-0000002', {
          'content-length': String(MAX_FILE_BYTES + 1),
        })
      ).status
    ).toBe(413)
    expect((await send(token, jpeg(5, MAX_FILE_BYTES + 1), 'id=photo-0000003')).status).toBe(413)
    const renamed = await send(token, exe(), 'id=photo-0000004&name=holiday.jpg')
    expect(renamed.status).toBe(415)
    expect(((await renamed.json()) as { error: { code: string } }).error.code).toBe(
      'unsupported_format'
    )
    expect((await send('not-a-token', jpeg(6), 'id=photo-0000005')).status).toBe(401)
    expect((await send(token, jpeg(6), 'id=x')).status).toBe(400)
    // Nothing was stored or said.
    const stored = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM files WHERE conversation_key = ?'
    )
      .bind(`webchat:${sessionId}`)
      .first<{ n: number }>()
    expect(stored?.n).toBe(0)
    expect(
      (await api('/chat/history', { headers: { Authorization: `Bearer ${token}` } })).status
    ).toBe(404)
  })
})
