-- Bound ("saved") cards: the number exists only as Tink AEAD ciphertext (bound to the token),
-- the fingerprint is a keyed HMAC, the CVC is never here. Pending until the binding payment succeeds.
CREATE TABLE bound_card (
    token         text PRIMARY KEY,
    client_id     text        NOT NULL,
    subscriber    text        NOT NULL,
    payment_type  text        NOT NULL,
    brand         text        NOT NULL,
    first6        char(6)     NOT NULL,
    last4         char(4)     NOT NULL,
    exp_month     smallint    NOT NULL,
    exp_year      smallint    NOT NULL,
    fingerprint   text        NOT NULL,
    sealed        bytea       NOT NULL,
    status        text        NOT NULL CHECK (status IN ('pending', 'active')),
    payment_id    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    activated_at  timestamptz
);
CREATE INDEX bound_card_owner ON bound_card (client_id, subscriber) WHERE status = 'active';
CREATE UNIQUE INDEX bound_card_pending_payment ON bound_card (payment_id) WHERE status = 'pending';
CREATE UNIQUE INDEX bound_card_same_card ON bound_card (client_id, subscriber, payment_type, fingerprint)
    WHERE status = 'active';

-- Which suppliers a subscriber has paid successfully: a bound card pays only those.
CREATE TABLE subscriber_supplier (
    client_id     text        NOT NULL,
    subscriber    text        NOT NULL,
    supplier      text        NOT NULL,
    first_paid_at timestamptz NOT NULL,
    PRIMARY KEY (client_id, subscriber, supplier)
);
