import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env'

export { errorSchema } from './errors'

/** The served OpenAPI document. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, Record<string, unknown>>
  [key: string]: unknown
}

const routers: { mount: string; router: OpenAPIHono<AppEnv> }[] = []

/** Lists a router's routes in the document, under the path it is mounted at. */
export const publishRouter = <T extends OpenAPIHono<AppEnv>>(mount: string, router: T): T => {
  routers.push({ mount, router })
  return router
}

/** Builds the OpenAPI 3.0 document from every published router. */
export const openApiDocument = (version: string): OpenApiDocument => {
  const root = new OpenAPIHono<AppEnv>()
  root.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  })
  for (const { mount, router } of routers) root.route(mount, router)
  const generated = root.getOpenAPIDocument({
    openapi: '3.0.3',
    info: { title: 'Customer-service engine API', version },
    security: [{ bearer: [] }],
  })
  return { ...generated, paths: generated.paths as OpenApiDocument['paths'] }
}
