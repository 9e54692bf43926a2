-- What waits for the agency: one row per candidature with a submitted form or chapter, or a
-- decision due, kept up to date by the steps; only waiting candidatures are here, so the work
-- queue reads a small table in the order of its index however many candidatures there are.
CREATE TABLE review_queue (
    candidature_id BIGINT PRIMARY KEY REFERENCES candidature (id),
    review_step VARCHAR(20) NOT NULL,
    waiting_since TIMESTAMP WITH TIME ZONE NOT NULL,
    dispositif_id VARCHAR(63) NOT NULL,
    guichet_id VARCHAR(63) NOT NULL
);
CREATE INDEX review_queue_since ON review_queue (waiting_since, candidature_id);
CREATE INDEX review_queue_step ON review_queue (review_step, waiting_since);
CREATE INDEX review_queue_scheme ON review_queue (dispositif_id, guichet_id, waiting_since);
