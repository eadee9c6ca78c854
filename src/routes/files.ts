import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../api/auth'
import { apiError, errorBody } from '../api/errors'
import { documentRoute } from '../api/openapi'
import { writeAudit } from '../audit/log'
import type { AppEnv } from '../env'
import { downloadName, FORMATS } from '../files/formats'
import { FILE_URL_TTL_MS, fileUrlKey, signFileUrl, verifyFileUrl } from '../files/signing'
import { fileStore } from '../files/store'

documentRoute({
  method: 'get',
  path: '/api/v1/files/{id}',
  summary:
    'A stored attachment: format, size, where it came from, and a download link valid for 5 minutes',
  tag: 'files',
  access: 'agent',
  responses: {
    200: { description: '`{ file, url, expiresAt }`' },
    404: { description: 'no such file' },
  },
})
documentRoute({
  method: 'get',
  path: '/files/{id}',
  summary:
    'Download through a signed link (from the console or `GET /api/v1/files/{id}`); each download is audited',
  tag: 'files',
  access: 'public',
  query: z.object({ by: z.string(), exp: z.string(), sig: z.string() }),
  responses: {
    200: { description: 'the bytes, with the type their content proved' },
    403: { description: 'bad signature' },
    410: { description: 'the link expired' },
    404: { description: 'no such file' },
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
export const files = new Hono<AppEnv>().use('*', requireRole('agent')).get('/:id', async (c) => {
  const file = await fileStore(c.env.DB, c.env.FILES).get(c.req.param('id'))
  if (!file) throw apiError(404, 'not_found', 'no such file')
  return c.json({ file, ...(await fileLink(c.env, file.id, c.get('actorId'), Date.now())) })
})

/** `/files/:id`: the bytes, only through an unexpired signed link; every download is written to the audit log. */
export const downloads = new Hono<AppEnv>().get('/:id', async (c) => {
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
