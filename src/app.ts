import { Hono, type ErrorHandler, type NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { errorBody } from './api/errors'
import { openApiDocument, type OpenApiDocument } from './api/openapi'
import { apiRoute, jsonResponse } from './api/route'
import { apiRouter } from './api/router'
import type { AppEnv } from './env'
import { audit } from './audit/middleware'
import { agents } from './routes/admin/agents'
import { auditLog } from './routes/admin/audit'
import { reviews } from './routes/admin/reviews'
import { reports } from './routes/admin/reports'
import { ticketCategoriesPolicy, tickets } from './routes/admin/tickets'
import { ticketFiles } from './routes/admin/ticket-files'
import { downloads, files } from './routes/files'
import { cases } from './routes/admin/cases'
import { conversations } from './routes/admin/conversations'
import { escalations } from './routes/admin/escalations'
import { events } from './routes/admin/events'
import { flows } from './routes/admin/flows'
import { knowledge } from './routes/admin/knowledge'
import { notifySettings } from './routes/admin/notify'
import { escalationPolicy } from './routes/admin/policies-escalation'
import { redLinesPolicy, rubricPolicy } from './routes/admin/policies-red-lines'
import { slaPolicy } from './routes/admin/policies-sla'
import { settings } from './routes/admin/settings'
import { shopSettings } from './routes/admin/shop-settings'
import { templates } from './routes/admin/templates'
import { tokens } from './routes/admin/tokens'
import { consoleApp } from './console/console'
import { chat } from './routes/chat'
// Lists the web chat's routes in the OpenAPI document; `chat` serves them.
import './routes/chat-docs'
import { health } from './routes/health'
import { webhooks } from './routes/webhooks'
import { VERSION } from './version'

const documentSchema = z.looseObject({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
})

// Every router is published once this module has loaded, so the document is built on the first
// request and served from memory after (building it converts every route's schemas).
let servedDocument: OpenApiDocument | undefined

const openApiJson = apiRouter('/api/v1/openapi.json').openapi(
  apiRoute({
    method: 'get',
    path: '/',
    summary: 'This document (public)',
    tag: 'meta',
    access: 'public',
    responses: { 200: jsonResponse(documentSchema, 'OpenAPI 3.0 document') },
  }),
  (c) => c.json((servedDocument ??= openApiDocument(VERSION)), 200)
)

/** All routes, mounted: webhooks, the admin/agent API, the web chat and health. */
export const app = new Hono<AppEnv>()
  .use('/api/*', async (c, next) => {
    await next()
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
  })
  .use('/api/*', audit)
  .use('/console/*', audit)
  .get('/', (c) => c.redirect('/chat'))
  .route('/healthz', health)
  .route('/webhooks', webhooks)
  .route('/chat', chat)
  .route('/files', downloads)
  .route('/console', consoleApp)
  .route('/api/v1/openapi.json', openApiJson)
  .route('/api/v1/templates', templates)
  .route('/api/v1/flows', flows)
  .route('/api/v1/knowledge', knowledge)
  .route('/api/v1/conversations', conversations)
  .route('/api/v1/escalations', escalations)
  .route('/api/v1/cases', cases)
  .route('/api/v1/events', events)
  .route('/api/v1/settings/notifications', notifySettings)
  .route('/api/v1/settings/shop', shopSettings)
  .route('/api/v1/settings', settings)
  .route('/api/v1/policies/sla', slaPolicy)
  .route('/api/v1/policies/escalation', escalationPolicy)
  .route('/api/v1/policies/red-lines', redLinesPolicy)
  .route('/api/v1/policies/rubric', rubricPolicy)
  .route('/api/v1/tokens', tokens)
  .route('/api/v1/agents', agents)
  .route('/api/v1/audit', auditLog)
  .route('/api/v1/reviews', reviews)
  .route('/api/v1/reports', reports)
  .route('/api/v1/tickets', ticketFiles)
  .route('/api/v1/tickets', tickets)
  .route('/api/v1/files', files)
  .route('/api/v1/policies/tickets', ticketCategoriesPolicy)

const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404)
const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof HTTPException) return err.getResponse()
  console.error('unhandled', c.req.method, c.req.path, err)
  return c.json(errorBody('internal', 'internal error'), 500)
}
app.notFound(notFound)
app.onError(onError)

// The app's routes are more than the RegExpRouter accepts, so Hono matches them with its trie,
// which was 7.5% of the isolate's time under message load. Webhooks, every customer message's way
// in, get an app of their own with two routes; the answers are the same either way.
const webhookApp = new Hono<AppEnv>().route('/webhooks', webhooks)
webhookApp.notFound(notFound)
webhookApp.onError(onError)

/** Pure: does the URL's path start with `/webhooks/`? (Reads the string; builds no URL.) */
export const isWebhookUrl = (url: string): boolean => {
  const host = url.indexOf('//')
  const path = url.indexOf('/', host === -1 ? 0 : host + 2)
  return path !== -1 && url.startsWith('/webhooks/', path)
}

/** The Worker's fetch: webhooks through their own small router, everything else through `app`. */
export const serve: ExportedHandlerFetchHandler<Env> = (request, env, ctx) =>
  isWebhookUrl(request.url) ? webhookApp.fetch(request, env, ctx) : app.fetch(request, env, ctx)
