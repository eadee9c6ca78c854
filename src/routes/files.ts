import { z } from 'zod'
import { apiError, errorBody } from '../api/errors'
import {
  apiRoute,
  documentOnly,
  errorResponse,
  jsonResponse,
  type ApiRouteConfig,
} from '../api/route'
import { apiRouter } from '../api/router'
import { writeAudit } from '../audit/log'
import { downloadName, FORMATS } from '../files/formats'
import { FILE_URL_TTL_MS, fileUrlKey, signFileUrl, verifyFileUrl } from '../files/signing'
import { fileStore } from '../files/store'
import { storedFileSchema } from './file-schemas'

const metadata = apiRoute({
  method: 'get',
  path: '/{id}',
  summary:
    'A stored attachment: format, size, where it came from, and a download link valid for 5 minutes',
  tag: 'files',
  access: 'agent',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: jsonResponse(
      z.object({ file: storedFileSchema, url: z.string(), expiresAt: z.number() }),
      '`{ file, url, expiresAt }`'
    ),
    404: errorResponse('no such file'),
  },
})

/** A fresh signed link for `id`, issued to `by`. */
export const fileLink = async (
  env: Env,
  id: string,
  by: string,
  now: number
): Promise<{ url: string; expiresAt: number }> => {
  const key = await fileUrlKey(env)
  if (!key)
    throw apiError(
      503,
      'admin_not_configured',
      'set FILE_URL_SECRET or ADMIN_TOKEN to sign download links'
    )
  const expiresAt = now + FILE_URL_TTL_MS
  return { url: await signFileUrl(key, { id, by, expiresAt }), expiresAt }
}

/** `/api/v1/files`: attachment metadata and download links for agents and integrations. */
export const files = apiRouter('/api/v1/files', 'agent').openapi(metadata, async (c) => {
  const file = await fileStore(c.env.DB, c.env.FILES).get(c.req.valid('param').id)
  if (!file) throw apiError(404, 'not_found', 'no such file')
  const link = await fileLink(c.env, file.id, c.get('actorId'), Date.now())
  return c.json({ file, ...link }, 200)
})

// Documented only: a bad or missing signature must answer 403, not a validation error.
const download: ApiRouteConfig = {
  method: 'get',
  path: '/{id}',
  summary:
    'Download through a signed link (from the console or `GET /api/v1/files/{id}`); each download is audited',
  tag: 'files',
  access: 'public',
  request: {
    params: z.object({ id: z.string() }),
    query: z.object({ by: z.string(), exp: z.string(), sig: z.string() }),
  },
  responses: {
    200: {
      description: 'the bytes, with the type their content proved',
      content: { 'application/octet-stream': { schema: z.string() } },
    },
    403: errorResponse('bad signature'),
    404: errorResponse('no such file'),
    410: errorResponse('the link expired'),
    503: errorResponse('no key to check links with (FILE_URL_SECRET or ADMIN_TOKEN)'),
  },
}

const downloadRouter = apiRouter('/files')
documentOnly(downloadRouter, download)

/** `/files/:id`: the bytes, only through an unexpired signed link; every download is written to the audit log. */
export const downloads = downloadRouter.get('/:id', async (c) => {
  const key = await fileUrlKey(c.env)
  if (!key) return c.json(errorBody('admin_not_configured', 'downloads are not configured'), 503)
  const id = c.req.param('id')
  const checked = await verifyFileUrl(key, id, c.req.query(), Date.now())
  if (!checked.ok) {
    return checked.problem === 'expired'
      ? c.json(
          errorBody(
            'link_expired',
            'this download link has expired; open the file again from the console'
          ),
          410
        )
      : c.json(errorBody('forbidden', 'not a valid download link'), 403)
  }
  const store = fileStore(c.env.DB, c.env.FILES)
  const file = await store.get(id)
  const body = file ? await store.body(file) : null
  if (!file || !body) return c.json(errorBody('not_found', 'no such file'), 404)
  await writeAudit(c.env.DB, {
    at: Date.now(),
    actor: checked.grant.by,
    actorName: '',
    role: '',
    action: 'read',
    method: 'GET',
    path: `/files/${id}`,
    target: id,
    ip: c.req.header('CF-Connecting-IP') ?? null,
    status: 200,
  })
  const name = downloadName(file.name, file.format, file.id)
  // Photos, video and voice open in the browser; the sandbox keeps any of them from running script.
  // PDFs and exports download: a browser's PDF viewer does not run in a sandboxed document.
  const inline = FORMATS[file.format].kind !== 'document'
  return new Response(body.body, {
    headers: {
      'content-type': FORMATS[file.format].mimeType,
      'content-length': String(file.size),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'content-security-policy':
        "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    },
  })
})
