-- The review queue: a sample of resolved cases (and every case with a red line or a low rating)
-- waits for a supervisor, who scores it on the same rubric and comments.
ALTER TABLE cases ADD COLUMN review_state TEXT;        -- NULL (not sampled) | 'queued' | 'reviewed'
ALTER TABLE cases ADD COLUMN review_score INTEGER;
ALTER TABLE cases ADD COLUMN review_comment TEXT;
ALTER TABLE cases ADD COLUMN reviewer TEXT;
ALTER TABLE cases ADD COLUMN reviewed_at INTEGER;
CREATE INDEX IF NOT EXISTS cases_review ON cases (review_state, resolved_at);
