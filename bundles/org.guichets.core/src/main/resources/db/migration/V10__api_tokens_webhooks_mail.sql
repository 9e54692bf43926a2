-- Personal API tokens (stored as the SHA-256 of the secret), organisations' webhook endpoints and
-- their deliveries, and the mail outbox. The language each account's mails are written in.
ALTER TABLE account ADD COLUMN language VARCHAR(5) DEFAULT 'fr' NOT NULL;

CREATE TABLE api_token (
    id BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id),
    name VARCHAR(100) NOT NULL,
    prefix VARCHAR(16) NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    scopes VARCHAR(50) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_token_secret ON api_token (secret_hash);
CREATE INDEX api_token_account ON api_token (account_id, id);

CREATE TABLE webhook_endpoint (
    id BIGINT PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    url VARCHAR(2000) NOT NULL,
    description VARCHAR(200),
    events VARCHAR(1000) NOT NULL,
    secret VARCHAR(100) NOT NULL,
    enabled BOOLEAN NOT NULL,
    consecutive_failures INT NOT NULL,
    disabled_reason VARCHAR(50),
    created_by BIGINT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX webhook_endpoint_organization ON webhook_endpoint (organization_id);

CREATE TABLE webhook_delivery (
    id BIGINT PRIMARY KEY,
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id VARCHAR(40) NOT NULL,
    event VARCHAR(40) NOT NULL,
    payload VARCHAR(20000) NOT NULL,
    status VARCHAR(20) NOT NULL,
    attempts INT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    response_status INT,
    response_body VARCHAR(2000),
    error VARCHAR(500),
    duration_millis BIGINT NOT NULL,
    replay_of BIGINT
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, id);

CREATE TABLE mail_outbox (
    id BIGINT PRIMARY KEY,
    recipient VARCHAR(254) NOT NULL,
    language VARCHAR(5) NOT NULL,
    template VARCHAR(50) NOT NULL,
    params VARCHAR(10000) NOT NULL,
    status VARCHAR(20) NOT NULL,
    attempts INT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    sent_at TIMESTAMP WITH TIME ZONE,
    error VARCHAR(500)
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
