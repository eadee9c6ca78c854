import { z } from 'zod'

/** Who may call a route. */
export type Access = 'public' | 'admin' | 'agent'

/** One documented route; handlers register these beside their code so the document can't drift. */
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

/** The standard error body, as a schema. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
})

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' })

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

/** Builds the OpenAPI 3.0 document from every registered route. */
export const openApiDocument = (version: string) => {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of registry) {
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
      responses['401'] ??= {
        description: 'missing or invalid bearer token',
        content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
      }
    }
    if (route.body) {
      responses['400'] ??= {
        description: 'invalid input, with field paths',
        content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
      }
    }
    ;(paths[route.path] ??= {})[route.method] = {
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
  return {
    openapi: '3.0.3',
    info: { title: 'Customer-service engine API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  }
}
