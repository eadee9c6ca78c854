import { describe, expect, it } from 'vitest'
import { fileUrlKey, signFileUrl, verifyFileUrl } from './signing'

const parse = (url: string) => {
  const u = new URL(url, 'https://engine.test')
  return {
    id: decodeURIComponent(u.pathname.split('/').pop() ?? ''),
    query: Object.fromEntries(u.searchParams),
  }
}

describe('signed download links', async () => {
  const key = (await fileUrlKey({ ADMIN_TOKEN: 'owner-token' })) as Uint8Array<ArrayBuffer>
  const now = 1_800_000_000_000

  it('work until they expire, and not a millisecond longer', async () => {
    const url = await signFileUrl(key, { id: 'F-abc', by: 'agent:7', expiresAt: now + 300_000 })
    const { id, query } = parse(url)
    expect(await verifyFileUrl(key, id, query, now)).toEqual({
      ok: true,
      grant: { id: 'F-abc', by: 'agent:7', expiresAt: now + 300_000 },
    })
    expect(await verifyFileUrl(key, id, query, now + 299_999)).toMatchObject({ ok: true })
    expect(await verifyFileUrl(key, id, query, now + 300_000)).toEqual({
      ok: false,
      problem: 'expired',
    })
  })

  it('refuse another file, another person, a later expiry, another key or missing parts', async () => {
    const { id, query } = parse(
      await signFileUrl(key, { id: 'F-abc', by: 'agent:7', expiresAt: now + 300_000 })
    )
    expect(await verifyFileUrl(key, 'F-abd', query, now)).toEqual({
      ok: false,
      problem: 'bad_signature',
    })
    expect(await verifyFileUrl(key, id, { ...query, by: 'agent:8' }, now)).toEqual({
      ok: false,
      problem: 'bad_signature',
    })
    expect(await verifyFileUrl(key, id, { ...query, exp: String(now + 900_000) }, now)).toEqual({
      ok: false,
      problem: 'bad_signature',
    })
    const other = (await fileUrlKey({ FILE_URL_SECRET: 'separate' })) as Uint8Array<ArrayBuffer>
    expect(await verifyFileUrl(other, id, query, now)).toEqual({
      ok: false,
      problem: 'bad_signature',
    })
    expect(await verifyFileUrl(key, id, { by: 'agent:7', exp: 'soon' }, now)).toEqual({
      ok: false,
      problem: 'malformed',
    })
  })

  it('are not issued without a secret', async () => {
    expect(await fileUrlKey({})).toBeNull()
  })
})
