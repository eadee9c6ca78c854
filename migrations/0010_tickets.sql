-- Work orders (tickets): a problem that needs another team, followed until closed. D1 holds the
-- truth (tickets span conversations, are listed and merged); the linked conversation's object runs
-- the ticket's clocks (deadline warning, breach, progress updates to the customer).
CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY,
  category TEXT NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('low', 'normal', 'high', 'urgent')),
  -- 0 = urgent ... 3 = low: first come, first served within a priority.
  priority INTEGER NOT NULL,
  status TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  description TEXT NOT NULL,
  contact TEXT,
  -- JSON: the category's own fields (e.g. {"order.id": "..."}).
  fields TEXT NOT NULL DEFAULT '{}',
  -- JSON array: required fields still missing while the ticket is collecting.
  missing TEXT NOT NULL DEFAULT '[]',
  team TEXT NOT NULL,
  assignee TEXT,
  conversation_key TEXT,
  due_at INTEGER NOT NULL,
  warned_at INTEGER,
  breached_at INTEGER,
  feedback TEXT,
  summary TEXT,
  merged_into TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (status, priority, created_at);
CREATE INDEX IF NOT EXISTS tickets_conversation ON tickets (conversation_key);

-- Status history, notes and everything else that happened to a ticket, oldest first.
CREATE TABLE IF NOT EXISTS ticket_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  text TEXT
);
CREATE INDEX IF NOT EXISTS ticket_events_ticket ON ticket_events (ticket_id, id);
