-- Organisations, accounts, products, NRUs, candidatures and the audit trail.
-- Portable SQL: runs on H2 2.x and PostgreSQL 12+.

CREATE SEQUENCE guichets_id_seq START WITH 1000 INCREMENT BY 50;

CREATE TABLE organization (
    id BIGINT PRIMARY KEY,
    legal_name VARCHAR(300) NOT NULL,
    siret CHAR(14) NOT NULL,
    legal_form CHAR(4) NOT NULL,
    street VARCHAR(500) NOT NULL,
    postal_code VARCHAR(20) NOT NULL,
    city VARCHAR(200) NOT NULL,
    country CHAR(2) NOT NULL,
    legal_representative VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT organization_siret_unique UNIQUE (siret)
);

CREATE TABLE account (
    id BIGINT PRIMARY KEY,
    email VARCHAR(254) NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    organization_id BIGINT REFERENCES organization (id),
    organization_role VARCHAR(20),
    platform_roles VARCHAR(100) NOT NULL,
    status VARCHAR(20) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT account_email_unique UNIQUE (email)
);
CREATE INDEX account_organization ON account (organization_id);

CREATE TABLE product (
    id BIGINT PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    name VARCHAR(200) NOT NULL,
    software_version VARCHAR(100) NOT NULL,
    nil VARCHAR(64),
    responsable_id BIGINT NOT NULL REFERENCES account (id),
    description VARCHAR(4000) NOT NULL,
    certifications VARCHAR(2000),
    interests VARCHAR(500) NOT NULL,
    search_text VARCHAR(8000) NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX product_organization ON product (organization_id, name);

CREATE TABLE product_collaborator (
    product_id BIGINT NOT NULL REFERENCES product (id),
    account_id BIGINT NOT NULL REFERENCES account (id),
    PRIMARY KEY (product_id, account_id)
);
CREATE INDEX product_collaborator_account ON product_collaborator (account_id);

CREATE TABLE product_nru (
    id BIGINT PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES product (id),
    dispositif_id VARCHAR(63) NOT NULL,
    nru VARCHAR(32) NOT NULL,
    assigned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT product_nru_one_per_scheme UNIQUE (product_id, dispositif_id),
    CONSTRAINT product_nru_unique UNIQUE (dispositif_id, nru)
);

CREATE TABLE candidature (
    id BIGINT PRIMARY KEY,
    candidature_number CHAR(10) NOT NULL,
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    product_id BIGINT NOT NULL REFERENCES product (id),
    dispositif_id VARCHAR(63) NOT NULL,
    guichet_id VARCHAR(63) NOT NULL,
    nru VARCHAR(32) NOT NULL,
    referential_version VARCHAR(32) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by BIGINT NOT NULL,
    form_state VARCHAR(20) NOT NULL,
    evidence_state VARCHAR(20) NOT NULL,
    habilitation_state VARCHAR(20) NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT candidature_number_unique UNIQUE (candidature_number)
);
CREATE INDEX candidature_organization ON candidature (organization_id, created_at);
CREATE INDEX candidature_product ON candidature (product_id);

CREATE TABLE audit_entry (
    seq BIGINT PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id BIGINT NOT NULL,
    actor_name VARCHAR(200) NOT NULL,
    action_name VARCHAR(100) NOT NULL,
    subject_type VARCHAR(50) NOT NULL,
    subject_id VARCHAR(100) NOT NULL,
    details VARCHAR(100000) NOT NULL,
    previous_hash CHAR(64) NOT NULL,
    entry_hash CHAR(64) NOT NULL
);
CREATE INDEX audit_entry_subject ON audit_entry (subject_type, subject_id, seq);

-- One row: the last entry of the chain; appending locks it, so the chain never forks.
CREATE TABLE audit_head (
    id INT PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
