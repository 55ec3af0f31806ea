-- The review desk: what needs a person. Each source domain publishes its items as a view (no domain's SQL
-- reads another's tables); the desk unions them and records each resolution (who, when, why) once.

-- sms: payment messages that reached the gateway but paid nothing (unknown or closed account, unreadable
-- text): the aggregator may have billed the phone. Written with the reply, in the same transaction.
CREATE TABLE sms_unmatched (
    id          bigserial PRIMARY KEY,
    aggregator  text        NOT NULL,
    message_id  text        NOT NULL,
    sender      text        NOT NULL,              -- the phone, masked but for its last four digits
    short_number text       NOT NULL,
    text        text        NOT NULL,
    problem     text        NOT NULL,              -- account.not_found (its code), bad_format, unknown_keyword, ...
    supplier    text,                              -- null when the keyword names no supplier
    account     text,
    amount      bigint CHECK (amount > 0),         -- minor units, when the message names an amount
    currency    char(3),
    received_at timestamptz NOT NULL,
    CONSTRAINT sms_unmatched_message UNIQUE (aggregator, message_id)
);
CREATE INDEX sms_unmatched_time ON sms_unmatched (received_at);

-- payments: reconciliation items as review items. amount is what the provider took (the callback's or the
-- registry's figure, else the payment's; none for a refund's finding: money given back is nothing to credit),
-- counted what the gateway already told billing of this payment.
CREATE VIEW payment_review AS
SELECT i.id, i.kind AS reason, p.supplier, p.account, i.provider, coalesce(p.provider_ref, i.provider_ref) AS provider_ref,
       i.payment_id, p.status AS payment_status,
       CASE WHEN i.kind LIKE 'refund%' THEN NULL
            ELSE coalesce((i.details ->> 'notifiedAmount')::bigint, (i.details -> 'registry' ->> 'value')::bigint, p.amount)
       END AS amount,
       coalesce(i.details -> 'registry' ->> 'currency', p.currency) AS currency,
       CASE WHEN p.status IN ('succeeded', 'partially_refunded', 'refunded') THEN p.amount ELSE 0 END AS counted,
       i.details, i.created_at, i.resolved_at
FROM reconciliation_item i LEFT JOIN payment p ON p.id = i.payment_id;
CREATE INDEX reconciliation_item_time ON reconciliation_item (created_at);

-- readings: readings accepted as implausible (confirmed) or late, as review items
CREATE VIEW reading_review AS
SELECT d.id, CASE WHEN d.needs_review THEN 'implausible' ELSE 'late' END AS reason, d.supplier, a.number AS account,
       m.code AS meter, to_char(d.period, 'YYYY-MM') AS period, d.registers, d.estimated_charge, d.submitted_at
FROM reading d JOIN account a ON a.id = d.account_id JOIN meter m ON m.id = d.meter_id
WHERE d.needs_review OR d.late;
CREATE INDEX reading_review_time ON reading (submitted_at, id) WHERE needs_review OR late;

-- sms: unmatched messages, as review items
CREATE VIEW sms_review AS
SELECT id, problem AS reason, supplier, account, aggregator, message_id, sender, short_number, text, amount, currency,
       received_at
FROM sms_unmatched;

-- review: a resolution per item (the primary key makes a second one fail), with who, when and why
CREATE TABLE review_resolution (
    item        text PRIMARY KEY,                  -- the item's source and id, e.g. payment:42
    resolution  text        NOT NULL,
    reason      text        NOT NULL,
    client_id   text        NOT NULL,
    operator    text,
    supplier    text,                              -- where money went, when it did
    account     text,
    amount      bigint,
    currency    char(3),
    event_id    uuid,                              -- the billing event that told of it
    resolved_at timestamptz NOT NULL
);

-- review: the items of each source with their resolution (item, what, ... the same columns in each), newest first
-- by (created_at, item). The desk reads each source's view on its own (sorted and limited there, by the source's
-- time index) and merges the pages: a union of them all could only be sorted whole.
CREATE VIEW review_payment_item AS
SELECT s.id AS source_id, 'payment:' || s.id AS item, 'payment' AS kind, s.reason, s.supplier, s.account, s.provider,
       s.amount, s.currency::text AS currency, s.counted,
       jsonb_strip_nulls(jsonb_build_object('paymentId', s.payment_id, 'providerReference', s.provider_ref,
           'paymentStatus', s.payment_status, 'findings', s.details)) AS what, s.created_at,
       r.resolution, r.reason AS why, r.client_id AS resolved_by, r.operator, r.resolved_at,
       r.supplier AS credited_supplier, r.account AS credited_account, r.amount AS credited_amount,
       r.currency AS credited_currency, r.event_id
FROM payment_review s LEFT JOIN review_resolution r ON r.item = 'payment:' || s.id;

CREATE VIEW review_reading_item AS
SELECT s.id AS source_id, 'reading:' || s.id AS item, 'reading' AS kind, s.reason, s.supplier, s.account,
       NULL::text AS provider, s.estimated_charge AS amount, NULL::text AS currency, 0::bigint AS counted,
       jsonb_build_object('readingId', s.id, 'meter', s.meter, 'period', s.period, 'registers', s.registers) AS what,
       s.submitted_at AS created_at,
       r.resolution, r.reason AS why, r.client_id AS resolved_by, r.operator, r.resolved_at,
       r.supplier AS credited_supplier, r.account AS credited_account, r.amount AS credited_amount,
       r.currency AS credited_currency, r.event_id
FROM reading_review s LEFT JOIN review_resolution r ON r.item = 'reading:' || s.id;

CREATE VIEW review_sms_item AS
SELECT s.id AS source_id, 'sms:' || s.id AS item, 'sms' AS kind, s.reason, s.supplier, s.account, s.aggregator AS provider,
       s.amount, s.currency::text AS currency, 0::bigint AS counted,
       jsonb_strip_nulls(jsonb_build_object('messageId', s.message_id, 'from', s.sender, 'to', s.short_number,
           'text', s.text)) AS what, s.received_at AS created_at,
       r.resolution, r.reason AS why, r.client_id AS resolved_by, r.operator, r.resolved_at,
       r.supplier AS credited_supplier, r.account AS credited_account, r.amount AS credited_amount,
       r.currency AS credited_currency, r.event_id
FROM sms_review s LEFT JOIN review_resolution r ON r.item = 'sms:' || s.id;

-- activity per minute for the operator console: cheap range scans by time on the two busiest tables
CREATE INDEX reading_submitted_brin ON reading USING brin (submitted_at);
CREATE INDEX payment_created_brin ON payment USING brin (created_at);
