-- The automatic quality inspection of each resolved case (0..100) and its breakdown (JSON).
ALTER TABLE cases ADD COLUMN qa_score INTEGER;
ALTER TABLE cases ADD COLUMN qa_detail TEXT;
