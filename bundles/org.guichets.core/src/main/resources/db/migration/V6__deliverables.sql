-- The registry of signed deliverables (R-18, R-21): a snapshot of what each states, its lifecycle,
-- and the address of its signed PDF in the evidence store.
CREATE TABLE deliverable (
    id VARCHAR(32) PRIMARY KEY,
    candidature_id BIGINT NOT NULL REFERENCES candidature (id),
    candidature_number VARCHAR(10) NOT NULL,
    organization_id BIGINT NOT NULL,
    dispositif_id VARCHAR(64) NOT NULL,
    guichet_id VARCHAR(64) NOT NULL,
    declaration_id VARCHAR(64) NOT NULL,
    kind VARCHAR(64) NOT NULL,
    validity VARCHAR(32) NOT NULL,
    status VARCHAR(16) NOT NULL,
    due_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts INT NOT NULL,
    last_error VARCHAR(2000),
    organization_name VARCHAR(300),
    nru VARCHAR(64),
    profiles VARCHAR(500),
    software_name VARCHAR(300),
    software_version VARCHAR(100),
    issued_at TIMESTAMP WITH TIME ZONE,
    expires_at TIMESTAMP WITH TIME ZONE,
    sha256 CHAR(64),
    reminded_days INT,
    revocation_reason VARCHAR(2000),
    revoked_at TIMESTAMP WITH TIME ZONE,
    revoked_by BIGINT,
    version BIGINT NOT NULL
);
CREATE INDEX deliverable_candidature ON deliverable (candidature_id);
CREATE INDEX deliverable_status_expiry ON deliverable (status, expires_at);
