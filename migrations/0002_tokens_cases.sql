-- API tokens for agents and admins (the ADMIN_TOKEN secret stays the root credential).
-- Only a SHA-256 hash of each token is stored; the token itself is shown once at creation.
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);

-- Knowledge base: one row per resolution of a conversation (docs/service-rules.md §5).
CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  conversation_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  category TEXT,
  level INTEGER NOT NULL DEFAULT 0,
  problem TEXT NOT NULL,
  solution TEXT,
  handler TEXT,
  opened_at INTEGER NOT NULL,
  resolved_at INTEGER NOT NULL,
  resolve_ms INTEGER NOT NULL,
  rating INTEGER,
  comment TEXT
);
CREATE INDEX IF NOT EXISTS cases_resolved ON cases (resolved_at);
CREATE INDEX IF NOT EXISTS cases_category ON cases (category, resolved_at);

-- Escalation queue fields on the conversation index.
ALTER TABLE conversations ADD COLUMN escalated_at INTEGER;
ALTER TABLE conversations ADD COLUMN escalation_reasons TEXT;
ALTER TABLE conversations ADD COLUMN expected_resolution_at INTEGER;
CREATE INDEX IF NOT EXISTS conversations_escalations ON conversations (level, status, expected_resolution_at);
