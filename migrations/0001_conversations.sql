-- Cross-conversation index: one summary row per conversation, written by its Durable Object
-- after its own state commits. Listing and reporting read this; the object stays the truth.
CREATE TABLE IF NOT EXISTS conversations (
  key TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  owner TEXT NOT NULL,
  level INTEGER NOT NULL DEFAULT 0,
  stage TEXT NOT NULL,
  intent TEXT,
  locale TEXT NOT NULL,
  customer_name TEXT,
  agent TEXT,
  last_message TEXT,
  last_message_at INTEGER,
  failed_messages INTEGER NOT NULL DEFAULT 0,
  next_due_at INTEGER,
  breaches INTEGER NOT NULL DEFAULT 0,
  csat INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_status ON conversations (status, updated_at);
CREATE INDEX IF NOT EXISTS conversations_channel ON conversations (channel, updated_at);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations (owner, updated_at);
