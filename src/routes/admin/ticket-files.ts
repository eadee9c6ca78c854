import { z } from 'zod'
import { apiError } from '../../api/errors'
import { errorResponse, jsonResponse } from '../../api/route'
import { apiRouter } from '../../api/router'
import { exportChatToTicket, uploadToTicket, type IntakeResult } from '../../files/intake'
import { fileStore } from '../../files/store'
import { FILE_LIMIT_MESSAGE, MAX_FILE_BYTES } from '../../lib/media'
import { ticketStore } from '../../tickets/store'
import { storedFileSchema } from '../file-schemas'
import { routesFor } from './route-builders'

const uploadQuery = z.object({ name: z.string().trim().min(1).max(200).optional() })

const idParams = z.object({ id: z.string() })
const noTicket = errorResponse('no such ticket')

const route = routesFor('tickets')
const list = route.ownAgent(
  'get',
  '/{id}/files',
  "A work order's files: what the customer sent in its conversation, agents' uploads and chat exports",
  {
    request: { params: idParams },
    responses: {
      200: jsonResponse(z.object({ files: z.array(storedFileSchema) }), '`{ files }`'),
      404: noTicket,
    },
  }
)
// The body is the file's raw bytes (up to 20 MB, counted while stored), so no JSON body is declared.
const upload = route.ownAgent(
  'post',
  '/{id}/files',
  'Upload a file to a work order: the raw bytes as the body, `?name=` for its name; up to 20 MB, photos, video, audio or PDF recognised by content',
  {
    request: { params: idParams, query: uploadQuery },
    responses: {
      201: jsonResponse(storedFileSchema, 'the stored file'),
      400: errorResponse('an empty body, or an invalid name'),
      404: noTicket,
      413: errorResponse('over 20 MB'),
      415: errorResponse('not an accepted format (whatever the name says)'),
    },
  }
)
const exportChat = route.ownAgent(
  'post',
  '/{id}/export',
  "Attach the linked conversation's transcript to the work order as a text file",
  {
    request: { params: idParams },
    responses: {
      201: jsonResponse(storedFileSchema, 'the stored file'),
      404: noTicket,
      409: errorResponse('the work order has no conversation'),
    },
  }
)

const stored = (result: IntakeResult) => {
  if (!result.ok) throw apiError(result.status, result.code, result.message)
  return result.file
}

/** `/api/v1/tickets/:id/files` and `/export`: a work order's attachments. */
export const ticketFiles = apiRouter('/api/v1/tickets', 'agent')
  .openapi(list, async (c) => {
    const ticket = await ticketStore(c.env.DB).get(c.req.valid('param').id)
    if (!ticket) throw apiError(404, 'not_found', 'no such ticket')
    const conversations = ticket.conversationKey ? [ticket.conversationKey] : []
    const files = await fileStore(c.env.DB, c.env.FILES).forTicket(ticket.id, conversations)
    return c.json({ files }, 200)
  })
  .openapi(upload, async (c) => {
    const { name } = c.req.valid('query')
    // A declared length over the limit is refused before a byte is read; the count while reading decides otherwise.
    const length = Number(c.req.header('content-length') ?? NaN)
    if (Number.isFinite(length) && length > MAX_FILE_BYTES) {
      throw apiError(413, 'payload_too_large', FILE_LIMIT_MESSAGE)
    }
    const file = stored(
      await uploadToTicket(c.env, {
        ticketId: c.req.valid('param').id,
        body: c.req.raw.body,
        name: name ?? null,
        actor: c.get('actor'),
        now: Date.now(),
      })
    )
    return c.json(file, 201)
  })
  .openapi(exportChat, async (c) => {
    const ticketId = c.req.valid('param').id
    const file = stored(
      await exportChatToTicket(c.env, { ticketId, actor: c.get('actor'), now: Date.now() })
    )
    return c.json(file, 201)
  })
