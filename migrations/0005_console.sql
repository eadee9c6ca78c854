-- Console accounts: people who sign in to the agent console. Passwords are PBKDF2-SHA256 with a
-- per-account salt; the row keeps the iteration count so it can be raised later.
CREATE TABLE IF NOT EXISTS agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
  password_hash TEXT,
  password_salt TEXT,
  password_iterations INTEGER,
  locale TEXT NOT NULL DEFAULT 'en',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Console sessions: only a hash of the cookie value is stored.
CREATE TABLE IF NOT EXISTS console_sessions (
  id_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS console_sessions_agent ON console_sessions (agent_id);

-- Failed sign-ins per email and per client address, for the login rate limit.
CREATE TABLE IF NOT EXISTS login_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL
);

-- Console search: customer name, order numbers, phone digits and recent message text.
ALTER TABLE conversations ADD COLUMN search_text TEXT;
-- When the customer's latest unanswered message arrived (the inbox's "longest waiting" sort).
ALTER TABLE conversations ADD COLUMN waiting_since INTEGER;
