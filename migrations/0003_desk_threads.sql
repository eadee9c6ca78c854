-- The agents' desk: a team notification posted to a Slack channel opens a thread; an agent's
-- reply in that thread is routed to the customer's conversation instead of starting a new one.
CREATE TABLE IF NOT EXISTS desk_threads (
  thread TEXT PRIMARY KEY,              -- '<slack channel id>:<thread ts>'
  conversation_key TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
