import { z } from 'zod'
import { FORMATS, type FileFormat } from '../files/formats'
import type { StoredFile } from '../files/store'

/** A stored attachment's record, as the files and tickets APIs answer it. */
export const storedFileSchema: z.ZodType<StoredFile> = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number(),
  format: z.enum(Object.keys(FORMATS) as [FileFormat, ...FileFormat[]]),
  mimeType: z.string(),
  kind: z.enum(['image', 'video', 'audio', 'document']),
  name: z.string().nullable(),
  source: z.enum(['customer', 'agent', 'export']),
  conversationKey: z.string().nullable(),
  messageSeq: z.number().nullable(),
  ticketId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
})
