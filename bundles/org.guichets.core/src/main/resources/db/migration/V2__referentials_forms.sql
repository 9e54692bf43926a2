-- The referential each candidature started on, kept as its scheme declared it, so that a newer
-- plugin never rewrites a candidature in flight and a stopped plugin leaves it readable.
CREATE TABLE referential (
    dispositif_id VARCHAR(63) NOT NULL,
    referential_version VARCHAR(32) NOT NULL,
    descriptor VARCHAR(1048576) NOT NULL,
    sha256 CHAR(64) NOT NULL,
    pinned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dispositif_id, referential_version)
);

-- Step 1: the administrative form.
CREATE TABLE candidature_form (
    candidature_id BIGINT PRIMARY KEY REFERENCES candidature (id),
    field_values VARCHAR(200000) NOT NULL,
    profiles VARCHAR(200) NOT NULL,
    field_comments VARCHAR(100000) NOT NULL,
    reviewer_message VARCHAR(10000),
    submitted_at TIMESTAMP WITH TIME ZONE,
    validated_at TIMESTAMP WITH TIME ZONE,
    version BIGINT NOT NULL
);
