-- Report rollups. Each conversation object writes one row per case and one per order when something
-- a report counts changes (the case opens, its scenario, level or handler changes, it is resolved or
-- rated; an order event or reminder) - never per message. Reports aggregate these rows; they never
-- read transcripts. Days are the shop's local calendar dates (its business-hours time zone).
CREATE TABLE IF NOT EXISTS case_facts (
  case_id TEXT PRIMARY KEY,
  conversation_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  intent TEXT,
  -- The case was a pre-sale inquiry at some point (for inquiry-to-order conversion).
  presale INTEGER NOT NULL DEFAULT 0,
  -- The person who handled the case (latest agent to reply), or NULL when the bot did it alone.
  agent TEXT,
  opened_at INTEGER NOT NULL,
  opened_day TEXT NOT NULL,
  resolved_at INTEGER,
  -- A person took part: handed over, escalated or an agent replied.
  handed_off INTEGER NOT NULL DEFAULT 0,
  level INTEGER NOT NULL DEFAULT 0,
  customer_turns INTEGER NOT NULL DEFAULT 0,
  answered_turns INTEGER NOT NULL DEFAULT 0,
  first_response_ms INTEGER,
  human_first_response_ms INTEGER,
  -- JSON arrays of milliseconds: every reply's wait, and the waits a person answered.
  response_waits TEXT NOT NULL DEFAULT '[]',
  human_waits TEXT NOT NULL DEFAULT '[]',
  -- JSON object: SLA target kind -> 'met' | 'breached'.
  sla TEXT NOT NULL DEFAULT '{}',
  csat INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS case_facts_day ON case_facts (opened_day);
CREATE INDEX IF NOT EXISTS case_facts_conversation ON case_facts (conversation_key, opened_at);

CREATE TABLE IF NOT EXISTS order_facts (
  conversation_key TEXT NOT NULL,
  order_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  amount REAL,
  currency TEXT,
  created_at INTEGER NOT NULL,
  created_day TEXT NOT NULL,
  reminded_at INTEGER,
  paid_at INTEGER,
  refunded_at INTEGER,
  cancelled_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_key, order_id)
);
CREATE INDEX IF NOT EXISTS order_facts_day ON order_facts (created_day);
