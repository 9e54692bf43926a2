-- The work queue follows a candidature from its first submission to the decision: whose turn it
-- is (the agency's or the candidate's), who on the agency's side holds it, and the candidate's
-- last action (silent since then). Rows the earlier schema kept were all the agency's turn.
ALTER TABLE review_queue ADD COLUMN with_candidate BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE review_queue ADD COLUMN assignee_id BIGINT;
ALTER TABLE review_queue ADD COLUMN candidate_active_at TIMESTAMP WITH TIME ZONE;
UPDATE review_queue SET candidate_active_at = waiting_since;
ALTER TABLE review_queue ALTER COLUMN candidate_active_at SET NOT NULL;
DROP INDEX review_queue_since;
DROP INDEX review_queue_step;
DROP INDEX review_queue_scheme;
CREATE INDEX review_queue_since ON review_queue (with_candidate, waiting_since, candidature_id);
CREATE INDEX review_queue_step ON review_queue (with_candidate, review_step, waiting_since);
CREATE INDEX review_queue_scheme ON review_queue (with_candidate, dispositif_id, guichet_id, waiting_since);
CREATE INDEX review_queue_assignee ON review_queue (assignee_id, with_candidate, waiting_since);
CREATE INDEX review_queue_silence ON review_queue (with_candidate, candidate_active_at, candidature_id);
-- Candidatures already in the candidate's hands (form returned, evidence to deposit) had no row:
-- they join the queue as the candidate's turn, from the upgrade.
INSERT INTO review_queue (candidature_id, review_step, waiting_since, dispositif_id, guichet_id, with_candidate,
        candidate_active_at)
    SELECT c.id, CASE WHEN c.form_state = 'RETURNED' THEN 'FORM' ELSE 'EVIDENCE' END, CURRENT_TIMESTAMP, c.dispositif_id,
        c.guichet_id, TRUE, CURRENT_TIMESTAMP
    FROM candidature c
    WHERE (c.form_state = 'RETURNED' OR (c.form_state = 'VALIDATED' AND c.evidence_state = 'IN_PROGRESS'))
        AND NOT EXISTS (SELECT 1 FROM review_queue q WHERE q.candidature_id = c.id);
