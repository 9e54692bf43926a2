-- What waits for the agency on each candidature, kept up to date by the steps, so that the work
-- queue is one indexed range scan however many candidatures there are.
ALTER TABLE candidature ADD COLUMN review_step VARCHAR(20);
ALTER TABLE candidature ADD COLUMN review_since TIMESTAMP WITH TIME ZONE;
CREATE INDEX candidature_review_queue ON candidature (review_since, review_step);
CREATE INDEX candidature_review_scheme ON candidature (dispositif_id, guichet_id, review_since);
