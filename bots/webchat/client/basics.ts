// Small helpers every part of the chat page's script uses. Inlined by source like chat-client.ts
// (see script.ts): self-contained.

/** The script's shared helpers: element lookup, record checks, JSON bodies, waits. */
export const chatBasics = () => {
  const $ = (id: string): HTMLElement => {
    const node = document.getElementById(id)
    if (!node) throw new Error(`#${id} is missing`)
    return node
  }
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null
  const readJson = async (res: Response): Promise<Record<string, unknown>> => {
    const body: unknown = await res.json()
    return isRecord(body) ? body : {}
  }
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      setTimeout(resolve, ms)
    })
  // A 429's wait in seconds: what the server asked for, 5 if it did not say, never over a minute.
  const retryAfter = (res: Response) => Math.min(60, Number(res.headers.get('Retry-After')) || 5)
  return { $, isRecord, readJson, sleep, retryAfter }
}

/** The helpers `chatBasics` returns. */
export type ChatBasics = ReturnType<typeof chatBasics>
