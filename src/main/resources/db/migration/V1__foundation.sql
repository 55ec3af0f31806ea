-- Peakgate foundation: suppliers, accounts, meters, readings, API clients, idempotency, outbox.

-- Suppliers are configuration; this table mirrors the configured codes so rows can reference them.
CREATE TABLE supplier (
    code        text PRIMARY KEY,
    name        text        NOT NULL,
    currency    char(3)     NOT NULL,
    time_zone   text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account (
    id          bigserial PRIMARY KEY,
    supplier    text NOT NULL REFERENCES supplier (code),
    number      text NOT NULL,
    holder      text NOT NULL,
    address     text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_number_unique UNIQUE (supplier, number)
);

CREATE TABLE meter (
    id          bigserial PRIMARY KEY,
    account_id  bigint   NOT NULL REFERENCES account (id),
    code        text     NOT NULL,
    service     text     NOT NULL,
    digits      smallint NOT NULL CHECK (digits BETWEEN 1 AND 12),
    CONSTRAINT meter_code_unique UNIQUE (account_id, code)
);

-- One row per register (T1, T2, ...): the last accepted value is kept here, locked on submission.
CREATE TABLE meter_register (
    meter_id          bigint NOT NULL REFERENCES meter (id),
    register          text   NOT NULL,
    last_value        bigint CHECK (last_value >= 0),
    last_reading_at   timestamptz,
    usual_consumption bigint NOT NULL DEFAULT 0 CHECK (usual_consumption >= 0),
    PRIMARY KEY (meter_id, register)
);

CREATE TABLE reading (
    id            uuid PRIMARY KEY,
    supplier      text        NOT NULL,
    account_id    bigint      NOT NULL REFERENCES account (id),
    meter_id      bigint      NOT NULL REFERENCES meter (id),
    period        date        NOT NULL,
    late          boolean     NOT NULL,
    needs_review  boolean     NOT NULL,
    source        text        NOT NULL,
    client_id     text        NOT NULL,
    submitted_at  timestamptz NOT NULL,
    -- [{"register":"T1","previous":12000,"value":12345,"consumption":345,"rollover":false}]
    registers     jsonb       NOT NULL,
    estimated_charge bigint
);
CREATE INDEX reading_account_time ON reading (account_id, submitted_at DESC);

CREATE TABLE api_client (
    id        text PRIMARY KEY,
    key_hash  text    NOT NULL UNIQUE,
    suppliers text    NOT NULL,
    scopes    text    NOT NULL,
    demo      boolean NOT NULL DEFAULT false,
    active    boolean NOT NULL DEFAULT true
);

-- The final guard of idempotency: written in the same transaction as the operation it protects.
CREATE TABLE idempotency_record (
    client_id    text        NOT NULL,
    idem_key     text        NOT NULL,
    fingerprint  text        NOT NULL,
    status       smallint,
    body         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, idem_key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);

-- Transactional outbox: rows commit with the business change; the relay publishes and marks them.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    kafka_key    text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    lease_owner  text,
    lease_until  timestamptz,
    sent_at      timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
