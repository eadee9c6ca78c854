import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../api/auth'
import { apiError } from '../../api/errors'
import { documentRoute } from '../../api/openapi'
import { readQuery } from '../../api/validate'
import type { AppEnv } from '../../env'
import { exportChatToTicket, uploadToTicket, type IntakeResult } from '../../files/intake'
import { fileStore } from '../../files/store'
import { FILE_LIMIT_MESSAGE, MAX_FILE_BYTES } from '../../lib/media'
import { ticketStore } from '../../tickets/store'

const uploadQuery = z.object({ name: z.string().trim().min(1).max(200).optional() })

documentRoute({
  method: 'get',
  path: '/api/v1/tickets/{id}/files',
  summary:
    "A work order's files: what the customer sent in its conversation, agents' uploads and chat exports",
  tag: 'tickets',
  access: 'agent',
  responses: { 200: { description: '`{ files }`' }, 404: { description: 'no such ticket' } },
})
documentRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/files',
  summary:
    'Upload a file to a work order: the raw bytes as the body, `?name=` for its name; up to 20 MB, photos, video, audio or PDF recognised by content',
  tag: 'tickets',
  access: 'agent',
  query: uploadQuery,
  responses: {
    201: { description: 'the stored file' },
    413: { description: 'over 20 MB' },
    415: { description: 'not an accepted format (whatever the name says)' },
    404: { description: 'no such ticket' },
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/export',
  summary: "Attach the linked conversation's transcript to the work order as a text file",
  tag: 'tickets',
  access: 'agent',
  responses: {
    201: { description: 'the stored file' },
    409: { description: 'the work order has no conversation' },
  },
})

const stored = (result: IntakeResult) => {
  if (!result.ok) throw apiError(result.status, result.code, result.message)
  return result.file
}

/** `/api/v1/tickets/:id/files` and `/export`: a work order's attachments. */
export const ticketFiles = new Hono<AppEnv>()
  .use('*', requireRole('agent'))
  .get('/:id/files', async (c) => {
    const ticket = await ticketStore(c.env.DB).get(c.req.param('id'))
    if (!ticket) throw apiError(404, 'not_found', 'no such ticket')
    return c.json({
      files: await fileStore(c.env.DB, c.env.FILES).forTicket(
        ticket.id,
        ticket.conversationKey ? [ticket.conversationKey] : []
      ),
    })
  })
  .post('/:id/files', async (c) => {
    const { name } = readQuery(c, uploadQuery)
    // A declared length over the limit is refused before a byte is read; the count while reading decides otherwise.
    const length = Number(c.req.header('content-length') ?? NaN)
    if (Number.isFinite(length) && length > MAX_FILE_BYTES)
      throw apiError(413, 'payload_too_large', FILE_LIMIT_MESSAGE)
    const file = stored(
      await uploadToTicket(c.env, {
        ticketId: c.req.param('id'),
        body: c.req.raw.body,
        name: name ?? null,
        actor: c.get('actor'),
        now: Date.now(),
      })
    )
    return c.json(file, 201)
  })
  .post('/:id/export', async (c) =>
    c.json(
      stored(
        await exportChatToTicket(c.env, {
          ticketId: c.req.param('id'),
          actor: c.get('actor'),
          now: Date.now(),
        })
      ),
      201
    )
  )
