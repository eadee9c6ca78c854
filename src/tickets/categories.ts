import { z } from 'zod'
import { kvDoc } from '../lib/kv-doc'

const hours = z
  .number()
  .positive()
  .max(90 * 24)
const name = z
  .object({ en: z.string().trim().min(1).max(60), 'zh-CN': z.string().trim().min(1).max(60) })
  .strict()

/** Fields a category can require beyond the handbook's four (customer, description, contact, urgency). */
export const TICKET_FIELDS = ['order.id'] as const

/** One category of work order: who it goes to, what it needs, how fast it must be resolved. */
export const categorySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'lowercase letters, digits, - and _'),
    names: name,
    team: z.string().trim().min(1).max(40),
    fields: z.array(z.enum(TICKET_FIELDS)).max(TICKET_FIELDS.length).default([]),
    /** Resolution target per urgency, in staffed hours (the business-hours calendar). */
    targetHours: z.object({ urgent: hours, high: hours, normal: hours, low: hours }).strict(),
    /** The customer hears how it stands at least this often (staffed hours) while it is open. */
    updateEveryHours: hours,
  })
  .strict()

/** A ticket category. */
export type TicketCategory = z.infer<typeof categorySchema>

/** The categories document (KV `policy:tickets`, `PUT /api/v1/policies/tickets`). */
export const ticketCategoriesSchema = z
  .object({ categories: z.array(categorySchema).min(1).max(40) })
  .strict()
  .refine((d) => new Set(d.categories.map((c) => c.id)).size === d.categories.length, {
    error: 'category ids must be unique',
    path: ['categories'],
  })

/** The categories document. */
export type TicketCategories = z.infer<typeof ticketCategoriesSchema>

const targets = (urgent: number, high: number, normal: number, low: number) => ({
  urgent,
  high,
  normal,
  low,
})

/** The handbook's preset list. */
export const DEFAULT_TICKET_CATEGORIES: TicketCategories = {
  categories: [
    {
      id: 'logistics',
      names: { en: 'Logistics anomaly', 'zh-CN': '物流异常' },
      team: 'logistics',
      fields: ['order.id'],
      targetHours: targets(4, 12, 24, 48),
      updateEveryHours: 4,
    },
    {
      id: 'quality',
      names: { en: 'Product quality', 'zh-CN': '商品质量' },
      team: 'after-sale',
      fields: ['order.id'],
      targetHours: targets(8, 24, 48, 72),
      updateEveryHours: 8,
    },
    {
      id: 'after-sale',
      names: { en: 'After-sale request', 'zh-CN': '售后申请' },
      team: 'after-sale',
      fields: ['order.id'],
      targetHours: targets(8, 24, 48, 72),
      updateEveryHours: 8,
    },
    {
      id: 'refund',
      names: { en: 'Refund review', 'zh-CN': '退款审核' },
      team: 'finance',
      fields: ['order.id'],
      targetHours: targets(8, 24, 48, 72),
      updateEveryHours: 8,
    },
    {
      id: 'complaint',
      names: { en: 'Complaint', 'zh-CN': '投诉' },
      team: 'senior',
      fields: [],
      targetHours: targets(4, 8, 24, 48),
      updateEveryHours: 4,
    },
    {
      id: 'other',
      names: { en: 'Other', 'zh-CN': '其他' },
      team: 'service',
      fields: [],
      targetHours: targets(8, 24, 72, 120),
      updateEveryHours: 8,
    },
  ],
}

/** The categories in KV, cached per isolate like the other settings. */
export const ticketCategoriesDoc = kvDoc(
  'policy:tickets',
  ticketCategoriesSchema,
  DEFAULT_TICKET_CATEGORIES
)

/** Pure: a category by id. */
export const categoryOf = (doc: TicketCategories, id: string): TicketCategory | undefined =>
  doc.categories.find((c) => c.id === id)
