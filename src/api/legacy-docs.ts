import { z } from 'zod'
import { errorSchema } from './errors'

/** Who may call a route. */
export type Access = 'public' | 'admin' | 'agent'

/**
 * One route documented beside plain Hono code. Superseded by `apiRoute` + `.openapi()`, which
 * validate with the schemas they document; kept until the last route files move over.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** OpenAPI path, e.g. `/api/v1/templates/{id}`. */
  path: string
  summary: string
  tag: string
  access: Access
  body?: z.ZodType
  query?: z.ZodType
  responses: Record<number, { description: string; schema?: z.ZodType }>
}

const registry: RouteDoc[] = []

/** Registers route documentation; returns it for chaining in route files. */
export const documentRoute = (doc: RouteDoc): RouteDoc => {
  registry.push(doc)
  return doc
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' })

const errorContent = () => ({
  'application/json': { schema: jsonSchema(errorSchema, 'output') },
})

const queryParameters = (schema: z.ZodType) => {
  const json = jsonSchema(schema, 'input') as {
    properties?: Record<string, unknown>
    required?: string[]
  }
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: prop,
  }))
}

const pathParameters = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))

const operation = (route: RouteDoc) => {
  const responses: Record<string, unknown> = {}
  for (const [status, res] of Object.entries(route.responses)) {
    responses[status] = res.schema
      ? {
          description: res.description,
          content: { 'application/json': { schema: jsonSchema(res.schema, 'output') } },
        }
      : { description: res.description }
  }
  if (route.access !== 'public') {
    responses['401'] ??= { description: 'missing or invalid bearer token', content: errorContent() }
  }
  if (route.body) {
    responses['400'] ??= { description: 'invalid input, with field paths', content: errorContent() }
  }
  return {
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public' ? { security: [] } : {}),
    'x-access': route.access,
    parameters: [
      ...pathParameters(route.path),
      ...(route.query ? queryParameters(route.query) : []),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  }
}

/** The OpenAPI path items of every route registered with `documentRoute`. */
export const legacyPaths = (): Record<string, Record<string, unknown>> => {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of registry) (paths[route.path] ??= {})[route.method] = operation(route)
  return paths
}
