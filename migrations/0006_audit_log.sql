-- Who read customer data and who changed what (docs/service-rules.md §7). Written after the answer is sent,
-- never on the customer's message path; purged after the retention period by the daily cron.
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,          -- root | token:<id> | agent:<account id>
  actor_name TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('read', 'change')),
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  target TEXT,                  -- a conversation key or a resource id, when the path names one
  ip TEXT,
  status INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, at);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target, at);
