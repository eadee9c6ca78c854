import { describe, expect, it } from 'vitest'
import { api } from './helpers'

interface Media {
  schema?: unknown
}
interface Operation {
  parameters?: { name: string; in: string; schema?: unknown }[]
  requestBody?: { content?: Record<string, Media> }
  responses?: Record<string, { content?: Record<string, Media> }>
}
type Paths = Record<string, Record<string, Operation>>

// Documented without a JSON answer: the web chat's page and socket, a file download, a webhook's
// handshake, and a deletion answering 204 with no body.
const NOT_JSON = new Set([
  'get /chat',
  'get /chat/ws',
  'get /files/{id}',
  'get /webhooks/{channel}',
  'delete /api/v1/agents/{id}',
])

const served = async (): Promise<[string, Operation][]> => {
  const res = await api('/api/v1/openapi.json')
  expect(res.status).toBe(200)
  const { paths } = (await res.json()) as { paths: Paths }
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): [string, Operation] => [`${method} ${path}`, op])
  )
}

const successes = (op: Operation) =>
  Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'))

const missingSchemas = (content: Record<string, Media> | undefined) =>
  Object.entries(content ?? {})
    .filter(([, media]) => media.schema === undefined)
    .map(([type]) => type)

describe('the served OpenAPI document', () => {
  it('describes the JSON answer of every route that answers JSON', async () => {
    const operations = await served()
    expect(operations.map(([name]) => name)).toEqual(expect.arrayContaining([...NOT_JSON]))
    for (const [name, op] of operations) {
      if (NOT_JSON.has(name)) continue
      const described = successes(op).filter(
        ([, res]) => res.content?.['application/json']?.schema !== undefined
      )
      expect(described.length, `${name}: a 2xx JSON response with a schema`).toBeGreaterThan(0)
    }
  })

  it('gives every documented body, parameter and answer a schema', async () => {
    for (const [name, op] of await served()) {
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        expect(missingSchemas(res.content), `${name} ${status}`).toEqual([])
      }
      expect(missingSchemas(op.requestBody?.content), `${name} request body`).toEqual([])
      const unschemed = (op.parameters ?? []).filter((p) => p.schema === undefined)
      expect(unschemed, `${name} parameters`).toEqual([])
      const path = name.slice(name.indexOf(' ') + 1)
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
      const documented = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
      expect(documented.sort(), `${name} path parameters`).toEqual(inPath.sort())
    }
  })
})
