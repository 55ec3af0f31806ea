-- Payments: the payment row is the state, payment_transition its history, refund the money returned,
-- callback_inbox every provider notification exactly once, reconciliation_item what needs a human.

CREATE TABLE payment (
    id              uuid PRIMARY KEY,
    number          bigserial   NOT NULL UNIQUE,      -- short numeric reference (WebMoney LMI_PAYMENT_NO)
    supplier        text        NOT NULL REFERENCES supplier (code),
    account_id      bigint      NOT NULL REFERENCES account (id),
    account         text        NOT NULL,
    client_id       text        NOT NULL,
    subscriber      text,
    payment_type    text        NOT NULL,
    amount          bigint      NOT NULL CHECK (amount > 0),
    currency        char(3)     NOT NULL,
    method          text        NOT NULL,
    provider        text        NOT NULL,
    wallet          text,
    card_brand      text,
    card_first6     char(6),
    card_last4      char(4),
    status          text        NOT NULL,
    action_url      text,
    provider_ref    text,
    failure_code    text,
    refunded_amount bigint      NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    refund_pending  bigint      NOT NULL DEFAULT 0 CHECK (refund_pending >= 0),
    needs_review    boolean     NOT NULL DEFAULT false,
    billing_notified boolean    NOT NULL DEFAULT false,
    save_card       boolean     NOT NULL DEFAULT false,
    return_url      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    succeeded_at    timestamptz,
    CHECK (refunded_amount + refund_pending <= amount)
);
CREATE INDEX payment_account_time ON payment (account_id, created_at DESC);
CREATE INDEX payment_open ON payment (updated_at) WHERE status IN ('created', 'requires_action', 'processing');
CREATE UNIQUE INDEX payment_provider_ref ON payment (provider, provider_ref) WHERE provider_ref IS NOT NULL;

CREATE TABLE payment_transition (
    id          bigserial PRIMARY KEY,
    payment_id  uuid        NOT NULL REFERENCES payment (id),
    from_status text,
    to_status   text        NOT NULL,
    reason      text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_transition_payment ON payment_transition (payment_id, id);

CREATE TABLE refund (
    id           uuid PRIMARY KEY,
    payment_id   uuid        NOT NULL REFERENCES payment (id),
    amount       bigint      NOT NULL CHECK (amount > 0),
    status       text        NOT NULL,
    provider_ref text,
    failure_code text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX refund_payment ON refund (payment_id);

CREATE TABLE callback_inbox (
    provider     text        NOT NULL,
    event_id     text        NOT NULL,
    payment_ref  text,
    status       text        NOT NULL DEFAULT 'received',
    -- the parsed notification (never card data or secrets): what apply() needs
    notification jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz,
    outcome      text,
    attempts     int         NOT NULL DEFAULT 0,
    lease_until  timestamptz,
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX callback_inbox_pending ON callback_inbox (received_at) WHERE status = 'received';

CREATE TABLE reconciliation_item (
    id          bigserial PRIMARY KEY,
    payment_id  uuid REFERENCES payment (id),
    provider    text        NOT NULL,
    kind        text        NOT NULL,
    details     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
);
