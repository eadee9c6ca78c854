-- Attachments: files customers send on any channel, files agents upload, and chat exports. The bytes
-- live in R2 once per content hash (`sha256/<hex>`); each row here is one appearance of a file in a
-- conversation or on a work order, so the same photo sent twice is stored once and listed twice.
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  -- The format the first bytes prove (jpeg, png, pdf, mp4, ...), never the name's extension.
  format TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document')),
  name TEXT,
  source TEXT NOT NULL CHECK (source IN ('customer', 'agent', 'export')),
  conversation_key TEXT,
  -- The transcript row the customer's file arrived with.
  message_seq INTEGER,
  ticket_id TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS files_conversation ON files (conversation_key, created_at);
CREATE INDEX IF NOT EXISTS files_ticket ON files (ticket_id, created_at);
