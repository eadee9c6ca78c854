import { ensureTable, hasTable } from './schema'

/** A private note: written by an agent for the team, never sent to or shown to the customer. */
export interface Note {
  id: number
  agent: string
  text: string
  at: number
}

/** Stores a note; returns it with its id. */
export const addNote = (
  sql: SqlStorage,
  input: { agent: string; text: string },
  at: number
): Note => {
  ensureTable(sql, 'notes')
  const row = sql
    .exec<{ id: number }>(
      'INSERT INTO notes (agent, text, at) VALUES (?, ?, ?) RETURNING id',
      input.agent,
      input.text,
      at
    )
    .toArray()[0]
  return { id: row?.id ?? 0, agent: input.agent, text: input.text, at }
}

/** The latest notes, oldest first. */
export const listNotes = (sql: SqlStorage, limit = 200): Note[] =>
  !hasTable(sql, 'notes')
    ? []
    : sql
        .exec<{ id: number; agent: string; text: string; at: number }>(
          'SELECT id, agent, text, at FROM notes ORDER BY id DESC LIMIT ?',
          limit
        )
        .toArray()
        .reverse()
