import type { Ticket, TicketEvent, TicketStatus, Urgency } from './types'

interface Row {
  id: string
  category: string
  urgency: Urgency
  priority: number
  status: TicketStatus
  customer_id: string
  description: string
  contact: string | null
  fields: string
  missing: string
  team: string
  assignee: string | null
  conversation_key: string | null
  due_at: number
  warned_at: number | null
  breached_at: number | null
  feedback: string | null
  summary: string | null
  merged_into: string | null
  created_by: string
  created_at: number
  updated_at: number
  closed_at: number | null
}

const json = <T>(text: string, fallback: T): T => {
  try {
    return (JSON.parse(text) as T) ?? fallback
  } catch {
    return fallback
  }
}

const toTicket = (r: Row): Ticket => ({
  id: r.id,
  category: r.category,
  urgency: r.urgency,
  priority: r.priority,
  status: r.status,
  customerId: r.customer_id,
  description: r.description,
  contact: r.contact,
  fields: json<Record<string, string>>(r.fields, {}),
  missing: json<string[]>(r.missing, []),
  team: r.team,
  assignee: r.assignee,
  conversationKey: r.conversation_key,
  dueAt: r.due_at,
  warnedAt: r.warned_at,
  breachedAt: r.breached_at,
  feedback: r.feedback,
  summary: r.summary,
  mergedInto: r.merged_into,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  closedAt: r.closed_at,
})

const COLUMNS = `id, category, urgency, priority, status, customer_id, description, contact, fields, missing, team, assignee,
  conversation_key, due_at, warned_at, breached_at, feedback, summary, merged_into, created_by, created_at, updated_at, closed_at`

const values = (t: Ticket) => [
  t.id,
  t.category,
  t.urgency,
  t.priority,
  t.status,
  t.customerId,
  t.description,
  t.contact,
  JSON.stringify(t.fields),
  JSON.stringify(t.missing),
  t.team,
  t.assignee,
  t.conversationKey,
  t.dueAt,
  t.warnedAt,
  t.breachedAt,
  t.feedback,
  t.summary,
  t.mergedInto,
  t.createdBy,
  t.createdAt,
  t.updatedAt,
  t.closedAt,
]

const eventStatement = (db: D1Database, e: TicketEvent) =>
  db
    .prepare(
      'INSERT INTO ticket_events (ticket_id, at, actor, kind, from_status, to_status, text) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    .bind(e.ticketId, e.at, e.actor, e.kind, e.from ?? null, e.to ?? null, e.text ?? null)

/** Filters of the ticket list; `open` means not closed, summarised or merged. */
export interface TicketFilter {
  status?: TicketStatus | 'open'
  category?: string
  assignee?: string
  team?: string
  conversationKey?: string
  limit: number
  after?: { priority: number; createdAt: number; id: string }
}

/** The work orders in D1. */
export const ticketStore = (db: D1Database) => ({
  /** Stores a new ticket with its first history entries. */
  async create(t: Ticket, events: TicketEvent[]): Promise<void> {
    await db.batch([
      db
        .prepare(
          `INSERT INTO tickets (${COLUMNS}) VALUES (${values(t)
            .map((_, i) => `?${i + 1}`)
            .join(', ')})`
        )
        .bind(...values(t)),
      ...events.map((e) => eventStatement(db, e)),
    ])
  },

  /** Saves a changed ticket and its history entries, only if nobody changed it since `expectedUpdatedAt`. */
  async save(t: Ticket, events: TicketEvent[], expectedUpdatedAt: number): Promise<boolean> {
    const [update] = await db.batch([
      db
        .prepare(
          `UPDATE tickets SET category = ?2, urgency = ?3, priority = ?4, status = ?5, customer_id = ?6, description = ?7, contact = ?8,
             fields = ?9, missing = ?10, team = ?11, assignee = ?12, conversation_key = ?13, due_at = ?14, warned_at = ?15,
             breached_at = ?16, feedback = ?17, summary = ?18, merged_into = ?19, updated_at = ?22, closed_at = ?23
           WHERE id = ?1 AND updated_at = ?24`
        )
        .bind(...values(t), expectedUpdatedAt),
      ...events.map((e) =>
        db
          .prepare(
            'INSERT INTO ticket_events (ticket_id, at, actor, kind, from_status, to_status, text) SELECT ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0'
          )
          .bind(e.ticketId, e.at, e.actor, e.kind, e.from ?? null, e.to ?? null, e.text ?? null)
      ),
    ])
    return (update?.meta.changes ?? 0) > 0
  },

  /** Adds a history entry on its own (notes, clocks). */
  async addEvent(e: TicketEvent): Promise<void> {
    await eventStatement(db, e).run()
  },

  async get(id: string): Promise<Ticket | null> {
    const row = await db
      .prepare(`SELECT ${COLUMNS} FROM tickets WHERE id = ?`)
      .bind(id)
      .first<Row>()
    return row ? toTicket(row) : null
  },

  async events(id: string): Promise<TicketEvent[]> {
    const { results } = await db
      .prepare(
        'SELECT id, ticket_id, at, actor, kind, from_status, to_status, text FROM ticket_events WHERE ticket_id = ? ORDER BY id LIMIT 500'
      )
      .bind(id)
      .all<{
        id: number
        ticket_id: string
        at: number
        actor: string
        kind: TicketEvent['kind']
        from_status: TicketStatus | null
        to_status: TicketStatus | null
        text: string | null
      }>()
    return results.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      at: r.at,
      actor: r.actor,
      kind: r.kind,
      from: r.from_status,
      to: r.to_status,
      text: r.text,
    }))
  },

  /** The queue: most urgent first, then first come, first served. */
  async list(f: TicketFilter): Promise<Ticket[]> {
    const where: string[] = []
    const binds: (string | number)[] = []
    const equals = (column: string, value: string | undefined) => {
      if (value === undefined) return
      binds.push(value)
      where.push(`${column} = ?${binds.length}`)
    }
    if (f.status === 'open') where.push("status NOT IN ('closed', 'summarised', 'merged')")
    else equals('status', f.status)
    equals('category', f.category)
    equals('assignee', f.assignee)
    equals('team', f.team)
    equals('conversation_key', f.conversationKey)
    if (f.after) {
      binds.push(f.after.priority, f.after.createdAt, f.after.id)
      where.push(
        `(priority, created_at, id) > (?${binds.length - 2}, ?${binds.length - 1}, ?${binds.length})`
      )
    }
    const { results } = await db
      .prepare(
        `SELECT ${COLUMNS} FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY priority, created_at, id LIMIT ${f.limit}`
      )
      .bind(...binds)
      .all<Row>()
    return results.map(toTicket)
  },
})
