-- The work queue's views, read as they are shown (docs/benchmarks.md §3).
-- A page: an index on the sort key alone lets the database walk it and stop after the page, where
-- an index led by the turn (with_candidate) made it sort every row of the turn first (H2 uses an
-- index for ORDER BY only when its first columns are the sort's).
CREATE INDEX review_queue_order ON review_queue (waiting_since, candidature_id);
CREATE INDEX review_queue_activity ON review_queue (candidate_active_at, candidature_id);
DROP INDEX review_queue_silence;
-- A count: every column a view filters on is in the index it counts on, so that no row is read
-- (the holder's and the scheme's indexes lacked the step, and H2 read each row to check it).
DROP INDEX review_queue_assignee;
CREATE INDEX review_queue_assignee ON review_queue (with_candidate, assignee_id, review_step, waiting_since);
DROP INDEX review_queue_scheme;
CREATE INDEX review_queue_scheme ON review_queue (with_candidate, dispositif_id, guichet_id, review_step, waiting_since);
