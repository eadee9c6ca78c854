-- Every index is rewritten on each conversation's summary upsert (a billed row write per message);
-- filters by channel and owner scan the status index's rows instead.
DROP INDEX IF EXISTS conversations_channel;
DROP INDEX IF EXISTS conversations_owner;
