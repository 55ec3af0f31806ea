-- Billing's latest balance snapshot per account (projected from billing.balances.v1).
CREATE TABLE account_balance (
    account_id    bigint PRIMARY KEY REFERENCES account (id),
    debt          bigint      NOT NULL,            -- minor units; negative is a credit
    currency      char(3)     NOT NULL,
    as_of         timestamptz NOT NULL,
    last_event_id uuid,                            -- the last gateway event billing had applied
    received_at   timestamptz NOT NULL DEFAULT now()
);

-- Every change to what the account owes that the gateway sent billing, by the event that carried it:
-- the balance is billing's snapshot plus the movements whose event came after the snapshot's.
CREATE TABLE balance_movement (
    event_id    uuid PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES account (id),
    payment_id  uuid        NOT NULL REFERENCES payment (id),
    amount      bigint      NOT NULL,              -- negative reduces the debt (a payment), positive a refund
    at          timestamptz NOT NULL
);
CREATE INDEX balance_movement_account ON balance_movement (account_id, event_id);

-- Accounts a portal subscriber has proved and linked (aggregator portals act only on these).
CREATE TABLE subscriber_account (
    client_id   text        NOT NULL,
    subscriber  text        NOT NULL,
    account_id  bigint      NOT NULL REFERENCES account (id),
    linked_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, subscriber, account_id)
);

-- 'supplier': a supplier's own portal backend, any account of its suppliers;
-- 'aggregator': a portal serving many suppliers, only accounts linked to the named subscriber.
ALTER TABLE api_client ADD COLUMN kind text NOT NULL DEFAULT 'supplier' CHECK (kind IN ('supplier', 'aggregator'));

CREATE INDEX reading_account_submitted ON reading (account_id, submitted_at DESC, id DESC);
CREATE INDEX payment_account_created ON payment (account_id, created_at DESC, id DESC);
