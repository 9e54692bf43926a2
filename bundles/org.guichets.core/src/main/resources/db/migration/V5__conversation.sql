-- The conversation of each candidature, and how far each reader has read it.
CREATE TABLE message (
    id BIGINT PRIMARY KEY,
    candidature_id BIGINT NOT NULL REFERENCES candidature (id),
    author_id BIGINT NOT NULL,
    author_name VARCHAR(200) NOT NULL,
    from_agency BOOLEAN NOT NULL,
    body VARCHAR(10000) NOT NULL,
    posted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX message_candidature ON message (candidature_id, id);

CREATE TABLE message_read (
    candidature_id BIGINT NOT NULL REFERENCES candidature (id),
    account_id BIGINT NOT NULL,
    last_read_id BIGINT NOT NULL,
    PRIMARY KEY (candidature_id, account_id)
);
