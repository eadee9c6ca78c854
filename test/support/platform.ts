import { vi } from 'vitest'

/** What a platform stand-in answers to its nth call (the calls its `fixed` routes answer excluded). */
export type Answer = (
  call: number,
  input: RequestInfo | URL,
  init?: RequestInit
) => Response | Promise<Response>

/** A JSON answer, as the platforms' APIs send it. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

/** The URL a fetch was called with, whether it got a string, a URL or a Request. */
export const urlOf = (input: RequestInfo | URL): URL =>
  new URL(input instanceof Request ? input.url : String(input))

/**
 * A programmable stand-in for a platform's HTTP API: each call is answered by `answer(n)`, except
 * paths listed in `fixed` (a token endpoint, say), which always get their own answer; the mock
 * records every call.
 */
export const platformStandIn = (answer: Answer, fixed: Record<string, () => Response> = {}) => {
  let calls = 0
  return vi.fn<typeof fetch>(async (input, init) => {
    const route = fixed[urlOf(input).pathname]
    return route ? route() : answer(calls++, input, init)
  })
}

/** A platform stand-in. */
export type FetchFake = ReturnType<typeof platformStandIn>

/** Puts a platform stand-in in place of the global fetch (undone by `vi.unstubAllGlobals`). */
export const stubPlatform = (answer: Answer, fixed: Record<string, () => Response> = {}) => {
  const fake = platformStandIn(answer, fixed)
  vi.stubGlobal('fetch', fake)
  return fake
}

/** The nth request a stand-in received: where it went, how, its auth, headers and raw body. */
export const sentRequest = (fake: FetchFake, index = 0) => {
  const call = fake.mock.calls[index]
  if (!call) throw new Error(`no request #${index}`)
  const [input, init] = call
  const headers = new Headers(init?.headers)
  return {
    url: String(input),
    method: init?.method,
    authorization: headers.get('authorization'),
    contentType: headers.get('content-type'),
    headers,
    raw: String(init?.body),
  }
}

/** The nth JSON request a stand-in received, decoded: url, method, auth, content type, body. */
export const sentJson = (fake: FetchFake, index = 0) => {
  const { headers: _headers, raw, ...sent } = sentRequest(fake, index)
  return { ...sent, body: JSON.parse(raw) as Record<string, unknown> }
}

/** The JSON requests a stand-in received, but those to `skipPath` (a token endpoint), decoded. */
export const platformCalls = (fake: FetchFake, skipPath: string) =>
  fake.mock.calls
    .map((_, index) => sentRequest(fake, index))
    .filter(({ url }) => new URL(url).pathname !== skipPath)
    .map(({ url, method, contentType, raw }) => ({
      url,
      method,
      contentType,
      body: JSON.parse(raw) as Record<string, unknown>,
    }))
