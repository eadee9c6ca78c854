import { describe, expect, it } from 'vitest'
import { readLimited } from './body'
import { MAX_FILE_BYTES, downloadMedia, mediaAnswer } from './media'

const stream = (chunks: number[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const n of chunks) controller.enqueue(new Uint8Array(n).fill(1))
      controller.close()
    },
  })

describe('readLimited', () => {
  it('reads a body up to the limit exactly', async () => {
    const read = await readLimited(stream([400, 600]), 1000)
    expect(read.ok && read.bytes.byteLength).toBe(1000)
  })
  it('stops at the first byte past the limit, whatever the platform declared', async () => {
    expect(await readLimited(stream([400, 600, 1]), 1000)).toEqual({ ok: false, tooLarge: true })
  })
})

describe('mediaAnswer', () => {
  it('refuses a declared length over 20 MB before reading', () => {
    const r = mediaAnswer(
      new Response('x', { headers: { 'content-length': String(MAX_FILE_BYTES + 1) } })
    )
    expect(r).toMatchObject({ ok: false, retryable: false, tooLarge: true })
  })
  it('classifies 429 (with Retry-After), 5xx and 408 as passing, other 4xx as final', () => {
    expect(mediaAnswer(new Response('', { status: 429, headers: { 'retry-after': '7' } }))).toEqual(
      { ok: false, retryable: true, retryAfterMs: 7000, reason: 'download answered 429' }
    )
    expect(mediaAnswer(new Response('', { status: 503 }))).toMatchObject({
      ok: false,
      retryable: true,
    })
    expect(mediaAnswer(new Response('', { status: 408 }))).toMatchObject({
      ok: false,
      retryable: true,
    })
    expect(mediaAnswer(new Response('', { status: 404 }))).toMatchObject({
      ok: false,
      retryable: false,
    })
  })
  it("takes the platform's type unless it says nothing useful, and the caller's hints first", () => {
    expect(
      mediaAnswer(new Response('x', { headers: { 'content-type': 'image/png; charset=binary' } }))
    ).toMatchObject({ ok: true, mimeType: 'image/png' })
    expect(
      mediaAnswer(new Response('x', { headers: { 'content-type': 'application/octet-stream' } }))
    ).not.toHaveProperty('mimeType')
    expect(mediaAnswer(new Response('x'), { mimeType: 'audio/ogg', name: 'v.ogg' })).toMatchObject({
      mimeType: 'audio/ogg',
      name: 'v.ogg',
    })
  })
})

describe('downloadMedia', () => {
  it('turns a thrown fetch into a passing failure', async () => {
    const r = await downloadMedia(
      async () => Promise.reject(new Error('connection reset')),
      'https://cdn.test/f'
    )
    expect(r).toEqual({ ok: false, retryable: true, reason: 'download failed: connection reset' })
  })
})
