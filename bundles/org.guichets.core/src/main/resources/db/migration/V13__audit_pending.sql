-- Audit entries a committed transaction recorded, not chained yet: the audit sequencer moves them to
-- audit_entry, numbered and hashed in the order of their id, a batch at a time, moments after their
-- transaction committed. Writers no longer take turns on the chain's head (docs/architecture.md).
CREATE TABLE audit_pending (
    id BIGINT PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id BIGINT NOT NULL,
    actor_name VARCHAR(200) NOT NULL,
    action_name VARCHAR(100) NOT NULL,
    subject_type VARCHAR(50) NOT NULL,
    subject_id VARCHAR(100) NOT NULL,
    details VARCHAR(100000) NOT NULL
);
