-- `conversations_status (status, updated_at)` was rewritten on every message (updated_at changes
-- each time): two of the three D1 rows a message cost. Recency lists now sort the status's rows
-- instead (measured in bench/README.md: the API list at 100,000 conversations).
DROP INDEX IF EXISTS conversations_status;
-- The inbox's tab counts and filters read these; they change when a conversation is taken,
-- escalated or resolved, not per message, so the index costs nothing on the message path.
CREATE INDEX IF NOT EXISTS conversations_queue ON conversations (status, owner, agent, level);
