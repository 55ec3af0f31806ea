-- Autopay: one setting per account (the bound card that pays its bills, up to a limit per charge).
CREATE TABLE autopay (
    account_id   bigint PRIMARY KEY REFERENCES account (id),
    client_id    text        NOT NULL,
    subscriber   text        NOT NULL,
    card_token   text        NOT NULL,
    payment_type text        NOT NULL,
    max_amount   bigint      NOT NULL CHECK (max_amount > 0),
    currency     char(3)     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- One charge per bill, however often billing delivers the bill: the bill id is the key.
-- 'charging' with a payment_id means the provider may have been called: a retry re-asks the provider
-- with the same payment (its idempotency reference) instead of charging again.
CREATE TABLE autopay_charge (
    bill_id         text PRIMARY KEY,
    account_id      bigint      NOT NULL REFERENCES account (id),
    amount          bigint      NOT NULL CHECK (amount > 0),
    currency        char(3)     NOT NULL,
    due_date        date,
    status          text        NOT NULL CHECK (status IN ('pending', 'charging', 'retrying', 'succeeded', 'failed', 'skipped')),
    reason          text,
    attempts        int         NOT NULL DEFAULT 0,
    payment_id      uuid REFERENCES payment (id),
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX autopay_charge_due ON autopay_charge (next_attempt_at) WHERE status IN ('pending', 'charging', 'retrying');
CREATE INDEX autopay_charge_account ON autopay_charge (account_id, created_at DESC);

-- Promised payments: a short credit. 'active' until payments cover it; past expires_at and still
-- active it is overdue. At most one uncovered promise per account.
CREATE TABLE promised_payment (
    id         uuid PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES account (id),
    client_id  text        NOT NULL,
    amount     bigint      NOT NULL CHECK (amount > 0),
    currency   char(3)     NOT NULL,
    covered    bigint      NOT NULL DEFAULT 0 CHECK (covered >= 0),
    status     text        NOT NULL CHECK (status IN ('active', 'covered')),
    granted_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    covered_at timestamptz
);
CREATE UNIQUE INDEX promised_payment_one_open ON promised_payment (account_id) WHERE status = 'active';
CREATE INDEX promised_payment_account ON promised_payment (account_id, granted_at DESC);

-- Providers' settlement registries, one per provider and day; re-importing a day replaces it.
CREATE TABLE settlement_registry (
    provider      text        NOT NULL,
    registry_date date        NOT NULL,
    lines         bigint      NOT NULL,
    total         bigint      NOT NULL,
    sha256        text        NOT NULL,
    imported_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, registry_date)
);

CREATE TABLE settlement_line (
    provider      text    NOT NULL,
    registry_date date    NOT NULL,
    line_no       bigint  NOT NULL,
    provider_ref  text    NOT NULL,
    amount        bigint  NOT NULL,
    currency      char(3) NOT NULL,
    PRIMARY KEY (provider, registry_date, line_no)
);
CREATE INDEX settlement_line_ref ON settlement_line (provider, provider_ref);

-- Reconciliation findings from registries carry their registry day, so a re-import replaces them.
ALTER TABLE reconciliation_item ADD COLUMN registry_date date;
ALTER TABLE reconciliation_item ADD COLUMN provider_ref text;
CREATE INDEX reconciliation_item_day ON reconciliation_item (provider, registry_date);
CREATE INDEX payment_provider_succeeded ON payment (provider, succeeded_at) WHERE succeeded_at IS NOT NULL;
