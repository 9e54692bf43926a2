-- Step 2: the chapters of each candidature, derived from its frozen profiles, and the files.
CREATE TABLE candidature_chapter (
    candidature_id BIGINT NOT NULL REFERENCES candidature (id),
    chapter_id VARCHAR(63) NOT NULL,
    chapter_state VARCHAR(20) NOT NULL,
    submitted_at TIMESTAMP WITH TIME ZONE,
    validated_at TIMESTAMP WITH TIME ZONE,
    version BIGINT NOT NULL,
    PRIMARY KEY (candidature_id, chapter_id)
);

CREATE TABLE evidence_file (
    id BIGINT PRIMARY KEY,
    candidature_id BIGINT NOT NULL REFERENCES candidature (id),
    chapter_id VARCHAR(63) NOT NULL,
    requirement_ref VARCHAR(64) NOT NULL,
    evidence_id VARCHAR(63) NOT NULL,
    file_name VARCHAR(200) NOT NULL,
    media_type VARCHAR(100) NOT NULL,
    file_size BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    uploaded_by BIGINT NOT NULL,
    verdict VARCHAR(20),
    verdict_comment VARCHAR(10000),
    reviewed_by BIGINT,
    reviewed_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX evidence_file_chapter ON evidence_file (candidature_id, chapter_id);
CREATE INDEX evidence_file_sha256 ON evidence_file (sha256);

-- Step 3: the committee's decision.
CREATE TABLE decision (
    candidature_id BIGINT PRIMARY KEY REFERENCES candidature (id),
    outcome VARCHAR(40) NOT NULL,
    reason VARCHAR(10000) NOT NULL,
    reservations VARCHAR(100000) NOT NULL,
    decided_by BIGINT NOT NULL,
    decided_at TIMESTAMP WITH TIME ZONE NOT NULL
);
